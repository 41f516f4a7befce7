/**
 * @module detection/detection-thread
 * The detection worker thread: an EngineHost answering the main thread's requests in order, so rule
 * evaluation never runs on the thread that acknowledges ingest.
 */
import { parentPort } from 'node:worker_threads';
import { EngineHost } from './engine-host.ts';
import { answer, type EngineRequest, type EngineReply } from './engine-client.ts';

const host = new EngineHost();

parentPort!.on('message', (msg: { id: number; req: EngineRequest }) => {
  let reply: EngineReply;
  try {
    reply = answer(host, msg.req);
  } catch (err) {
    reply = { type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  parentPort!.postMessage({ id: msg.id, reply });
});
