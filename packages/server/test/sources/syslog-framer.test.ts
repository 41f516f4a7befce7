import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { SyslogFramer } from '../../src/sources/syslog-framer.ts';

const b = (s: string) => Buffer.from(s);

describe('SyslogFramer', () => {
  it('splits newline framing, with CRLF and a final line at end', () => {
    const f = new SyslogFramer(1000);
    expect(f.push(b('<13>a one\r\n<13>b tw')).messages).toEqual(['<13>a one']);
    expect(f.push(b('o\n<13>c')).messages).toEqual(['<13>b two']);
    expect(f.end()).toEqual(['<13>c']);
    expect(f.framing).toBe('lf');
  });

  it('splits octet counting across chunk boundaries (RFC 6587)', () => {
    const f = new SyslogFramer(1000);
    const m1 = '<13>1 2026-01-01T00:00:00Z h a - - - line\nwith newline';
    const m2 = '<14>1 - - - - - - x';
    const all = b(`${Buffer.byteLength(m1)} ${m1}${Buffer.byteLength(m2)} ${m2}`);
    const got: string[] = [];
    for (let i = 0; i < all.length; i += 7) got.push(...f.push(all.subarray(i, i + 7)).messages);
    expect(got).toEqual([m1, m2]);
    expect(f.framing).toBe('octet');
  });

  it('counts multi-byte lengths in bytes', () => {
    const f = new SyslogFramer(1000);
    const m = '<13>ünïcødé ✓';
    expect(f.push(b(`${Buffer.byteLength(m)} ${m}`)).messages).toEqual([m]);
  });

  it('truncates oversized messages in both framings and keeps going', () => {
    const lf = new SyslogFramer(10);
    const r = lf.push(b('0123456789ABCDEF\nshort\n'));
    expect(r.messages).toEqual(['0123456789', 'short']);
    expect(r.truncated).toBe(1);
    const oc = new SyslogFramer(10);
    const r2 = oc.push(b('16 0123456789ABCDEF5 hello'));
    expect(r2.messages).toEqual(['0123456789', 'hello']);
    expect(r2.truncated).toBe(1);
  });

  it('truncates an oversized newline-framed line once, however many chunks it spans', () => {
    const f = new SyslogFramer(10);
    const out: string[] = [];
    let truncated = 0;
    for (const chunk of ['0123456789AB', 'CDEFGHIJKLMNOP', 'QRSTUVWXYZ0123456789', 'end\nnext\n']) {
      const r = f.push(b(chunk));
      out.push(...r.messages);
      truncated += r.truncated;
      if (!chunk.includes('\n')) expect(f.pending).toBeGreaterThan(0);
    }
    expect(out).toEqual(['0123456789', 'next']);
    expect(truncated).toBe(1);
    expect(f.pending).toBe(0);
  });

  it('never throws and never loses a complete line on arbitrary chunking', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 40 }).filter((s) => !/[\r\n]/.test(s) && s.trim() === s && s.length > 0 && !/^\d/.test(s)), { minLength: 1, maxLength: 20 }), fc.integer({ min: 1, max: 17 }), (lines, step) => {
        const f = new SyslogFramer(10_000);
        const data = b(lines.map((l) => `${l}\n`).join(''));
        const got: string[] = [];
        for (let i = 0; i < data.length; i += step) got.push(...f.push(data.subarray(i, i + step)).messages);
        got.push(...f.end());
        expect(got).toEqual(lines);
      }),
    );
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      const f = new SyslogFramer(64);
      f.push(Buffer.from(bytes));
      f.end();
    }));
  });
});
