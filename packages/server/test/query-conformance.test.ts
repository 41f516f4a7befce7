/**
 * Query conformance: the in-memory predicate, SQLite and PostgreSQL return exactly the same ids for
 * every query over the same generated events, written through the real EventStore adapters.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { join } from 'node:path';
import type pg from 'pg';
import type { FieldValue, VigilEvent } from '@vigil/contracts';
import { finalizeEvent, parseQuery, compilePredicate, ipValue, compileSql, EVENT_COLUMNS } from '@vigil/core';
import type Database from 'better-sqlite3';
import { SqliteDb, openSqlite, PostgresDb, createPgPool, migrate } from '../src/db/index.ts';
import { SqliteEventStore, PostgresEventStore, type EventStore } from '../src/storage/index.ts';
import { TenantsRepo } from '../src/repos/tenants-repo.ts';
import { tempDir } from './support/temp-dir.ts';
import { postgresAvailable, tempSchema } from './support/postgres.ts';

function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const N = 2400;
const BASE = Date.UTC(2026, 5, 1);

function generate(): VigilEvent[] {
  const r = mulberry32(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const maybe = <T>(p: number, v: () => T): T | undefined => (r() < p ? v() : undefined);
  const messages = ['Failed password for root from 10.1.2.3 port 22 ssh2', 'Accepted publickey for deploy', 'GET /index.php?id=1%27 HTTP/1.1 200', 'disk 95% full on /var', 'user_name Admin logged IN', 'Connection refused (errno 111)', 'Ünïcode Straße ok', 'kernel: [UFW BLOCK] IN=eth0', 'sudo: pam_unix(sudo:session): session opened', 'BACKUP_DONE 100%'];
  const out: VigilEvent[] = [];
  for (let i = 0; i < N; i++) {
    const v6 = r() < 0.25;
    const fields: Record<string, FieldValue | undefined> = {
      '@timestamp': new Date(BASE + i * 37_000).toISOString(),
      message: `${pick(messages)} #${i}`,
      'event.dataset': maybe(0.9, () => pick(['sshd', 'nginx.access', 'fortigate.traffic', 'cisco.asa', 'Sshd'])),
      'vigil.severity': pick(['info', 'low', 'medium', 'high', 'critical']),
      'host.name': maybe(0.85, () => pick(['web-1', 'web-2', 'web-10', 'db-1', 'WEB-3', 'mail.example.com'])),
      'source.ip': maybe(0.9, () => (v6 ? `2001:db8:${Math.floor(r() * 4)}::${Math.floor(r() * 255).toString(16)}` : `${pick(['10', '192.168', '172.16'])}.${Math.floor(r() * 4)}.${Math.floor(r() * 255)}${pick(['', '.7'])}`.split('.').concat(['1', '1']).slice(0, 4).join('.'))),
      'destination.ip': maybe(0.6, () => `203.0.113.${Math.floor(r() * 255)}`),
      'destination.port': maybe(0.8, () => pick([22, 80, 443, 3389, 8080])),
      'http.response.status_code': maybe(0.5, () => pick<FieldValue>([200, 301, 404, 500, '404', 503.5])),
      'user.name': maybe(0.7, () => pick(['root', 'admin', 'deploy', 'Administrator', 'svc_backup', 'ann%x'])),
      'event.action': maybe(0.6, () => pick(['ssh_login', 'sudo', 'http_request', 'deny'])),
      'event.outcome': maybe(0.7, () => pick(['success', 'failure', 'unknown'])),
      'labels.env': maybe(0.8, () => pick(['prod', 'dev', 'staging'])),
      tags: maybe(0.5, () => pick<FieldValue>([['attack', 'ssh'], ['web'], [], ['ssh', 1, true], 'single'])),
      'client.ip': maybe(0.4, () => pick(['10.9.8.7', '2001:db8::99', 'not-an-ip', '10.9.1.1'])),
      bytes: maybe(0.6, () => Math.floor(r() * 100000) / 10),
      'flag.ok': maybe(0.5, () => r() < 0.5),
      'nested.obj': maybe(0.2, () => ({ a: 1 })),
      'null.field': maybe(0.2, () => null),
      'process.pid': maybe(0.3, () => Math.floor(r() * 5000)),
    };
    out.push(finalizeEvent(fields, { id: `01J${String(i).padStart(23, '0')}`, receivedAt: BASE + 100 * 86_400_000, input: 'http' }));
  }
  return out;
}

/**
 * Events aimed at places where JS, SQLite and PostgreSQL differ by default: newlines under `.`,
 * astral characters under `?` and in text order, IP texts PostgreSQL's inet input would accept,
 * field names that exist on Object.prototype.
 */
