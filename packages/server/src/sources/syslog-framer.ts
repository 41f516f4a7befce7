/**
 * @module sources/syslog-framer
 * Splits a TCP byte stream into syslog messages: RFC 6587 octet counting (`LEN SP MSG`) or
 * newline framing, detected from the first byte of the connection. Pure: bytes in, messages out.
 */

export interface FramerResult {
  messages: string[];
  /** Messages cut at the maximum size. */
  truncated: number;
}

/** Per-connection framing state. */
export class SyslogFramer {
  private mode: 'unknown' | 'octet' | 'lf' = 'unknown';
  private buf: Buffer = Buffer.alloc(0);
  /** Bytes still to skip of an oversized octet-counted frame. */
  private skip = 0;
  /** Newline framing: the rest of an oversized line is being discarded up to its newline. */
  private dropping = false;

  constructor(private readonly maxBytes: number) {}

  /** The framing this connection uses, once known. */
  get framing(): string {
    return this.mode;
  }

  /** Bytes held of a message not yet complete (or being discarded). */
  get pending(): number {
    return this.buf.length + this.skip + (this.dropping ? 1 : 0);
  }

  /** Feeds bytes; answers the complete messages they finish. */
  push(chunk: Buffer): FramerResult {
    const out: FramerResult = { messages: [], truncated: 0 };
    let data = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    if (this.skip) {
      const n = Math.min(this.skip, data.length);
      this.skip -= n;
      data = data.subarray(n);
    }
    if (this.mode === 'unknown') {
      let i = 0;
      while (i < data.length && (data[i] === 0x0a || data[i] === 0x0d || data[i] === 0x20)) i++;
      if (i === data.length) {
        this.buf = Buffer.alloc(0);
        return out;
      }
      this.mode = data[i]! >= 0x31 && data[i]! <= 0x39 ? 'octet' : 'lf';
    }
    let pos = 0;
    if (this.mode === 'lf') {
      if (this.dropping) {
        const nl = data.indexOf(0x0a, pos);
        if (nl < 0) {
          this.buf = Buffer.alloc(0);
          return out;
        }
        this.dropping = false;
        pos = nl + 1;
      }
      for (;;) {
        const nl = data.indexOf(0x0a, pos);
        if (nl < 0) break;
        this.emit(data, pos, nl, out);
        pos = nl + 1;
      }
      if (data.length - pos > this.maxBytes) {
        // An endless line: emit what fits once, then discard the rest up to its newline, however many
        // chunks it spans (otherwise every later chunk became an event of its own).
        this.emit(data, pos, pos + this.maxBytes, out);
        out.truncated++;
        this.dropping = true;
        pos = data.length;
      }
    } else {
      for (;;) {
        let sp = pos;
        while (sp < data.length && sp - pos < 10 && data[sp]! >= 0x30 && data[sp]! <= 0x39) sp++;
        if (sp >= data.length) break;
        if (data[sp] !== 0x20 || sp === pos) {
          // Not octet counting after all (or garbage): fall back to newline framing for the rest.
          this.mode = 'lf';
          this.buf = Buffer.alloc(0);
          const rest = this.push(data.subarray(pos));
          out.messages.push(...rest.messages);
          out.truncated += rest.truncated;
          return out;
        }
        const len = Number(data.toString('latin1', pos, sp));
        const start = sp + 1;
        if (len > this.maxBytes) {
          if (data.length - start >= this.maxBytes) {
            out.messages.push(this.text(data, start, start + this.maxBytes));
            out.truncated++;
            const avail = data.length - start;
            if (avail >= len) pos = start + len;
            else {
              this.skip = len - avail;
              pos = data.length;
            }
            continue;
          }
          break;
        }
        if (data.length - start < len) break;
        out.messages.push(this.text(data, start, start + len));
        pos = start + len;
        while (pos < data.length && (data[pos] === 0x0a || data[pos] === 0x0d)) pos++;
      }
    }
    this.buf = pos < data.length ? Buffer.from(data.subarray(pos)) : Buffer.alloc(0);
    return out;
  }

  /** Whatever is left when the connection ends (a last line without newline). */
  end(): string[] {
    const rest = this.buf.length ? this.text(this.buf, 0, Math.min(this.buf.length, this.maxBytes)) : '';
    this.buf = Buffer.alloc(0);
    return rest.trim() ? [rest.replace(/[\r\n]+$/, '')] : [];
  }

  private emit(data: Buffer, from: number, to: number, out: FramerResult): void {
    let end = to;
    if (end > from && data[end - 1] === 0x0d) end--;
    if (end - from > this.maxBytes) {
      end = from + this.maxBytes;
      out.truncated++;
    }
    if (end > from) out.messages.push(this.text(data, from, end));
  }

  private text(data: Buffer, from: number, to: number): string {
    return data.toString('utf8', from, to);
  }
}
