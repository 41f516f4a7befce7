/**
 * @module sigma/modifiers/encoding
 * `base64`, `base64offset`, `utf16le`, `utf16be`, `wide`: match encoded forms of a value
 * (PowerShell `-EncodedCommand` payloads and the like).
 */
import { plainString, plainText, type SigmaValue } from '../sigma-value.ts';
import { eachValue, SigmaModifierError, type SigmaModifier } from './modifier.ts';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 of bytes, with padding. */
function base64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    out += B64[a >> 2]! + B64[((a & 3) << 4) | ((b ?? 0) >> 4)]!;
    out += b === undefined ? '=' : B64[((b & 15) << 2) | ((c ?? 0) >> 6)]!;
    out += c === undefined ? '=' : B64[c & 63]!;
  }
  return out;
}

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function bytesOf(name: string, v: SigmaValue): Uint8Array {
  if (v.kind === 'bytes') return v.bytes;
  if (v.kind === 'string') {
    const t = plainText(v);
    if (t === undefined) throw new SigmaModifierError(`modifier '${name}' cannot encode a value with wildcards`);
    return utf8(t);
  }
  throw new SigmaModifierError(`modifier '${name}' cannot be applied to a ${v.kind} value`);
}

function utf16(name: string, littleEndian: boolean): SigmaModifier {
  return {
    name,
    apply: (values) =>
      eachValue(name, values, ['string'], (v) => {
        const t = plainText(v as Extract<SigmaValue, { kind: 'string' }>);
        if (t === undefined) throw new SigmaModifierError(`modifier '${name}' cannot encode a value with wildcards`);
        const out = new Uint8Array(t.length * 2);
        for (let i = 0; i < t.length; i++) {
          const c = t.charCodeAt(i);
          out[2 * i + (littleEndian ? 0 : 1)] = c & 0xff;
          out[2 * i + (littleEndian ? 1 : 0)] = c >> 8;
        }
        return { kind: 'bytes', bytes: out };
      }),
  };
}

export const utf16le = utf16('utf16le', true);
export const utf16be = utf16('utf16be', false);
export const wide: SigmaModifier = { ...utf16le, name: 'wide' };

export const base64Modifier: SigmaModifier = {
  name: 'base64',
  apply: (values) => eachValue('base64', values, ['string', 'bytes'], (v) => plainString(base64(bytesOf('base64', v)))),
};

/**
 * `base64offset`: the three encodings of a value at byte offsets 0, 1 and 2 of a longer base64 text,
 * trimmed to the characters that do not depend on the neighbours (Sigma's definition).
 */
export const base64offset: SigmaModifier = {
  name: 'base64offset',
  apply: (values) =>
    eachValue('base64offset', values, ['string', 'bytes'], (v) => {
      const bytes = bytesOf('base64offset', v);
      const starts = [0, 2, 3];
      const ends = [0, -3, -2];
      const out: SigmaValue[] = [];
      for (let i = 0; i < 3; i++) {
        const padded = new Uint8Array(i + bytes.length);
        padded.fill(0x20, 0, i);
        padded.set(bytes, i);
        const enc = base64(padded);
        const endTrim = ends[(bytes.length + i) % 3]!;
        const text = enc.slice(starts[i]!, endTrim === 0 ? undefined : enc.length + endTrim);
        out.push(plainString(text));
      }
      return out;
    }),
};