function adversarial(): VigilEvent[] {
  const raw: Array<Record<string, FieldValue>> = [
    { message: 'Traceback (most recent call last):\n  File "x.py", line 1', 'error.stack_trace': 'one\ntwo' },
    { message: 'login ok \u{1F600} from phone', 'label.name': '\u{1F600}' },
    { message: 'FULLWIDTH \uFF01 mark', 'label.name': '\uFF01' },
    { message: 'private use', 'label.name': '\uE000x' },
    { message: 'padded ip', 'client.ip': '010.001.002.003' },
    { message: 'ip with mask', 'client.ip': '10.1.2.3/24' },
    { message: 'mapped ip', 'client.ip': '::ffff:10.1.2.3' },
    { message: 'upper v6', 'client.ip': '2001:DB8::1' },
    { message: 'short v4', 'client.ip': '10.1.2' },
    { message: 'ip list', 'host.ip': ['10.2.3.4', 'fe80::1', 'junk', '010.2.3.4'] },
    { message: 'own constructor', constructor: 'x', toString: 'y' },
    { message: 'a'.repeat(300), 'host.name': 'a'.repeat(300) },
    // Case folding is ASCII only: none of these non-ASCII letters fold, in any engine.
    { message: 'Case Élan', 'label.name': 'Élan', 'user.name': 'ADMIN' },
    { message: 'case élan', 'label.name': 'élan', 'user.name': 'AdMiN' },
    { message: 'CASE ÉLAN', 'label.name': 'ÉLAN', 'event.dataset': 'SSHD' },
    { message: 'dotted', 'label.name': 'İstanbul' },
    { message: 'plain', 'label.name': 'istanbul' },
    { message: 'upper', 'label.name': 'ISTANBUL' },
    { message: 'sharp s', 'label.name': 'straße' },
    { message: 'double s', 'label.name': 'STRASSE' },
    { message: 'kelvin', 'label.name': '\u212A' },
    { message: 'k', 'label.name': 'k' },
    { message: 'K', 'label.name': 'K' },
    { message: 'greek', 'label.name': 'ΣΊΣΥΦΟΣ' },
    { message: 'greek lower', 'label.name': 'σίσυφος' },
    { message: 'fullwidth', 'label.name': '\uFF21dmin' },
    { message: 'Connection REFUSED by peer', 'user.name': 'ANN_X' },
    { message: 'mixed list', tags: ['SSH', 'Attack'], 'flag.ok': 'TRUE' as FieldValue },
    { message: 'list with null', tags: [null, 'ssh'] as FieldValue },
    { message: 'empty list', tags: [] },
    { message: 'v6 upper', 'source.ip': '2001:db8:1::AB' },
    // fieldref: same type and value only; lists any-any; message from its column; hot fields from the document.
    { message: 'same user', 'user.name': 'alice', 'user.target.name': 'alice' },
    { message: 'case differs', 'user.name': 'Alice', 'user.target.name': 'alice' },
    { message: 'number vs text', 'fr.a': 5, 'fr.b': '5' },
    { message: 'numbers', 'fr.a': 5, 'fr.b': 5 },
    { message: 'reals', 'fr.a': 2.5, 'fr.b': 2.5, 'fr.c': 2 },
    { message: 'list and scalar', 'fr.a': ['x', 'y'], 'fr.b': 'y' },
    { message: 'two lists', 'fr.a': ['p', 1], 'fr.b': [2, 1] },
    { message: 'lists apart', 'fr.a': ['p', 'q'], 'fr.b': ['r'] },
    { message: 'bools', 'fr.a': true, 'fr.b': true, 'fr.c': 1 },
    { message: 'bool vs text', 'fr.a': true, 'fr.b': 'true' },
    { message: 'objects', 'fr.a': { k: 1 }, 'fr.b': { k: 1 } },
    { message: 'null both', 'fr.a': null, 'fr.b': null },
    { message: 'fr', 'fr.a': 'fr' },
    { message: 'loop', 'source.ip': '10.0.0.1', 'destination.ip': '10.0.0.1', 'host.name': 'loop', 'user.name': 'loop' },
  ];
  return raw.map((fields, i) => finalizeEvent({ '@timestamp': new Date(BASE + i * 1000).toISOString(), ...fields }, { id: `01K${String(i).padStart(23, '0')}`, receivedAt: BASE + 100 * 86_400_000, input: 'http' }));
}

