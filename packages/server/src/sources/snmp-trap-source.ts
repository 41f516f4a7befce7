/**
 * @module sources/snmp-trap-source
 * SNMP notifications on UDP (dual-stack): v1 traps, v2c traps and informs (acknowledged), v3 traps
 * and informs (authNoPriv, authPriv) with engine-ID discovery. Decoding and USM run in net-snmp; the
 * socket and the tenant choice are ours: the sender's address picks the tenant (like syslog), and
 * only that tenant's communities and users are accepted. A trap with an unknown community or user,
 * or a wrong v3 key, is never stored: it is counted by reason on /metrics.
 */
import dgram from 'node:dgram';
import snmp from 'net-snmp';
import type { Input } from '@vigil/contracts';
import { trapFields, type DecodedTrap, type OidTable } from '@vigil/core';
import type { Source } from './source.ts';
import type { TenantRouter } from './tenant-router.ts';
import { unmapIp } from './tenant-router.ts';
import type { StageCounters } from '../metrics/stage-counters.ts';
import type { Counter } from '../metrics/registry.ts';
import type { IngestService, IngestItem } from '../pipeline/ingest-service.ts';
import type { Logger } from '../log/logger.ts';
import type { TrapCredentials } from '../snmp/trap-credentials.ts';
import { netSnmpUser } from '../snmp/snmp-security.ts';
import { plainVarbind } from '../snmp/snmp-values.ts';

/** Where and how the trap listener runs. */
export interface SnmpTrapSourceOptions {
  host: string;
  port: number;
  /** Hex engine ID the receiver answers discovery with (informs over v3). */
  engineId: string;
  /** Traps accepted but not yet stored above which new ones are dropped (counted). */
  maxBacklog: number;
}

/** What the trap listener hands traps to and counts with. */
export interface SnmpTrapDeps {
  ingest: IngestService;
  router: TenantRouter;
  credentials: TrapCredentials;
  oids: () => OidTable;
  counters: StageCounters;
  rejected: Counter;
  log: Logger;
}

interface TenantReceiver {
  version: number;
  receiver: { onMsg(socket: dgram.Socket, buf: Buffer, rinfo: dgram.RemoteInfo): void; close(): void };
}

const INPUT: Input = 'snmp';
const BATCH = 500;
const FLUSH_MS = 20;

/** Why net-snmp refused a message, as a metric label. */
function reasonOf(err: Error & { code?: number }): string {
  const m = err.message ?? '';
  if (m.includes('community')) return 'unknown_community';
  if (m.includes('Local user not found')) return 'unknown_user';
  if (m.startsWith('Authentication digest') || m.startsWith('Failed to decrypt') || m.includes('requires authentication') || m.includes('requires privacy')) return 'auth_failed';
  if (err.name === 'ProcessingError') return 'malformed';
  return 'invalid';
}

/** The trap listener. */
export class SnmpTrapSource implements Source {
  readonly name = 'snmp-trap';
  private socket: dgram.Socket | null = null;
  private readonly receivers = new Map<string, TenantReceiver>();
  private readonly batches = new Map<string, IngestItem[]>();
  private pending = 0;
  private inFlight = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly flushing = new Set<Promise<void>>();

  constructor(private readonly opts: SnmpTrapSourceOptions, private readonly deps: SnmpTrapDeps) {}

  async start(): Promise<string[]> {
    const v6 = this.opts.host.includes(':');
    this.socket = await this.bind(v6 ? 'udp6' : 'udp4', this.opts.host).catch((err) => {
      if (v6 && ['EAFNOSUPPORT', 'EADDRNOTAVAIL'].includes((err as NodeJS.ErrnoException).code ?? '')) return this.bind('udp4', '0.0.0.0');
      throw err;
    });
    try {
      this.socket.setRecvBufferSize(8 * 1024 * 1024);
    } catch {
      /* capped by net.core.rmem_max; the default still works */
    }
    const a = this.socket.address();
    return [`udp://${a.address.includes(':') ? `[${a.address}]` : a.address}:${a.port}`];
  }

  /** The bound port (tests bind port 0). */
  get port(): number {
    return this.socket?.address().port ?? 0;
  }

  private bind(type: 'udp4' | 'udp6', host: string): Promise<dgram.Socket> {
    return new Promise((resolve, reject) => {
      const s = dgram.createSocket({ type, ipv6Only: false, reuseAddr: false });
      s.once('error', reject);
      s.on('message', (msg, rinfo) => this.onMessage(s, msg, rinfo));
      s.bind(this.opts.port, host, () => {
        s.off('error', reject);
        s.on('error', (err) => this.deps.log.warn({ err: err.message }, 'snmp trap socket error'));
        resolve(s);
      });
    });
  }

