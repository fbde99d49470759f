/**
 * Issue 5 in the real VS Code: press Train on a tiny network (softmax regression on 3,000 bundled MNIST digits,
 * 20 epochs), watch the status and charts move, see it finish with a test accuracy far above chance, and find the
 * weights (safetensors) and metrics (JSON lines) beside the graph. Then start a long run and cancel it.
 */
import path from 'node:path';
import { assert, waitUntil } from '../harness/poll';
import { CLI } from '../harness/paths';
import { run } from '../harness/processes';
import { filesWrittenSince, readJsonLines, readSafetensorsHeader } from '../harness/runFiles';
import type { GraphWebview } from '../harness/webview';
import { TINY_RUN_EPOCHS, WORKSPACE_FILES } from '../harness/workspace';
import { openGraph, type E2E } from './context';

async function status(view: GraphWebview): Promise<string> {
  return ((await view.byTestId('training-status').textContent({ timeout: 2000 })) ?? '').trim();
}

/**
 * Records, inside the webview, every value the loss chart's data-points attribute takes (a MutationObserver sees
 * each React commit, however fast the run), so the test can tell live updates from one final paint.
 */
async function recordChartPoints(view: GraphWebview): Promise<void> {
  await view.frame.locator('body').evaluate((body) => {
    const seen: number[] = [];
    (window as unknown as { __e2eChart: number[] }).__e2eChart = seen;
    const read = (): void => {
      const value = body.ownerDocument.querySelector('[data-testid="chart-loss"]')?.getAttribute('data-points');
      const n = value === null || value === undefined ? NaN : Number(value);
      if (Number.isFinite(n) && n > 0 && n !== seen[seen.length - 1]) seen.push(n);
    };
    new MutationObserver(read).observe(body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-points'] });
  });
}

async function chartPointsSeen(view: GraphWebview): Promise<number[]> {
  return view.frame.locator('body').evaluate(() => (window as unknown as { __e2eChart: number[] }).__e2eChart ?? []);
}

/** "wasm-simd, 2 threads (note)" → "wasm-simd, 2 threads": the kernels and the thread count, without the notes. */
function kernelsOf(description: string): string {
  return /^[\w-]+, \d+ threads?/.exec(description.trim())?.[0] ?? description.trim();
}

/** The backend the CLI picks on this machine (`wiregrad bench --json` asks engine/kernels/select.ts, as training does). */
async function cliBackend(graphFile: string): Promise<string> {
  const r = await run(process.execPath, [CLI, 'bench', graphFile, '--steps', '1', '--batch-size', '8', '--json']);
  assert(r.code === 0, `wiregrad bench exited ${r.code}: ${r.stderr}`);
  return (JSON.parse(r.stdout) as { backendDescription: string }).backendDescription;
}

/** "Test accuracy 87.5 %" → 0.875; "0.875" → 0.875. */
function parseAccuracy(text: string): number {
  const m = /(\d+(?:\.\d+)?)\s*(%)?/.exec(text);
  if (!m) return NaN;
  const value = Number(m[1]);
  return m[2] || value > 1 ? value / 100 : value;
}

export async function trainTinyNetwork(e2e: E2E): Promise<void> {
  const started = Date.now();
  const { view } = await openGraph(e2e, WORKSPACE_FILES.trainTiny);
  await recordChartPoints(view);
  await view.byTestId('train-button').click();
  const panel = view.byTestId('training-panel');
  await panel.waitFor({ timeout: 15_000 });
  await waitUntil('the status to report an epoch', () => status(view), (s) => /epoch/i.test(s), 60_000);
  const firstProgress = Date.now() - started;
  e2e.figure('Train pressed → first progress', firstProgress, 'ms');
  const chartEarly = await view.byTestId('chart-loss').screenshot();
  await e2e.screenshot('training-mid-run', panel);

  // The panel's own throughput figure ("… · 12,345 samples/s · ETA …"), the last one shown before the run ends.
  let samplesPerSec = NaN;
  const final = await waitUntil(
    'the run to finish',
    async () => {
      const s = await status(view);
      const m = /([\d,]+) samples\/s/.exec(s);
      if (m) samplesPerSec = Number(m[1].replace(/,/g, ''));
      return s;
    },
    (s) => /finished|cancelled|failed/i.test(s),
    180_000,
  );
  assert(/finished/i.test(final), `the run ended as "${final}"`);
  e2e.figure('tiny MNIST run, Train pressed → finished', Date.now() - started, 'ms');
  e2e.figure('tiny MNIST run, training throughput as the panel reports it', Number.isFinite(samplesPerSec) ? samplesPerSec : 'not seen', 'samples/s');
  // The Train button uses the same fast path as the CLI: the panel names the kernels the worker ran, and they are
  // the ones the CLI selects on this machine.
  const engineLine = ((await view.byTestId('training-backend').textContent({ timeout: 5000 })) ?? '').trim();
  e2e.figure('tiny MNIST run, engine (panel)', engineLine);
  const hostBackend = engineLine.replace(/^engine:\s*/, '');
  const cli = await cliBackend(path.join(e2e.workspace, WORKSPACE_FILES.trainTiny));
  e2e.figure('engine the CLI selects', cli);
  assert(kernelsOf(hostBackend) === kernelsOf(cli), `the extension host's run used "${hostBackend}", the CLI selects "${cli}"`);
  const accuracyText = ((await view.byTestId('test-accuracy').textContent()) ?? '').trim();
  const accuracy = parseAccuracy(accuracyText);
  e2e.figure('tiny MNIST run, test accuracy', accuracyText);
  // Ten classes: chance is 10 %. A softmax regression on 3,000 digits reaches ~85 %; 50 % means it learned.
  assert(accuracy > 0.5 && accuracy <= 1, `test accuracy "${accuracyText}" is not that of a network that learned`);
  const chartLate = await view.byTestId('chart-loss').screenshot();
  const seen = await chartPointsSeen(view);
  e2e.figure('loss chart point counts rendered during the run', seen.join(' → '));
  // Live charts: the count must have grown step by step while the run went on, not appeared once at the end.
  assert(seen.length >= 3 && seen.every((n, i) => i === 0 || n > seen[i - 1]), `the loss chart did not update during the run (point counts rendered: ${seen.join(', ')})`);
  assert(!chartEarly.equals(chartLate), 'the loss chart looks the same at first progress and at the end');
  await view.byTestId('chart-accuracy').waitFor({ timeout: 5000 });
  await e2e.screenshot('training-finished', panel);

  // What the network says about a test image: the host loads the data set's test split and runs image 1 through
  // the trained weights; the panel shows the image, its true class and the class-probability bars.
  const caption = await waitUntil(
    'a test image with its class probabilities',
    async () => ((await view.byTestId('test-image-caption').textContent({ timeout: 2000 }).catch(() => '')) ?? '').trim(),
    (t) => /test image 1 of [\d,]+ · class \S/.test(t),
    30_000,
  );
  e2e.figure('input explorer', caption);
  const bars = view.byTestId('class-probabilities');
  await bars.waitFor({ timeout: 5000 });
  assert((await bars.locator('.probability').count()) === 10, 'the class-probability chart does not have one bar per digit');

  // The run's record: runs/<graph>/<date>_<time>/metrics.jsonl and weights.safetensors (copied in at the end).
  const written = await waitUntil(
    'metrics (.jsonl) and weights (.safetensors) from the run',
    async () => filesWrittenSince(e2e.workspace, started),
    (files) => files.some((f) => f.endsWith('.jsonl')) && files.some((f) => f.startsWith('runs') && f.endsWith('.safetensors')),
    15_000,
  );
  e2e.log(`files written by the run: ${written.join(', ')}`);
  const weights = written.find((f) => f.startsWith('runs') && f.endsWith('.safetensors'))!;
  const metrics = written.find((f) => f.endsWith('.jsonl'))!;
  const tensors = Object.values(readSafetensorsHeader(path.join(e2e.workspace, weights)));
  const shapes = tensors.map((t) => t.shape.join('×')).sort();
  assert(shapes.includes('784×10') && shapes.includes('10'), `${weights} holds tensors ${shapes.join(', ')}; expected dense 784×10 and bias 10`);
  const lines = readJsonLines(path.join(e2e.workspace, metrics));
  const epochs = lines.filter((l) => l.type === 'epoch-end').map((l) => l.metrics as { epoch: number; train: { loss: number } });
  const losses = epochs.map((m) => m.train.loss);
  assert(epochs.length === TINY_RUN_EPOCHS, `${metrics} has ${epochs.length} epoch-end lines; the graph trains ${TINY_RUN_EPOCHS} epochs`);
  assert(losses.every(Number.isFinite) && losses.at(-1)! < losses[0], `training loss per epoch should fall: ${losses.join(', ')}`);
  assert(lines.some((l) => l.type === 'finished'), `${metrics} has no 'finished' line`);
  const startedLine = lines.find((l) => l.type === 'started') as { info?: { backend?: string } } | undefined;
  assert(startedLine?.info?.backend === hostBackend, `${metrics} records the backend "${startedLine?.info?.backend}", the panel shows "${hostBackend}"`);
  e2e.figure(`tiny MNIST run, train loss epoch 1 → ${losses.length}`, `${losses[0].toFixed(3)} → ${losses.at(-1)!.toFixed(3)}`);
}

export async function cancelLongRun(e2e: E2E): Promise<void> {
  const { view } = await openGraph(e2e, WORKSPACE_FILES.trainLong);
  await view.byTestId('train-button').click();
  await waitUntil('the long run to report an epoch', () => status(view), (s) => /epoch/i.test(s), 60_000);
  await e2e.page.waitForTimeout(1500); // let a few steps draw
  await e2e.screenshot('training-long-mid-run', view.byTestId('training-panel'));
  const t0 = Date.now();
  await view.byTestId('stop-button').click();
  const final = await waitUntil('the long run to stop', () => status(view), (s) => /finished|cancelled|failed/i.test(s), 60_000);
  e2e.figure('Stop pressed → status "cancelled"', Date.now() - t0, 'ms');
  assert(/cancelled/i.test(final), `the stopped run ended as "${final}"`);
  await waitUntil('Train to be enabled again', () => view.byTestId('train-button').isEnabled(), (on) => on, 10_000);
}
