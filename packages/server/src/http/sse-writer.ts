/**
 * @module http/sse-writer
 * Writes Server-Sent Events to one client with backpressure. Frames wait in a bounded buffer and go
 * out in one write per tick; while the socket has not drained (`write()` answered false) nothing more
 * is written, so a client that never reads costs at most its buffer plus one write, not every event
 * (unbounded, three stalled clients grew the server by ~600 MB per 100k events). Frames that do not
 * fit are dropped and counted; the client is told how many with an `event: dropped` frame once it
 * reads again, and a client stalled for longer than `stallTimeoutMs` is disconnected.
 */
import type { ServerResponse } from 'node:http';

export interface SseWriterOptions {
  /** Most characters of frames held for the client. */
  maxBufferBytes: number;
  /** A client whose socket has not drained for this long while frames wait is disconnected. */
  stallTimeoutMs: number;
  /** Called with the number of frames dropped. */
  onDrop?: (n: number) => void;
  /** Called when a stalled client is disconnected. */
  onStallClose?: () => void;
}

/** One client's SSE output. */
export class SseWriter {
  private chunks: string[] = [];
  private size = 0;
  private droppedSinceNotice = 0;
  private scheduled = false;
  private blockedSince = 0;
  private closed = false;

  constructor(private readonly res: ServerResponse, private readonly opts: SseWriterOptions) {
    res.on('drain', () => {
      this.blockedSince = 0;
      this.schedule();
    });
    res.on('close', () => (this.closed = true));
  }

  /** Frames held and not yet written (for tests and metrics). */
  get buffered(): number {
    return this.size;
  }

  /** Queues one frame; drops it (counted) when the client's buffer is full. */
  send(frame: string): void {
    if (this.closed) return;
    if (this.size + frame.length > this.opts.maxBufferBytes) {
      this.droppedSinceNotice++;
      this.opts.onDrop?.(1);
      this.checkStall();
      return;
    }
    this.chunks.push(frame);
    this.size += frame.length;
    this.schedule();
  }

  /** Closes the client if it has been stalled for too long; answers true when it did. */
  checkStall(): boolean {
    if (!this.blockedSince || this.closed || Date.now() - this.blockedSince < this.opts.stallTimeoutMs) return false;
    this.closed = true;
    this.opts.onStallClose?.();
    this.res.destroy();
    return true;
  }

  private schedule(): void {
    if (this.scheduled || this.blockedSince || this.closed) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    if (this.blockedSince || this.closed) return;
    let out = this.droppedSinceNotice ? `event: dropped\ndata: {"count":${this.droppedSinceNotice}}\n\n` : '';
    this.droppedSinceNotice = 0;
    if (this.chunks.length) out += this.chunks.length === 1 ? this.chunks[0] : this.chunks.join('');
    this.chunks = [];
    this.size = 0;
    if (!out) return;
    if (!this.res.write(out)) this.blockedSince = Date.now();
  }
}
