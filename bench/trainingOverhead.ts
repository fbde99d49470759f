/**
 * `npm run bench:training`: what the training panel costs a run (issue 5: "training with the panel open vs. the
 * CLI on the same graph; < 5% slower"). The same small job (LeNet-5, two epochs on 2,000 digits of the bundled MNIST)
 * runs in the training worker, interleaved several times, as
 *   cli    the bare TrainingSession as `wiregrad train` starts it when its output is not a terminal (progress every
 *          5 s, nothing done per message)
 *   panel  the extension host's path per message: progress every 250 ms, each message appended to the run
 *          folder's metrics.jsonl, folded into the panel's view (reduceTraining), posted through the same 200 ms
 *          throttle as a JSON payload (VS Code serialises webview messages as JSON), and after each epoch the
 *          weights read back into the run's model for the learned function and the filters (refreshTrained, withInsights); at the end the weights
 *          are copied into the run folder (RunFolder.keepWeights) as the controller does.
 * Wall time is from the start of the session to its terminal message; medians and the ratio are printed
 * (figures, not assertions). The webview's own rendering happens in another process and is not counted here.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { TrainingSession } from '../engine/train/session';
import type { WorkerMessage } from '../engine/train/protocol';
import { refreshTrained, withInsights, type TrainedNetwork } from '../extension/training/insights';
import { RunFolder } from '../extension/training/runFolder';
import { IDLE, reduceTraining, startingView } from '../extension/training/trainingView';
import { ViewThrottle } from '../extension/training/viewThrottle';
import type { TrainingView } from '../extension/protocol';

const ROUNDS = Number(process.env.ROUNDS ?? 5);
const TRAIN = Number(process.env.TRAIN ?? 2000);
const EPOCHS = Number(process.env.EPOCHS ?? 2);

const workerScript = path.join(__dirname, '..', 'worker.js');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function graphFile(dir: string): { file: string; text: string } {
  const graph = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'examples', 'lenet5.nn.json'), 'utf8'));
  graph.training = { ...graph.training, dataset: `mnist?train=${TRAIN}&test=500`, epochs: EPOCHS };
  const file = path.join(dir, 'lenet5.nn.json');
  const text = JSON.stringify(graph, null, 2);
  fs.writeFileSync(file, text);
  return { file, text };
}

async function cli(file: string): Promise<number> {
  const t0 = performance.now();
  const session = new TrainingSession({ workerScript, request: { graphFile: file, overrides: {}, resume: false, progressIntervalMs: 5000 } });
  const end = await session.done;
  if (end.type !== 'finished') throw new Error(`the CLI-style run ended ${end.type}: ${'message' in end ? end.message : ''}`);
  return performance.now() - t0;
}

interface PanelCounts {
  /** Milliseconds the extension host's thread spent on the panel's work, by part. */
  handlerMs: number;
  postMs: number;
  insightsMs: number;
  keepMs: number;
  messages: number;
  posts: number;
  bytes: number;
  insights: number;
}