const ADVERSARIAL_QUERIES = [
  'message:/call.+File/', 'error.stack_trace:/^one.two$/', 'error.stack_trace:/one[^x]two/',
  'label.name:>\uFF01', 'label.name:<\uFF01', 'label.name:[\uFF01 TO \u{1F600}]', 'label.name:{\uE000 TO \uFF01]', 'label.name:?', 'ok???from', 'ok*from',
  'client.ip:10.0.0.0/8', 'client.ip:0.0.0.0/0', 'client.ip:::/0', 'NOT client.ip:10.0.0.0/8', 'client.ip:2001:db8::/32', 'client.ip:::ffff:0:0/96',
  'host.ip:fe80::/10', 'host.ip:10.0.0.0/8', 'NOT host.ip:10.2.0.0/16',
  'constructor:*', 'constructor:x', 'toString:*', 'toString:y', 'NOT valueOf:*', 'hasOwnProperty:[* TO *]', 'NOT constructor:x',
  'host.name:*a*a*a*a*b', 'a*a*a*a*b', 'host.name:a*a?a*a',
  // |i: ASCII folding only, on hot columns, document fields and lists.
  'label.name|i:élan', 'label.name|i:ÉLAN', 'label.name|i:Élan', 'label.name|i:istanbul', 'label.name|i:İSTANBUL', 'label.name|i:strasse', 'label.name|i:STRASSE', 'label.name|i:straße',
  'label.name|i:k', 'label.name|i:\u212A', 'label.name|i:σίσυφος', 'label.name|i:ΣΊΣΥΦΟΣ', 'label.name|i:admin', 'label.name|i:ａdmin',
  'label.name|i:*STAN*', 'label.name|i:?stanbul', 'label.name|i:é*', 'label.name|i:É*', 'label.name|i:*',
  'user.name|i:admin', 'user.name|i:ADMIN*', 'user.name|i:?dmin', 'user.name|i:"AdMiN"', 'NOT user.name|i:admin', 'user.name|i:(root OR admin)', 'user.name|i:ann%x', 'user.name|i:ANN%X', 'user.name|i:ann_x', 'user.name|i:ANN?X', 'user.name:ann?x',
  'event.dataset|i:sshd', 'event.dataset|i:SSH*', 'NOT event.dataset|i:sshd', 'host.name|i:web-*', 'host.name|i:WEB-?', 'message|i:*connection refused*', 'message|i:CASE*',
  'tags|i:ssh', 'tags|i:(ssh AND attack)', 'tags:(ssh AND attack)', 'tags:(ssh OR web)', 'tags:(attack AND NOT ssh)', 'NOT tags|i:ssh', 'tags:*', 'NOT tags:*', 'tags|i:SS?',
  'flag.ok|i:TRUE', 'flag.ok|i:True', 'flag.ok:TRUE', 'http.response.status_code|i:404', 'client.ip|i:10.0.0.0/8', 'missing.field|i:x', 'NOT missing.field|i:x',
  // IP fields are stored canonical; a term in any spelling of the address finds it.
  'source.ip:2001:DB8:1::AB', 'source.ip:2001:0db8:0001:0000:0000:0000:0000:00ab', 'source.ip:2001:db8:1:0:0:0:0:ab', 'NOT source.ip:2001:DB8:1::AB', 'host.ip:FE80::1', 'host.ip:fe80:0:0::1', 'destination.ip:(203.0.113.7 OR 2001:DB8::7)',
  'user.name|fieldref:user.target.name', 'NOT user.name|fieldref:user.target.name', 'fr.a|fieldref:fr.b', 'NOT fr.a|fieldref:fr.b', 'fr.b|fieldref:fr.a', 'fr.a|fieldref:fr.c',
  'fr.a|fieldref:message', 'message|fieldref:fr.a', 'source.ip|fieldref:destination.ip', 'host.name|fieldref:user.name', 'missing.field|fieldref:fr.a', 'fr.a|fieldref:fr.a', 'tags|fieldref:tags',
  'fr.a:* AND NOT fr.a|fieldref:fr.b', 'fr.a|fieldref:fr.b OR user.name|fieldref:user.target.name',
  'source.ip|i:2001:DB8:1::*', 'source.ip:2001:db8:1::*', 'source.ip|i:2001:db8:1::ab', 'source.ip:(10.0.0.0/8 OR 2001:db8::/32)', 'destination.port:(22 OR 443)', 'destination.port:(>1000 AND <5000)',
];

