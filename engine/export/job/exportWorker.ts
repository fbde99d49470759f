/**
 * The export worker (bundled to dist/exportWorker.js): runs one export (engine/export/job/exportJob.ts) given in
 * workerData, posts a `step` message as each step starts, then `done` or `failed`, and exits. The extension
 * terminates it to cancel; the files already written are whole (every write is atomic) and the extension removes
 * the temporary file of a write that was cut short.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runExportJob, type ExportJobRequest, type ExportWorkerMessage } from './exportJob';

const port = parentPort;
if (!port) throw new Error('exportWorker.js must run in a worker thread (new Worker(...))');
const post = (message: ExportWorkerMessage) => port.postMessage(message);

runExportJob(workerData as ExportJobRequest, (step) => post({ type: 'step', step }))
  .then((result) => post({ type: 'done', result }))
  .catch((err: unknown) => post({ type: 'failed', message: err instanceof Error ? err.message : String(err) }))
  .finally(() => port.close());
