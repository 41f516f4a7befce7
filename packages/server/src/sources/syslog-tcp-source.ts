/**
 * @module sources/syslog-tcp-source
 * Syslog over TCP (RFC 6587: octet counting or newline framing, detected per connection) and over
 * TLS (RFC 5425) with the same handler. Backpressure: while the pipeline is behind, connections stop
 * reading — nothing is dropped. Fairness: at most `maxConnectionsPerAddress` connections per sender
 * address, idle connections close after `idleTimeoutMs`, and one holding part of a message must finish
 * a message within `lineTimeoutMs` — so neither idle sockets nor a trickle of bytes can hold every slot.
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
import type { SourceMetrics } from './source-metrics.ts';

export interface TcpSourceOptions {
  host: string;
  port: number;
  maxBytes: number;
  idleTimeoutMs: number;
  maxConnections: number;
  maxConnectionsPerAddress: number;
  /** A connection holding part of a message closes when no message completed for this long. */
  lineTimeoutMs: number;
  /** PEM files: set for TLS. */
  tls?: { cert: string; key: string };
}

/** The TCP (or TLS) syslog listener. */
export class SyslogTcpSource implements Source {
  readonly name: Input;
  private server: net.Server | null = null;
  /** Open connections, each with when it last completed a message while holding a partial one (0: holds none). */
  private readonly sockets = new Map<net.Socket, { partialSince: number }>();
  private readonly perAddress = new Map<string, number>();
  private sweeper: NodeJS.Timeout | null = null;

  constructor(private readonly opts: TcpSourceOptions, private readonly sink: LineSink, private readonly router: TenantRouter, private readonly counters: StageCounters, private readonly log: Logger, private readonly metrics: SourceMetrics) {
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
    this.server.on('drop', () => this.metrics.refuse(this.name, 'max_connections'));
    this.server.on('error', (err) => {
      this.metrics.socketError(this.name, err);
      this.log.error({ err, source: this.name }, 'listener error');
    });
    if (this.opts.tls) {
      this.server.on('tlsClientError', (err) => {
        this.metrics.socketError(this.name, err);
        this.log.warn({ err: err.message, source: this.name }, 'TLS handshake failed');
      });
    }
    // One sweep per listener, not a timer per connection: a trickle is found within a quarter of the timeout.
    this.sweeper = setInterval(() => this.sweep(), Math.max(100, Math.min(5000, this.opts.lineTimeoutMs / 4)));
    this.sweeper.unref();
    const a = this.server.address() as net.AddressInfo;
    return [`${this.opts.tls ? 'tls' : 'tcp'}://${a.address.includes(':') ? `[${a.address}]` : a.address}:${a.port}`];
  }

  private onConnection(socket: net.Socket): void {
    const ip = unmapIp(socket.remoteAddress);
    const key = ip ?? '?';
    const n = this.perAddress.get(key) ?? 0;
    if (n >= this.opts.maxConnectionsPerAddress) {
      this.metrics.refuse(this.name, 'per_address');
      socket.on('error', (err) => this.metrics.socketError(this.name, err));
      socket.destroy();
      return;
    }
    this.perAddress.set(key, n + 1);
    const state = { partialSince: 0 };
    this.sockets.set(socket, state);
    const tenant = this.router.route(ip);
    const framer = new SyslogFramer(this.opts.maxBytes);
    socket.setTimeout(this.opts.idleTimeoutMs, () => {
      this.metrics.close(this.name, 'idle');
      socket.destroy();
    });
    socket.setNoDelay(true);
    const take = (lines: string[], truncated: number) => {
      for (const line of lines) this.sink.add(tenant, line, ip);
      if (truncated) this.counters.add('failed', truncated);
    };
    socket.on('data', (chunk: Buffer) => {
      const r = framer.push(chunk);
      take(r.messages, r.truncated);
      // The line clock runs while part of a message is held and restarts with every completed one.
      if (!framer.pending) state.partialSince = 0;
      else if (r.messages.length || !state.partialSince) state.partialSince = Date.now();
      if (this.sink.busy && !socket.isPaused()) {
        socket.pause();
        void this.sink.whenReady().then(() => socket.resume());
      }
    });
    socket.on('end', () => take(framer.end(), 0));
    socket.on('error', (err) => this.metrics.socketError(this.name, err));
    socket.on('close', () => {
      this.sockets.delete(socket);
      const left = (this.perAddress.get(key) ?? 1) - 1;
      if (left > 0) this.perAddress.set(key, left);
      else this.perAddress.delete(key);
      this.sink.flush();
    });
  }

  /** Closes connections that have held part of a message for longer than the line timeout. */
  private sweep(): void {
    const cutoff = Date.now() - this.opts.lineTimeoutMs;
    for (const [socket, st] of this.sockets) {
      // A paused socket is waiting for the pipeline (backpressure), not trickling.
      if (st.partialSince && st.partialSince < cutoff && !socket.isPaused()) {
        this.metrics.close(this.name, 'line_timeout');
        socket.destroy();
      }
    }
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (this.sweeper) clearInterval(this.sweeper);
    if (s) {
      const closed = new Promise<void>((r) => s.close(() => r()));
      for (const sock of this.sockets.keys()) sock.end();
      setTimeout(() => {
        for (const sock of this.sockets.keys()) sock.destroy();
      }, 2000).unref();
      await closed;
    }
    await this.sink.drain();
  }
}