/** Texts on both sides of the IP grammar: PostgreSQL must read exactly the ones `isIP` accepts. */
const IP_TEXTS = [
  '10.1.2.3', '010.1.2.3', '10.01.2.3', '0.0.0.0', '255.255.255.255', '256.1.1.1', '10.1.2', '10.1.2.3.4', '10.1.2.3/24', ' 10.1.2.3', '1.2.3.4.',
  '::', '::1', '1::', '::ffff:1.2.3.4', '::ffff:01.2.3.4', '::1.2.3.4', '1.2.3.4::', '1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7::', '::2:3:4:5:6:7:8',
  '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7::8', '1::2::3', ':::', ':1::', '1:::2', '12345::', 'fe80::1%eth0', 'FE80::ABCD', '0000:0000:0000:0000:0000:0000:0000:0001',
  '1:2:3:4:5:6:1.2.3.4', '1:2:3:4:5:6:7:1.2.3.4', '1:2:3:4:5::1.2.3.4', '1:2:3:4:5:6::1.2.3.4', 'g::1', '2001:db8::/32', '', ':', '.', '1.2.3.4:80',
];

const QUERIES = [
  '', 'event.dataset:sshd', 'event.dataset:Sshd', 'event.dataset:"nginx.access"', 'NOT event.dataset:sshd', 'event.dataset:*', 'NOT event.dataset:*',
  'host.name:web-*', 'host.name:web-?', 'host.name:*.example.com', 'host.name:WEB-*', 'host.name:/^web-[0-9]+$/', 'host.name:/web/', 'host.name:>web-1', 'host.name:[db-1 TO web-2]', 'host.name:{db-1 TO web-2}',
  'source.ip:10.0.0.0/8', 'source.ip:192.168.0.0/16', 'source.ip:10.1.0.0/16', 'source.ip:2001:db8::/32', 'source.ip:2001:db8:1::/48', 'source.ip:0.0.0.0/0', 'source.ip:::/0', 'NOT source.ip:10.0.0.0/8', 'source.ip:*', 'source.ip:10.1.1.1', 'source.ip:10.*', 'source.ip:/^192\\./',
  'destination.ip:203.0.113.0/25', 'destination.ip:203.0.113.128/25 OR source.ip:172.16.0.0/12',
  'client.ip:10.9.0.0/16', 'client.ip:2001:db8::/64', 'client.ip:not-an-ip', 'NOT client.ip:10.0.0.0/8', 'client.ip:*',
  'destination.port:22', 'destination.port:>=443', 'destination.port:<80', 'destination.port:[80 TO 3389]', 'destination.port:{80 TO 3389}', 'destination.port:[* TO 80]', 'destination.port:[443 TO *]', 'destination.port:[* TO *]', 'NOT destination.port:>1000',
  'http.response.status_code:404', 'http.response.status_code:"404"', 'http.response.status_code:>=400', 'http.response.status_code:[300 TO 500]', 'http.response.status_code:503.5', 'http.response.status_code:>500', 'http.response.status_code:4*', 'NOT http.response.status_code:404',
  'bytes:>5000', 'bytes:<=100.5', 'bytes:[1000 TO 2000.5]', 'bytes:*',
  'vigil.severity:high', 'vigil.severity:HIGH', 'vigil.severity:>=high', 'vigil.severity:<medium', 'vigil.severity:[low TO high]', 'vigil.severity:{info TO critical}', 'NOT vigil.severity:>=medium', 'vigil.severity:HIGH*', 'vigil.severity|i:HIGH',
  'user.name:root', 'user.name:Administrator', 'user.name:admin*', 'user.name:*_*', 'user.name:ann%x', 'user.name:ann*', 'user.name:/^(root|admin)$/', 'user.name:>m', 'NOT user.name:*',
  'event.outcome:failure AND event.action:ssh_login', 'event.outcome:failure OR event.outcome:unknown', '(event.action:sudo OR event.action:deny) AND NOT event.outcome:success',
  'labels.env:prod', 'labels.env:prod AND vigil.severity:critical', 'labels.env:/^(prod|dev)$/', 'labels.env:>dev', 'NOT labels.env:staging',
  'tags:ssh', 'tags:web', 'tags:1', 'tags:true', 'tags:single', 'tags:*', 'NOT tags:attack', 'tags:/^at/',
  'flag.ok:true', 'flag.ok:false', 'NOT flag.ok:true', 'flag.ok:*',
  'nested.obj:*', 'nested.obj:1', 'null.field:*', 'NOT null.field:*',
  'process.pid:>2500', 'process.pid:[100 TO 200]',
  'failed', 'FAILED', '"failed password"', '"95%"', 'user_name', '"Connection refused"', 'fail*', 'f?iled', '*ssh2', 'straße', 'ok', '"#12"', '100%', 'refused AND NOT errno',
  'message:"disk 95% full on /var #3"', 'message:/^GET /', 'message:*Admin*',
  '@timestamp:>=2026-06-01T12:00:00Z', '@timestamp:<2026-06-01T06:00:00Z', '@timestamp:[2026-06-01T01:00:00Z TO 2026-06-01T02:00:00Z]', `@timestamp:${BASE + 37_000 * 10}`, '@timestamp:2026-06-01T00:06:10.000Z',
  'event.ingested:>=2026-01-01', 'event.ingested:<2026-01-01',
  'id:01J00000000000000000000010', 'id:01J0000000000000000000001*',
  'missing.field:x', 'NOT missing.field:x', 'missing.field:*', 'missing.field:>1', 'missing.field:10.0.0.0/8',
  'event.dataset:sshd AND source.ip:10.0.0.0/8 AND destination.port:22', 'event.dataset:sshd source.ip:10.0.0.0/8', '(event.dataset:sshd OR event.dataset:cisco.asa) AND NOT (vigil.severity:info OR vigil.severity:low)', 'NOT (NOT event.dataset:sshd)', 'a:1 OR event.dataset:sshd AND NOT user.name:root',
];

