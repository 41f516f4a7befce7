/**
 * @module snmp/snmp-client
 * Talks to one device with net-snmp: get scalars, walk table columns (GETBULK on v2c/v3, GETNEXT on
 * v1), all under one deadline. Answers raw values by object name for `pollMetrics` (core).
 */
import snmp from 'net-snmp';
import { isIP } from 'node:net';
import { VigilError } from '@vigil/contracts';
import type { OidTable, PollRaw } from '@vigil/core';
import type { DeviceCredentials, SnmpVersion } from './device-input.ts';
import { netSnmpUser } from './snmp-security.ts';
import { plainVarbind } from './snmp-values.ts';

/** Where and how to reach a device. */
export interface SnmpTarget {
  address: string;
  port: number;
  version: SnmpVersion;
  credentials: DeviceCredentials;
  timeoutMs: number;
}

type Value = string | number | null;
type Session = snmp.Session;

function open(t: SnmpTarget): Session {
  const transport = isIP(t.address) === 6 ? 'udp6' : 'udp4';
  const common = { port: t.port, retries: 1, timeout: t.timeoutMs, transport, backoff: 1 };
  if (t.version === '3') {
    if (!('user' in t.credentials)) throw new VigilError('VIGIL_ERR_VALIDATION', 'A v3 device needs a user.');
    return snmp.createV3Session(t.address, netSnmpUser(t.credentials.user), { ...common, version: snmp.Version3 } as snmp.SessionOptionsV3);
  }
  if (!('community' in t.credentials)) throw new VigilError('VIGIL_ERR_VALIDATION', 'A v1/v2c device needs a community.');
  return snmp.createSession(t.address, t.credentials.community, { ...common, version: t.version === '1' ? snmp.Version1 : snmp.Version2c } as snmp.SessionOptions);
}

function get(s: Session, oids: string[]): Promise<Array<{ oid: string; value: Value } | null>> {
  return new Promise((resolve, reject) => {
    s.get(oids, (err, vbs) => {
      if (err) return reject(err);
      resolve((vbs ?? []).map((vb) => (snmp.isVarbindError(vb) ? null : { oid: vb.oid, value: plainVarbind(vb).value })));
    });
  });
}

function walk(s: Session, oid: string): Promise<Record<string, Value>> {
  const rows: Record<string, Value> = {};
  const prefix = `${oid}.`;
  return new Promise((resolve, reject) => {
    s.subtree(
      oid,
      40,
      (vbs) => {
        for (const vb of vbs) if (!snmp.isVarbindError(vb) && vb.oid.startsWith(prefix)) rows[vb.oid.slice(prefix.length)] = plainVarbind(vb).value;
      },
      (err) => (err ? reject(err) : resolve(rows)),
    );
  });
}

/** Scalars one by one: SNMPv1 fails a whole GET when one OID is missing. */
async function getEach(s: Session, oids: string[]): Promise<Array<{ oid: string; value: Value } | null>> {
  const out: Array<{ oid: string; value: Value } | null> = [];
  for (const o of oids) out.push(await get(s, [o]).then((r) => r[0] ?? null, () => null));
  return out;
}

/** A readable reason for a failed poll. */
export function pollError(err: unknown): string {
  const e = err as Error & { name?: string };
  if (e?.name === 'RequestTimedOutError' || /timed out/i.test(e?.message ?? '')) return 'no answer (timeout): check the address, port, community or v3 user, and that UDP is allowed';
  return e?.message ?? String(err);
}

/** Reads scalars (by name, `.0` appended unless the name is a full OID) and columns from a device. */
export async function readDevice(t: SnmpTarget, table: OidTable, scalars: readonly string[], columns: readonly string[], extra: ReadonlyArray<{ name: string; oid: string }> = [], now: () => number = Date.now): Promise<PollRaw> {
  const session = open(t);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    // Retries included: each request may take timeout x 2; the poll as a whole gets four of those.
    timer = setTimeout(() => reject(new Error('timed out')), t.timeoutMs * 4 + 500);
  });
  try {
    return await Promise.race([deadline, (async () => {
      const scalarOids: Array<{ name: string; oid: string }> = [];
      for (const n of scalars) {
        const oid = table.oidOf(n);
        if (oid) scalarOids.push({ name: n, oid: `${oid}.0` });
      }
      scalarOids.push(...extra);
      const oids = scalarOids.map((x) => x.oid);
      let answers: Array<{ oid: string; value: Value } | null>;
      if (t.version === '1') answers = await getEach(session, oids);
      else answers = await get(session, oids);
      // The first request proves the device answers: a timeout here is the device's, not a column's.
      const out: PollRaw = { ts: now(), scalars: {}, columns: {} };
      const sc = out.scalars as Record<string, Value>;
      scalarOids.forEach((x, i) => {
        const a = answers[i];
        if (a) sc[x.name] = a.value;
      });
      const cols = out.columns as Record<string, Record<string, Value>>;
      await Promise.all(
        columns.map(async (n) => {
          const oid = table.oidOf(n);
          if (!oid) return;
          const rows = await walk(session, oid).catch(() => ({}));
          if (Object.keys(rows).length) cols[n] = rows;
        }),
      );
      return out;
    })()]);
  } finally {
    clearTimeout(timer);
    session.close();
  }
}

/** What a discovery walk found and the profile it suggests. */
export interface Discovery {
  system: { name?: string; descr?: string; objectId?: string; objectName?: string; uptimeS?: number; location?: string; contact?: string };
  interfaces: Array<{ ifIndex: string; descr: string; operStatus?: number }>;
  capabilities: { interfaces: boolean; hostResources: boolean; ucd: boolean; ciscoCpu: boolean };
  suggestedProfile: string;
}

/** Walks the system and interface tables and probes the CPU/memory MIBs; suggests a profile. */
export async function discoverDevice(t: SnmpTarget, table: OidTable): Promise<Discovery> {
  const raw = await readDevice(t, table, ['sysDescr', 'sysObjectID', 'sysUpTime', 'sysName', 'sysLocation', 'sysContact', 'memTotalReal'], ['ifDescr', 'ifOperStatus', 'hrStorageDescr', 'hrProcessorLoad', 'cpmCPUTotal1minRev']);
  const s = raw.scalars;
  const c = raw.columns;
  const caps = { interfaces: !!c.ifDescr, hostResources: !!(c.hrStorageDescr || c.hrProcessorLoad), ucd: s.memTotalReal !== undefined, ciscoCpu: !!c.cpmCPUTotal1minRev };
  const suggestedProfile = caps.ucd ? 'host' : caps.hostResources || caps.ciscoCpu ? 'network' : caps.interfaces ? 'interfaces' : 'system';
  const objectId = s.sysObjectID === undefined || s.sysObjectID === null ? undefined : String(s.sysObjectID);
  return {
    system: {
      name: s.sysName === undefined ? undefined : String(s.sysName),
      descr: s.sysDescr === undefined ? undefined : String(s.sysDescr),
      objectId,
      objectName: objectId ? table.name(objectId) : undefined,
      uptimeS: typeof s.sysUpTime === 'number' ? s.sysUpTime / 100 : undefined,
      location: s.sysLocation === undefined ? undefined : String(s.sysLocation),
      contact: s.sysContact === undefined ? undefined : String(s.sysContact),
    },
    interfaces: Object.entries(c.ifDescr ?? {}).map(([i, d]) => ({ ifIndex: i, descr: String(d), ...(c.ifOperStatus?.[i] !== undefined ? { operStatus: Number(c.ifOperStatus[i]) } : {}) })),
    capabilities: caps,
    suggestedProfile,
  };
}
