/**
 * @module sources/syslog-udp-source
 * Syslog over UDP (RFC 5426), IPv6 and IPv4 on one dual-stack socket. A datagram is one message (up
 * to 64 KiB); a datagram holding several newline-separated lines is split. UDP cannot push back:
 * when the pipeline is behind, datagrams are dropped and counted.
 */
import dgram from 'node:dgram';
import type { Source } from './source.ts';
import type { LineSink } from './line-sink.ts';
import type { TenantRouter } from './tenant-router.ts';
import { unmapIp } from './tenant-router.ts';
import type { StageCounters } from '../metrics/stage-counters.ts';
import type { SourceMetrics } from './source-metrics.ts';

export interface UdpSourceOptions {
  host: string;
  port: number;
  maxBytes: number;
  /** Bytes of receive buffer to ask the kernel for (`syslog.udp_receive_buffer`; capped by net.core.rmem_max). */
  receiveBuffer?: number;
}

/** The UDP syslog listener. */
export class SyslogUdpSource implements Source {
  readonly name = 'syslog-udp';
  private socket: dgram.Socket | null = null;
  /** The receive buffer the kernel granted (bytes it accounts for; Linux reports twice what was set). */
  receiveBuffer = 0;

  constructor(private readonly opts: UdpSourceOptions, private readonly sink: LineSink, private readonly router: TenantRouter, private readonly counters: StageCounters, private readonly metrics?: SourceMetrics) {}

  async start(): Promise<string[]> {
    const v6 = this.opts.host.includes(':');
    this.socket = await this.bind(v6 ? 'udp6' : 'udp4', this.opts.host).catch((err) => {
      if (v6 && ['EAFNOSUPPORT', 'EADDRNOTAVAIL'].includes((err as NodeJS.ErrnoException).code ?? '')) return this.bind('udp4', '0.0.0.0');
      throw err;
    });
    try {
      this.socket.setRecvBufferSize(this.opts.receiveBuffer ?? 16 * 1024 * 1024);
    } catch {
      /* refused: the kernel's default buffer still works (start-up warns, see receiveBufferShort) */
    }
    this.receiveBuffer = this.socket.getRecvBufferSize();
    const a = this.socket.address();
    return [`udp://${a.address.includes(':') ? `[${a.address}]` : a.address}:${a.port}`];
  }

  /** True when the kernel granted less than asked (net.core.rmem_max is lower): bursts are lost sooner. */
  get receiveBufferShort(): boolean {
    // Linux doubles the value for its bookkeeping and reports that; other systems report what was set.
    return this.receiveBuffer > 0 && this.receiveBuffer < (this.opts.receiveBuffer ?? 16 * 1024 * 1024);
  }

  /** The bound port (tests bind port 0). */
  get port(): number {
    return this.socket?.address().port ?? 0;
  }

  private bind(type: 'udp4' | 'udp6', host: string): Promise<dgram.Socket> {
    return new Promise((resolve, reject) => {
      const s = dgram.createSocket({ type, ipv6Only: false, reuseAddr: false });
      s.once('error', reject);
      s.on('message', (msg, rinfo) => this.onMessage(msg, rinfo));
      s.bind(this.opts.port, host, () => {
        s.off('error', reject);
        s.on('error', (err) => this.metrics?.socketError(this.name, err));
        resolve(s);
      });
    });
  }

  private onMessage(msg: Buffer, rinfo: dgram.RemoteInfo): void {
    if (this.sink.busy) {
      this.counters.add('received');
      this.counters.add('dropped');
      return;
    }
    const ip = unmapIp(rinfo.address);
    const tenant = this.router.route(ip);
    const text = msg.toString('utf8', 0, Math.min(msg.length, this.opts.maxBytes));
    if (text.indexOf('\n') < 0 || text.indexOf('\n') === text.length - 1) {
      const line = text.replace(/[\r\n\0]+$/, '');
      if (line) this.sink.add(tenant, line, ip);
      return;
    }
    for (const line of text.split('\n')) {
      const l = line.replace(/[\r\0]+$/, '');
      if (l) this.sink.add(tenant, l, ip);
    }
  }

  async stop(): Promise<void> {
    const s = this.socket;
    this.socket = null;
    if (s) await new Promise<void>((r) => s.close(() => r()));
    await this.sink.drain();
  }
}
