/**
 * The channel forms of the web UI are built from `CHANNEL_TYPE_SPECS` (contracts); this checks them
 * against the server's own channel parsers, so a form never asks for less or other than the server reads.
 */
import { describe, expect, it } from 'vitest';
import { CHANNEL_TYPES, CHANNEL_TYPE_SPECS, isVigilError, type ChannelFieldSpec } from '@vigil/contracts';
import { BUILTIN_CHANNELS } from '../../src/notify/channels/builtin.ts';

/** A value the parser accepts for a field of this kind. */
function sample(f: ChannelFieldSpec): unknown {
  if (f.kind === 'url') return 'https://example.org/x';
  if (f.kind === 'boolean') return false;
  if (f.kind === 'integer') return 587;
  if (f.kind === 'list') return ['ops@example.org'];
  if (f.name === 'from') return 'vigil@example.org';
  return f.kind === 'secret' && f.name === 'url' ? 'https://example.org/hook' : 'value-1';
}

describe('channel field specs', () => {
  it('cover exactly the registered channel types', () => {
    expect(CHANNEL_TYPE_SPECS.map((s) => s.type).sort()).toEqual([...CHANNEL_TYPES].sort());
    expect(Object.keys(BUILTIN_CHANNELS).sort()).toEqual([...CHANNEL_TYPES].sort());
  });

  for (const spec of CHANNEL_TYPE_SPECS) {
    describe(spec.type, () => {
      const channel = BUILTIN_CHANNELS[spec.type]!;
      const full = Object.fromEntries(spec.fields.map((f) => [f.name, sample(f)]));

      it('marks as secret exactly the fields the server seals and masks', () => {
        expect(spec.fields.filter((f) => f.kind === 'secret').map((f) => f.name).sort()).toEqual([...channel.secretFields].sort());
      });

      it('names every field the parser reads, and the parser accepts a complete form', () => {
        const parsed = channel.parseConfig(full) as Record<string, unknown>;
        expect(Object.keys(parsed).filter((k) => parsed[k] !== undefined).sort()).toEqual(spec.fields.map((f) => f.name).sort());
      });

      for (const f of spec.fields) {
        it(`${f.required ? 'requires' : 'does not require'} ${f.name}`, () => {
          const without = { ...full };
          delete without[f.name];
          let err: unknown = null;
          try {
            channel.parseConfig(without);
          } catch (e) {
            err = e;
          }
          if (f.required) {
            expect(isVigilError(err) && err.code).toBe('VIGIL_ERR_VALIDATION');
            expect((err as Error).message).toContain(`config.${f.name}`);
          } else expect(err).toBeNull();
        });
      }
    });
  }
});