const stores: Array<{ name: string; store: EventStore; pool?: pg.Pool; close: () => Promise<void> }> = [];
const events = [...generate(), ...adversarial()];
let tenant = '';
let sqliteRaw: Database.Database | null = null;

beforeAll(async () => {
  const dir = tempDir();
  const sdb = new SqliteDb(openSqlite(join(dir.path, 'q.db')));
  await migrate(sdb);
  tenant = (await new TenantsRepo(sdb).create('q', 'Q')).id;
  // Searches run on reader threads, as in the server: their connections must answer exactly alike.
  const sstore = new SqliteEventStore(sdb.raw, { readerThreads: 2 });
  sqliteRaw = sdb.raw;
  await sstore.append(events.map((event) => ({ tenantId: tenant, event })));
  stores.push({ name: 'sqlite', store: sstore, close: async () => (await sstore.close(), await sdb.close(), dir.remove()) });
  if (await postgresAvailable()) {
    const schema = await tempSchema('qc');
    const pdb = new PostgresDb(createPgPool(schema.url));
    await migrate(pdb);
    await pdb.run('INSERT INTO tenants (id, slug, name, created_at) VALUES ($1, $2, $3, $4)', [tenant, 'q', 'Q', 0]);
    const pstore = new PostgresEventStore(pdb.pool, { searchTimeoutMs: 60_000 });
    await pstore.append(events.map((event) => ({ tenantId: tenant, event })));
    stores.push({ name: 'postgres', store: pstore, pool: pdb.pool, close: async () => (await pstore.close(), await pdb.close(), await schema.drop()) });
  }
}, 120_000);
afterAll(async () => {
  for (const s of stores) await s.close();
});

