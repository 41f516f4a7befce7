/**
 * The agent's plumbing on real files: the disk buffer (order, bound, restart, split), the log tailer
 * (append, rotation by rename, copytruncate, restart from saved positions), journald entries as
 * RFC 5424 lines, and backoff with jitter.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { appendFileSync, mkdtempSync, readdirSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiskBuffer } from '../src/disk-buffer.ts';
import { LogTailer } from '../src/log-tailer.ts';
import { journalLine } from '../src/journald.ts';
import { Backoff } from '../src/backoff.ts';
import { splitBatch } from '../src/agent-runner.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-agent-ship-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('disk buffer', () => {
  it('keeps batches in order across a restart and drops the oldest past its bound', () => {
    const b = new DiskBuffer(join(dir, 'buf'), 10_000);
    for (let i = 0; i < 5; i++) b.push({ batchId: `batch-${i}`, createdAt: i, lines: [{ text: `line ${i}` }] });
    const again = new DiskBuffer(join(dir, 'buf'), 10_000);
    expect(again.size).toBe(5);
    const first = again.peek()!;
    expect(first.batch.batchId).toBe('batch-0');
    again.ack(first.seq);
    expect(again.peek()!.batch.batchId).toBe('batch-1');
    again.push({ batchId: 'batch-5', createdAt: 5 });
    expect(readdirSync(join(dir, 'buf')).sort().at(-1)).toBe('000000000006.json');
    const small = new DiskBuffer(join(dir, 'small'), 300);
    for (let i = 0; i < 10; i++) small.push({ batchId: `b-${i}`, createdAt: i, lines: [{ text: 'x'.repeat(50) }] });
    expect(small.dropped).toBeGreaterThan(0);
    expect(small.bytes).toBeLessThanOrEqual(300);
    expect(small.peek()!.batch.batchId).toBe(`b-${small.dropped}`);
  });

  it('sends a batch as its file with sentAt in place of createdAt; a torn file is dropped', () => {
    const b = new DiskBuffer(join(dir, 'buf'), 1e6);
    const batch = { batchId: 'b-"quoted"\\-1', createdAt: 1_700_000_000_000, lines: [{ text: 'a "line" \u00e9', file: '/var/log/x' }], events: [{ message: 'e' }] };
    b.push(batch);
    b.push({ batchId: 'empty-batch', createdAt: 2 });
    const { createdAt: _c, ...rest } = batch;
    let item = b.peek()!;
    expect(JSON.parse(item.body(42).toString())).toEqual({ ...rest, sentAt: 42 });
    b.ack(item.seq);
    item = b.peek()!;
    expect(JSON.parse(item.body(43).toString())).toEqual({ batchId: 'empty-batch', sentAt: 43 });
    b.ack(item.seq);
    // Files in another key order (an older agent's, or hand-made) are parsed and sent all the same.
    writeFileSync(join(dir, 'buf', '000000000007.json'), JSON.stringify({ lines: [{ text: 'x' }], createdAt: 3, batchId: 'other-order' }));
    writeFileSync(join(dir, 'buf', '000000000008.json'), '{"batchId":"torn-1","createdAt":4,"lines":[{"te');
    const again = new DiskBuffer(join(dir, 'buf'), 1e6);
    item = again.peek()!;
    expect(JSON.parse(item.body(44).toString())).toEqual({ batchId: 'other-order', lines: [{ text: 'x' }], sentAt: 44 });
    again.ack(item.seq);
    expect(again.peek()).toBeNull();
    expect(again.dropped).toBe(1);
  });

  it('splits a batch the server found too large, in place', () => {
    const b = new DiskBuffer(join(dir, 'buf'), 1e6);
    b.push({ batchId: 'big-batch-1', createdAt: 1, lines: [1, 2, 3, 4].map((i) => ({ text: `l${i}` })), events: [{ message: 'e' }] });
    b.push({ batchId: 'next-batch', createdAt: 2 });
    const big = b.peek()!;
    b.split(big.seq, splitBatch(big.batch)!);
    const a = b.peek()!;
    expect(a.batch.lines!.map((l) => l.text)).toEqual(['l1', 'l2']);
    expect(a.batch.events).toHaveLength(1);
    b.ack(a.seq);
    expect(b.peek()!.batch.lines!.map((l) => l.text)).toEqual(['l3', 'l4']);
    expect(splitBatch({ batchId: 'one-item-1', createdAt: 0, events: [{ message: 'x' }] })).toBeNull();
  });
});

describe('log tailer', () => {
  it('follows appends, rotation by rename and truncation, and resumes from saved positions', () => {
    const log = join(dir, 'auth.log');
    writeFileSync(log, 'old history\n');
    let t = new LogTailer([log], {}, true);
    expect(t.poll()).toEqual([]);
    appendFileSync(log, 'one\ntwo\npart');
    expect(t.poll().map((l) => l.text)).toEqual(['one', 'two']);
    appendFileSync(log, 'ial\n');
    expect(t.poll().map((l) => l.text)).toEqual(['partial']);
    // Rotation: the last lines of the old file come first, then the new file from its start.
    appendFileSync(log, 'before rotate\n');
    renameSync(log, `${log}.1`);
    writeFileSync(log, 'after rotate\n');
    expect(t.poll().map((l) => l.text)).toEqual(['before rotate', 'after rotate']);
    // Restart: resume where the saved position says.
    const saved = t.positions();
    t.close();
    appendFileSync(log, 'while down\n');
    t = new LogTailer([log], saved, false);
    expect(t.poll().map((l) => l.text)).toEqual(['while down']);
    // copytruncate: the file shrinks in place and is read from 0.
    truncateSync(log, 0);
    appendFileSync(log, 'fresh\n');
    expect(t.poll().map((l) => ({ text: l.text, file: l.file }))).toEqual([{ text: 'fresh', file: log }]);
    // A file that appears later is read from its start.
    const late = join(dir, 'late.log');
    const t2 = new LogTailer([late], {}, true);
    expect(t2.poll()).toEqual([]);
    writeFileSync(late, 'hello\n');
    expect(t2.poll().map((l) => l.text)).toEqual(['hello']);
    t.close();
    t2.close();
  });
});

describe('journald and backoff', () => {
  it('turns a journal entry into an RFC 5424 line', () => {
    const l = journalLine({ __CURSOR: 's=1;i=2', MESSAGE: 'Failed password for root from 203.0.113.9 port 22 ssh2', PRIORITY: '5', SYSLOG_FACILITY: '10', SYSLOG_IDENTIFIER: 'sshd', _PID: '42', _HOSTNAME: 'web-1', __REALTIME_TIMESTAMP: '1764943200000000' }, 'x');
    expect(l).toEqual({ cursor: 's=1;i=2', text: '<85>1 2025-12-05T14:00:00.000Z web-1 sshd 42 - - Failed password for root from 203.0.113.9 port 22 ssh2' });
    expect(journalLine({ MESSAGE: [104, 105], __CURSOR: 'c' }, 'h')!.text).toMatch(/ hi$/);
    expect(journalLine({ MESSAGE: 'no cursor' }, 'h')).toBeNull();
  });

  it('backs off exponentially with full jitter, capped, honouring Retry-After', () => {
    const b = new Backoff(1000, 8000, () => 1);
    expect([b.next(), b.next(), b.next(), b.next(), b.next()]).toEqual([1000, 2000, 4000, 8000, 8000]);
    expect(new Backoff(1000, 8000, () => 0).next(5000)).toBe(5000);
    b.reset();
    expect(b.next()).toBe(1000);
  });
});
