/**
 * @module sources/syslog-tcp-source
 * Syslog over TCP (RFC 6587: octet counting or newline framing, detected per connection) and over
 * TLS (RFC 5425) with the same handler. Backpressure: while the pipeline is behind, connections stop
 * reading — nothing is dropped.
 */
import net from 'node:net';
import tls from 'node:tls';
import { readFileSync } from 'node:fs';
import type { Input } from '@vigil/contracts';
import type { Source } from './source.ts';
import type { LineSink } from './line-sink.ts';
import type { TenantRouter } from './tenant-router.ts';
import { unmapIp } from './tenant-router.ts';
import { SyslogFramer } from './syslog-framer.ts';
import type { StageCounters } from '../metrics/stage-counters.ts';
import type { Logger } from '../log/logger.ts';

export interface TcpSourceOptions {
  host: string;
  port: number;
  maxBytes: number;
  idleTimeoutMs: number;
  maxConnections: number;
  /** PEM files: set for TLS. */
  tls?: { cert: string; key: string };
}

/** The TCP (or TLS) syslog listener. */
export class SyslogTcpSource implements Source {
  readonly name: Input;
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();

  constructor(private readonly opts: TcpSourceOptions, private readonly sink: LineSink, private readonly router: TenantRouter, private readonly counters: StageCounters, private readonly log: Logger) {
    this.name = opts.tls ? 'syslog-tls' : 'syslog-tcp';
  }

  /** The bound port (tests bind port 0). */
  get port(): number {
    const a = this.server?.address();
    return typeof a === 'object' && a ? a.port : 0;
  }

  async start(): Promise<string[]> {
    const handler = (socket: net.Socket) => this.onConnection(socket);
    const make = () => (this.opts.tls ? tls.createServer({ cert: readFileSync(this.opts.tls.cert), key: readFileSync(this.opts.tls.key) }, handler) : net.createServer(handler));
    const listen = (server: net.Server, host: string) =>
      new Promise<net.Server>((resolve, reject) => {
        server.once('error', reject);
        server.listen({ port: this.opts.port, host, ipv6Only: false }, () => {
          server.off('error', reject);
          resolve(server);
        });
      });
    const v6 = this.opts.host.includes(':');
    this.server = await listen(make(), this.opts.host).catch((err) => {
      if (v6 && ['EAFNOSUPPORT', 'EADDRNOTAVAIL'].includes((err as NodeJS.ErrnoException).code ?? '')) return listen(make(), '0.0.0.0');
      throw err;
    });
    this.server.maxConnections = this.opts.maxConnections;
    this.server.on('error', (err) => this.log.error({ err, source: this.name }, 'listener error'));
    if (this.opts.tls) this.server.on('tlsClientError', (err) => this.log.warn({ err: err.message, source: this.name }, 'TLS handshake failed'));
    const a = this.server.address() as net.AddressInfo;
    return [`${this.opts.tls ? 'tls' : 'tcp'}://${a.address.includes(':') ? `[${a.address}]` : a.address}:${a.port}`];
  }

  private onConnection(socket: net.Socket): void {
    this.sockets.add(socket);
    const ip = unmapIp(socket.remoteAddress);
    const tenant = this.router.route(ip);
    const framer = new SyslogFramer(this.opts.maxBytes);
    socket.setTimeout(this.opts.idleTimeoutMs, () => socket.destroy());
    socket.setNoDelay(true);
    const take = (lines: string[], truncated: number) => {
      for (const line of lines) this.sink.add(tenant, line, ip);
      if (truncated) this.counters.add('failed', truncated);
    };
    socket.on('data', (chunk: Buffer) => {
      const r = framer.push(chunk);
      take(r.messages, r.truncated);
      if (this.sink.busy && !socket.isPaused()) {
        socket.pause();
        void this.sink.whenReady().then(() => socket.resume());
      }
    });
    socket.on('end', () => take(framer.end(), 0));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.sockets.delete(socket);
      this.sink.flush();
    });
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (s) {
      const closed = new Promise<void>((r) => s.close(() => r()));
      for (const sock of this.sockets) sock.end();
      setTimeout(() => {
        for (const sock of this.sockets) sock.destroy();
      }, 2000).unref();
      await closed;
    }
    await this.sink.drain();
  }
}