describe('query conformance: predicate = SQLite = PostgreSQL', () => {
  it(`covers ≥ 100 queries over ≥ 2000 events`, () => {
    expect(QUERIES.length).toBeGreaterThanOrEqual(100);
    expect(events.length).toBeGreaterThanOrEqual(2000);
    expect(stores.map((s) => s.name)).toEqual(process.env.CI ? ['sqlite', 'postgres'] : expect.arrayContaining(['sqlite']));
  });

  it.each([...QUERIES, ...ADVERSARIAL_QUERIES])('%s', async (q) => {
    const ast = parseQuery(q);
    const p = compilePredicate(ast);
    const expected = events.filter(p).map((e) => e.id).sort();
    for (const s of stores) {
      const page = await s.store.search({ tenantId: tenant, query: ast, limit: events.length + 10 });
      const got = page.events.map((e) => e.id).sort();
      expect({ backend: s.name, n: got.length, ids: got }).toEqual({ backend: s.name, n: expected.length, ids: expected });
    }
    // The fallback for unreadable documents (a json_valid guard) answers exactly alike on readable ones.
    const guarded = compileSql(ast, { dialect: 'sqlite', columns: EVENT_COLUMNS, doc: 'doc', docGuard: 'json_valid(doc)' });
    const rows = sqliteRaw!.prepare(`SELECT id FROM events WHERE tenant_id = ? AND (${guarded.where})`).all(tenant, ...guarded.params) as { id: string }[];
    expect({ backend: 'sqlite guarded', ids: rows.map((r) => r.id).sort() }).toEqual({ backend: 'sqlite guarded', ids: expected });
  });

  it('is not vacuous: queries select different, non-trivial subsets', () => {
    const sizes = QUERIES.map((q) => events.filter(compilePredicate(parseQuery(q))).length);
    expect(sizes.filter((n) => n > 0 && n < N).length).toBeGreaterThan(80);
    const adversarialHits = ADVERSARIAL_QUERIES.map((q) => events.filter(compilePredicate(parseQuery(q))).length);
    expect(adversarialHits.filter((n) => n > 0 && n < events.length).length).toBeGreaterThan(20);
  });

  it('PostgreSQL vigil_try_inet reads exactly the IP texts the predicate reads, as the same address', async () => {
    const pool = stores.find((s) => s.name === 'postgres')?.pool;
    if (!pool) return;
    const { rows } = await pool.query<{ t: string; ip: string | null }>('SELECT t, host(vigil_try_inet(t)) AS ip FROM unnest($1::text[]) AS t', [IP_TEXTS]);
    for (const { t, ip } of rows) {
      const js = ipValue(t);
      const pgValue = ip === null ? null : ipValue(ip);
      expect({ t, ip: pgValue && { family: pgValue.family, value: String(pgValue.value) } }).toEqual({ t, ip: js && { family: js.family, value: String(js.value) } });
    }
  });

  it('PostgreSQL CIDR queries run inside a parallel plan (no subtransactions in vigil_try_inet)', async () => {
    const pool = stores.find((s) => s.name === 'postgres')?.pool;
    if (!pool) return;
    const client = await pool.connect();
    try {
      await client.query('SET force_parallel_mode = on; SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0');
      const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM events WHERE vigil_try_inet(doc->>'client.ip') <<= '10.0.0.0/8'::inet`);
      expect(Number(rows[0]!.n)).toBe(events.filter(compilePredicate(parseQuery('client.ip:10.0.0.0/8'))).length);
    } finally {
      await client.query('RESET ALL');
      client.release();
    }
  });
});