  /** The net-snmp receiver holding one tenant's communities and users; rebuilt after a change. */
  private receiverFor(tenantId: string): TenantReceiver['receiver'] {
    const creds = this.deps.credentials.forTenant(tenantId);
    const have = this.receivers.get(tenantId);
    if (have && have.version === creds.version) return have.receiver;
    // sockets: [] — the receiver binds nothing; we hand it datagrams from our own socket.
    const receiver = snmp.createReceiver({ sockets: [], engineID: this.opts.engineId, includeAuthentication: true, disableAuthorization: false }, (err: Error | null, n: unknown) => this.onNotification(tenantId, err, n)) as TenantReceiver['receiver'];
    const auth = (receiver as unknown as { getAuthorizer(): { addCommunity(c: string): void; addUser(u: unknown): void } }).getAuthorizer();
    for (const c of creds.communities) auth.addCommunity(c);
    for (const u of creds.users) auth.addUser(netSnmpUser(u));
    this.receivers.set(tenantId, { version: creds.version, receiver });
    return receiver;
  }

  private onMessage(socket: dgram.Socket, msg: Buffer, rinfo: dgram.RemoteInfo): void {
    this.deps.counters.add('received');
    if (this.inFlight + this.pending >= this.opts.maxBacklog) {
      this.deps.counters.add('dropped');
      this.deps.rejected.inc({ reason: 'backlog' });
      return;
    }
    const tenantId = this.deps.router.route(unmapIp(rinfo.address));
    try {
      this.receiverFor(tenantId).onMsg(socket, msg, rinfo);
    } catch (err) {
      this.deps.counters.add('dropped');
      this.deps.rejected.inc({ reason: 'malformed' });
      this.deps.log.debug({ err: (err as Error).message }, 'snmp message not processed');
    }
  }

  private onNotification(tenantId: string, err: Error | null, n: unknown): void {
    if (err) {
      // Responses to our own discovery reports land here too; only real refusals are counted.
      const reason = reasonOf(err as Error & { code?: number });
      this.deps.counters.add('dropped');
      this.deps.rejected.inc({ reason });
      const from = (err as { rinfo?: dgram.RemoteInfo }).rinfo;
      this.deps.log.debug({ reason, from: from ? unmapIp(from.address) : undefined }, 'snmp trap rejected');
      return;
    }
    const { pdu, rinfo } = n as { pdu: Record<string, any>; rinfo: dgram.RemoteInfo };
    const sender = unmapIp(rinfo.address) ?? rinfo.address;
    const trap: DecodedTrap = {
      version: pdu.type === snmp.PduType.Trap ? '1' : pdu.user !== undefined ? '3' : '2c',
      pdu: pdu.type === snmp.PduType.InformRequest ? 'inform' : 'trap',
      sender,
      varbinds: (pdu.varbinds ?? []).map(plainVarbind),
    };
    if (trap.version === '1') {
      trap.enterprise = String(pdu.enterprise ?? '');
      trap.agentAddr = typeof pdu.agentAddr === 'string' ? pdu.agentAddr : undefined;
      trap.generic = Number(pdu.generic);
      trap.specific = Number(pdu.specific);
      trap.uptime = typeof pdu.upTime === 'number' ? pdu.upTime : undefined;
    }
    if (trap.version === '3' && typeof pdu.user === 'string') trap.user = pdu.user;
    this.add(tenantId, { kind: 'json', value: trapFields(trap, this.deps.oids()) });
  }

  private add(tenantId: string, item: IngestItem): void {
    let b = this.batches.get(tenantId);
    if (!b) this.batches.set(tenantId, (b = []));
    b.push(item);
    this.pending++;
    if (b.length >= BATCH) this.flushTenant(tenantId);
    else if (!this.timer) this.timer = setTimeout(() => this.flush(), FLUSH_MS);
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const t of [...this.batches.keys()]) this.flushTenant(t);
  }

  private flushTenant(tenantId: string): void {
    const items = this.batches.get(tenantId);
    if (!items?.length) return;
    this.batches.delete(tenantId);
    this.pending -= items.length;
    this.inFlight += items.length;
    // The ingest service counts received/emitted for input "snmp" again per event; the source counts datagrams.
    const p = this.deps.ingest
      .ingest(tenantId, INPUT, items)
      .then(
        () => undefined,
        (err) => this.deps.log.error({ err, traps: items.length }, 'could not store received traps'),
      )
      .finally(() => {
        this.inFlight -= items.length;
        this.flushing.delete(p);
      });
    this.flushing.add(p);
  }

  async stop(): Promise<void> {
    const s = this.socket;
    this.socket = null;
    if (s) await new Promise<void>((r) => s.close(() => r()));
    this.flush();
    while (this.flushing.size) await Promise.all([...this.flushing]);
  }
}
