/**
 * Property tests: no parser throws or hangs on any input, and RFC 5424 / CEF survive a
 * format → parse round trip.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { listParsers, parseLine, type ParseContext } from '../../src/parsers/index.ts';
import { CTX } from './helpers.ts';

const RUNS = Number(process.env.VIGIL_FC_RUNS ?? 400);

/** Strings biased towards the characters parsers care about. */
const logish = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.stringMatching(/^[<>0-9A-Za-z :=|\[\]"\\,;.%{}\t\-/@#*()]{0,400}$/),
  fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b).toString('utf8')),
  fc.constantFrom('<', '<13>', '<13>1 ', 'CEF:', 'LEEF:', '{', 'MSWinEventLog\t', '%ASA-', 'date=', '[', '"', '\\').chain((p) => fc.string({ maxLength: 200 }).map((s) => p + s)),
);

const PREFIXES = [
  '<34>1 2024-05-14T10:00:00Z host app 1 ID [a b="c"] ',
  '<13>May 14 11:00:00 host sshd[1]: ',
  'CEF:0|V|P|1|2|N|5|',
  'LEEF:2.0|V|P|1|E|^|',
  '1,2024/05/14 08:15:27,0123,TRAFFIC,',
  'date=2024-05-14 time=08:15:27 logid=1 type=traffic ',
  '%ASA-4-106023: ',
  '<14>May 14 08:15:27 DC01 MSWinEventLog\t1\tSecurity\t1\tTue May 14 08:15:26 2024\t4625\t',
  '198.51.100.7 - - [14/May/2024:08:15:27 +0000] "',
  '{"a":',
  '<Event xmlns="x"><System>',
];

describe('robustness', () => {
  it('parseLine never throws and always returns the common fields', () => {
    fc.assert(
      fc.property(logish, fc.option(fc.integer({ min: -840, max: 840 })), (line, tz) => {
        const ctx: ParseContext = { ...CTX, timezoneOffsetMinutes: tz ?? undefined };
        const r = parseLine(line, ctx);
        expect(typeof r.fields.message).toBe('string');
        expect(typeof r.fields['@timestamp']).toBe('string');
        expect(r.fields['event.original']).toBe(line);
        expect(Number.isNaN(Date.parse(r.fields['@timestamp'] as string))).toBe(false);
      }),
      { numRuns: RUNS },
    );
  });

  it('parseLine never throws on format prefixes followed by garbage', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PREFIXES), logish, (prefix, tail) => {
        const r = parseLine(prefix + tail, CTX);
        expect(typeof r.fields.message).toBe('string');
      }),
      { numRuns: RUNS },
    );
  });

  it('no registered parser throws when called directly, with or without an envelope', () => {
    const parsers = listParsers();
    fc.assert(
      fc.property(logish, (line) => {
        for (const p of parsers) {
          const envelope = { fields: {}, content: line, appname: 'sshd' };
          expect(() => p.detect?.(line, CTX)).not.toThrow();
          expect(() => p.parse(line, CTX)).not.toThrow();
          expect(() => p.parse(line, { ...CTX, envelope })).not.toThrow();
        }
      }),
      { numRuns: 150 },
    );
  });

  it('survives huge fields, unbalanced quotes, NULs and very long lines quickly', () => {
    const big = 'A'.repeat(200_000);
    const lines = [
      `<13>May 14 11:00:00 host app: ${big}`,
      `CEF:0|V|P|1|2|N|5|msg=${big}`,
      `CEF:0|V|P|1|2|N|5|${'a=b '.repeat(20_000)}`,
      `<13>1 2024-05-14T10:00:00Z h a - - [${'x y="z" '.repeat(20_000)}`,
      `date=2024-05-14 logid=1 msg="${big}`,
      `198.51.100.7 - - [14/May/2024:08:15:27 +0000] "${'"'.repeat(50_000)}`,
      `{${'"a":{'.repeat(5_000)}`,
      `\u0000`.repeat(100_000),
      `${'%'.repeat(100_000)}ASA-`,
      `<14>x MSWinEventLog\t${'\t'.repeat(50_000)}`,
      `LEEF:1.0|${'|'.repeat(100_000)}`,
      `1,2024/05/14 08:15:27,0,TRAFFIC,${','.repeat(100_000)}`,
      `${'[junos@'.repeat(20_000)}`,
      `<Event><System>${'<Data Name="a">'.repeat(20_000)}`,
    ];
    for (const line of lines) {
      const t = performance.now();
      const r = parseLine(line, CTX);
      expect(r.fields['event.original']).toBe(line);
      expect(performance.now() - t, line.slice(0, 40)).toBeLessThan(1500);
    }
  });
});

// --- round trips ---------------------------------------------------------------------------

const sdName = fc.stringMatching(/^[A-Za-z0-9_.-]{1,16}$/);
const sdValue = fc.string({ maxLength: 24 }).filter((s) => !/[\u0000-\u001f]/.test(s));
const token = fc.stringMatching(/^[!-~]{1,24}$/).filter((s) => s !== '-' && !s.includes(' '));

interface Syslog5424 {
  pri: number;
  time: number;
  host: string | undefined;
  app: string | undefined;
  procid: string | undefined;
  msgid: string | undefined;
  sd: Record<string, Record<string, string>>;
  msg: string;
}