async function panel(file: string, text: string, counts: PanelCounts): Promise<number> {
  const t0 = performance.now();
  const folder = new RunFolder(file);
  const weightsFile = file.replace(/\.nn\.json$/, '.safetensors');
  let view: TrainingView = { ...startingView('LeNet-5', IDLE), runFolder: folder.dir };
  let net: TrainedNetwork | undefined;
  const throttle = new ViewThrottle(() => {
    const t = performance.now();
    const payload = JSON.stringify({ type: 'training', view });
    counts.posts++;
    counts.bytes += payload.length;
    counts.postMs += performance.now() - t;
  }, 200);
  const onMessage = (m: WorkerMessage) => {
    const t = performance.now();
    counts.messages++;
    folder.record(m);
    view = reduceTraining(view, m);
    throttle.request(m.type !== 'progress');
    if (m.type === 'epoch-end' || m.type === 'finished') {
      const weights = m.type === 'finished' ? m.weightsFile : weightsFile;
      setImmediate(() => {
        const ti = performance.now();
        try {
          net = refreshTrained(net, text, weights);
          view = withInsights(view, net);
          counts.insights++;
          throttle.request(m.type === 'finished');
        } catch {
          // mid-write at an epoch's end: the controller skips it too
        }
        counts.insightsMs += performance.now() - ti;
      });
    }
    counts.handlerMs += performance.now() - t;
  };
  const session = new TrainingSession({ workerScript, request: { graphFile: file, overrides: {}, resume: false, progressIntervalMs: 250 }, onMessage });
  const end = await session.done;
  if (end.type !== 'finished') throw new Error(`the panel-style run ended ${end.type}: ${'message' in end ? end.message : ''}`);
  const tk = performance.now();
  await folder.keepWeights(end.weightsFile);
  counts.keepMs += performance.now() - tk;
  await folder.flushed();
  throttle.cancel();
  return performance.now() - t0;
}

async function main(): Promise<void> {
  if (!fs.existsSync(workerScript)) throw new Error(`build the worker first (${workerScript} is missing)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiregrad-bench-training-'));
  const { file, text } = graphFile(dir);
  console.log(`LeNet-5, ${EPOCHS} epoch(s) on ${TRAIN} MNIST digits, ${ROUNDS} interleaved rounds (cores: ${os.cpus().length})`);
  await cli(file); // warm-up: the data file and the worker bundle in the page cache
  const times = { cli: [] as number[], panel: [] as number[] };
  const counts: PanelCounts = { handlerMs: 0, postMs: 0, insightsMs: 0, keepMs: 0, messages: 0, posts: 0, bytes: 0, insights: 0 };
  for (let r = 0; r < ROUNDS; r++) {
    // Alternate which goes first, so a drift in the machine's load does not favour one side.
    const order = r % 2 === 0 ? (['cli', 'panel'] as const) : (['panel', 'cli'] as const);
    for (const which of order) {
      const ms = which === 'cli' ? await cli(file) : await panel(file, text, counts);
      times[which].push(ms);
    }
    console.log(`round ${r + 1}: cli ${times.cli.at(-1)!.toFixed(0)} ms, panel ${times.panel.at(-1)!.toFixed(0)} ms`);
  }
  const c = median(times.cli);
  const p = median(times.panel);
  const cMin = Math.min(...times.cli);
  const pMin = Math.min(...times.panel);
  const pct = (a: number, b: number) => `${(a / b).toFixed(3)} (${((a / b - 1) * 100).toFixed(1)}% ${a >= b ? 'slower' : 'faster'})`;
  console.log(`median   cli ${c.toFixed(0)} ms   panel ${p.toFixed(0)} ms   panel/cli ${pct(p, c)}`);
  console.log(`fastest  cli ${cMin.toFixed(0)} ms   panel ${pMin.toFixed(0)} ms   panel/cli ${pct(pMin, cMin)}`);
  // The wall-clock ratio swings with whatever else the machine runs; the host's own work is the overhead's cause.
  const part = (ms: number) => (ms / ROUNDS).toFixed(1);
  const host = (counts.handlerMs + counts.postMs + counts.insightsMs + counts.keepMs) / ROUNDS;
  console.log(
    `per panel run: ${(counts.messages / ROUNDS).toFixed(0)} worker messages, ${(counts.posts / ROUNDS).toFixed(0)} view posts, ` +
      `${(counts.bytes / ROUNDS / 1024).toFixed(0)} KiB posted, ${(counts.insights / ROUNDS).toFixed(0)} insight refreshes; ` +
      `host-thread work ${host.toFixed(1)} ms = ${((host / cMin) * 100).toFixed(2)}% of the fastest CLI run ` +
      `(handler ${part(counts.handlerMs)}, posts ${part(counts.postMs)}, insights ${part(counts.insightsMs)}, weights copy ${part(counts.keepMs)} ms)`,
  );
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
