/**
 * The reliability run's fault-injection worker: the production worker (engine/train/worker.ts) that, once its first
 * epoch has ended (so a complete weights file exists), fails as WIREGRAD_FAULT says: an uncaught exception (throw), a
 * heap exhausted by live objects (oom), a step that never returns (hang: no heartbeat, no layer finished, no message
 * read), or a step that is merely long (slow: 3 s without a message, finishing a "layer" every 20 ms as the graph
 * runner does, so it must NOT be taken for a hang). Bundled
 * as dist/bench/faultyWorker.js for `npm run reliability` only; the production protocol has no crash message.
 */
import { parentPort } from 'node:worker_threads';
import { beat } from '../../engine/model/liveness';
import '../../engine/train/worker';

const how = process.env.WIREGRAD_FAULT;
const port = parentPort!;
const post = port.postMessage.bind(port);
let epochs = 0;
port.postMessage = (message: unknown) => {
  post(message);
  if (typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'epoch-end' && ++epochs === 1) fail();
};

function fail(): void {
  if (how === 'throw') {
    setImmediate(() => {
      throw new Error('fault injected by npm run reliability (WIREGRAD_FAULT=throw)');
    });
  } else if (how === 'hang') {
    setImmediate(() => {
      for (;;);
    });
  } else if (how === 'slow') {
    setImmediate(() => {
      const end = Date.now() + 3000;
      while (Date.now() < end) {
        const layerEnd = Date.now() + 20;
        while (Date.now() < layerEnd);
        beat();
      }
    });
  } else if (how === 'oom') {
    setImmediate(() => {
      const hoard: number[][] = [];
      for (;;) hoard.push(Array.from({ length: 100_000 }, (_, i) => i + hoard.length));
    });
  }
}
