/**
 * @module detection/detection-thread
 * The detection worker thread: an EngineHost answering the main thread's requests in order, so rule
 * evaluation never runs on the thread that acknowledges ingest.
 */
import { parentPort } from 'node:worker_threads';
import { EngineHost } from './engine-host.ts';
import type { EngineRequest, EngineReply } from './engine-client.ts';

const host = new EngineHost();

parentPort!.on('message', (msg: { id: number; req: EngineRequest }) => {
  let reply: EngineReply;
  try {
    const r = msg.req;
    if (r.type === 'load') reply = { type: 'loaded', ...host.load(r.rules, r.states) };
    else if (r.type === 'evaluate') reply = { type: 'evaluated', ...host.evaluate(r.batches, r.now) };
    else reply = { type: 'snapshot', states: host.snapshot() };
  } catch (err) {
    reply = { type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  parentPort!.postMessage({ id: msg.id, reply });
});