function escapeSd(v: string): string {
  return v.replace(/[\\"\]]/g, (c) => `\\${c}`);
}

/** The RFC 5424 text of a record (the small formatter the round trip needs). */
function format5424(r: Syslog5424): string {
  const sd = Object.keys(r.sd).length
    ? Object.entries(r.sd).map(([id, params]) => `[${id}${Object.entries(params).map(([k, v]) => ` ${k}="${escapeSd(v)}"`).join('')}]`).join('')
    : '-';
  const nil = (v: string | undefined) => v ?? '-';
  return `<${r.pri}>1 ${new Date(r.time).toISOString()} ${nil(r.host)} ${nil(r.app)} ${nil(r.procid)} ${nil(r.msgid)} ${sd}${r.msg === '' ? '' : ` ${r.msg}`}`;
}

const record5424: fc.Arbitrary<Syslog5424> = fc.record({
  pri: fc.integer({ min: 0, max: 191 }),
  time: fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2090, 0, 1) }),
  host: fc.option(token, { nil: undefined }),
  app: fc.option(token.map((s) => s.slice(0, 48)), { nil: undefined }),
  procid: fc.option(token, { nil: undefined }),
  msgid: fc.option(token.map((s) => s.slice(0, 32)), { nil: undefined }),
  sd: fc.dictionary(sdName.map((s) => `${s}@1`), fc.dictionary(sdName, sdValue, { maxKeys: 3 }), { maxKeys: 3 }),
  msg: fc.string({ maxLength: 80 }).map((s) => s.trim()).filter((s) => !s.startsWith('\uFEFF')),
});

interface CefRecord {
  vendor: string;
  product: string;
  version: string;
  sig: string;
  name: string;
  severity: number;
  ext: Record<string, string>;
}

function escapeHeader(v: string): string {
  return v.replace(/[\\|]/g, (c) => `\\${c}`);
}

function escapeExt(v: string): string {
  return v.replace(/[\\=]/g, (c) => `\\${c}`).replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/** The CEF text of a record. */
function formatCef(r: CefRecord): string {
  const ext = Object.entries(r.ext).map(([k, v]) => `${k}=${escapeExt(v)}`).join(' ');
  return `CEF:0|${escapeHeader(r.vendor)}|${escapeHeader(r.product)}|${escapeHeader(r.version)}|${escapeHeader(r.sig)}|${escapeHeader(r.name)}|${r.severity}|${ext}`;
}

const headerText = fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() === s && s !== '' && !/[\r\n]/.test(s));
const cefRecord: fc.Arbitrary<CefRecord> = fc.record({
  vendor: headerText,
  product: headerText,
  version: headerText,
  sig: headerText,
  name: headerText,
  severity: fc.integer({ min: 0, max: 10 }),
  ext: fc.dictionary(
    fc.stringMatching(/^[a-z][A-Za-z0-9]{0,12}$/),
    fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim() === s && s !== '' && !s.includes('\t')),
    { maxKeys: 6 },
  ),
});

describe('round trips', () => {
  it('parse(format5424(x)) gives x back', () => {
    fc.assert(
      fc.property(record5424, (r) => {
        const f = parseLine(format5424(r), CTX).fields;
        expect(f['log.syslog.priority']).toBe(r.pri);
        expect(f['@timestamp']).toBe(new Date(r.time).toISOString());
        expect(f['host.name']).toBe(r.host);
        expect(f['log.syslog.appname']).toBe(r.app);
        expect(f['log.syslog.procid']).toBe(r.procid);
        expect(f['log.syslog.msgid']).toBe(r.msgid);
        expect(f['log.syslog.structured_data'] ?? {}).toEqual(r.sd);
        // A body parser may read the MSG; the envelope always keeps it as written.
        if (f['vigil.parser'] === 'rfc5424') expect(f.message).toBe(r.msg);
      }),
      { numRuns: RUNS },
    );
  });

  it('parse(formatCef(x)) gives x back', () => {
    fc.assert(
      fc.property(cefRecord, (r) => {
        const f = parseLine(formatCef(r), CTX).fields;
        expect(f['event.dataset']).toBe('cef');
        expect(f['observer.vendor']).toBe(r.vendor);
        expect(f['observer.product']).toBe(r.product);
        expect(f['observer.version']).toBe(r.version);
        expect(f['event.code']).toBe(r.sig);
        expect(f['cef.name']).toBe(r.name);
        expect(f['cef.severity']).toBe(String(r.severity));
        for (const [k, v] of Object.entries(r.ext)) expect(f[`cef.extensions.${k}`], k).toBe(v);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('hostile keys', () => {
  const KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype'];
  it.each(KEYS)('keeps "%s" as an ordinary field name in every key=value format', (k) => {
    const sd = parseLine(`<13>1 2024-05-14T10:00:00Z h a - - [${k} ${k}="v"] m`, CTX).fields['log.syslog.structured_data'] as Record<string, Record<string, string>>;
    expect(Object.prototype.hasOwnProperty.call(sd, k)).toBe(true);
    expect(sd[k]![k]).toBe('v');
    expect(parseLine(`CEF:0|V|P|1|2|N|5|${k}=v src=192.0.2.1`, CTX).fields[`cef.extensions.${k}`]).toBe('v');
    expect(parseLine(`LEEF:1.0|V|P|1|E|${k}=v\tsrc=192.0.2.1`, CTX).fields[`leef.${k}`]).toBe('v');
    expect(parseLine(`${k}=v other=w`, CTX).fields[`kv.${k}`]).toBe('v');
    expect(parseLine(`date=2024-05-14 time=08:15:27 logid=1 type=event ${k}=v`, CTX).fields[`fortinet.${k}`]).toBe('v');
    const json = parseLine(`{"${k}":{"a":1},"b":2}`, CTX).fields;
    expect(json.b).toBe(2);
    expect(Object.getPrototypeOf(json)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).a).toBeUndefined();
  });
});
