/**
 * The training worker (bundled to dist/worker.js): runs one training job per worker thread, so the editor and the CLI
 * stay responsive, and a crash or out-of-memory takes down only this thread. It speaks the protocol in protocol.ts:
 * a start is acknowledged at once (`accepted`), or answered with `failed` when it is not valid; while the run is live
 * a heartbeat goes out every HEARTBEAT_MS between steps, and inside a step the graph runner bumps the caller's shared
 * liveness counter (engine/model/liveness.ts) after every layer; other messages that do not parse are ignored. After the job's last message
 * the port closes and the thread exits.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { shareLiveness } from '../model/liveness';
import { TrainingControl } from './control';
import { runTrainingJob } from './job';
import { HEARTBEAT_MS, parseCallerMessage, startProblem, type WorkerMessage } from './protocol';

const port = parentPort;
if (!port) throw new Error('worker.js must run in a worker thread (new Worker(...))');

// The caller's liveness counter, when it shares one (engine/train/session.ts does).
const liveness = (workerData as { liveness?: unknown } | null)?.liveness;
if (liveness instanceof SharedArrayBuffer) shareLiveness(liveness);

const control = new TrainingControl();
let started = false;
const post = (message: WorkerMessage) => port.postMessage(message);

port.on('message', (data: unknown) => {
  const message = parseCallerMessage(data);
  if (!message) {
    const record = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : null;
    if (record?.type === 'start' && !started) {
      started = true;
      post({ type: 'failed', message: `the training worker refused the start: ${startProblem(record)}` });
      port.close();
    }
    return;
  }
  switch (message.type) {
    case 'start': {
      if (started) return;
      started = true;
      post({ type: 'accepted' });
      const heartbeat = setInterval(() => post({ type: 'heartbeat' }), HEARTBEAT_MS);
      void runTrainingJob(message.request, post, control).finally(() => {
        clearInterval(heartbeat);
        port.close();
      });
      return;
    }
    case 'cancel':
      control.cancel();
      return;
    case 'pause':
      control.pause();
      return;
    case 'resume':
      control.resume();
  }
});
