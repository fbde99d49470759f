/**
 * Issue 12's run faults in the real VS Code: the editor closed, or the window reloaded, while a run trains.
 *
 * Closing the editor does not stop the run (what users expect of a long job, as of a terminal's: the progress
 * notification and the status-bar item still show it and stop it; reopening the graph shows the live run in its
 * panel). Reloading the window ends the extension host that owns the worker: the run stops, the weights saved at
 * the last epoch end stay whole, and the reloaded editor offers Resume, which continues from that checkpoint.
 * Each case ends with the extension host answering and the last complete weights file reading back whole.
 */
import fs from 'node:fs';
import path from 'node:path';
import { checkpointPaths } from '../../../engine/checkpoint/paths';
import { readWeights } from '../../../engine/checkpoint/weights';
import { previousStatePath } from '../../../engine/train/resume';
import { assert, waitUntil } from '../harness/poll';
import { readJsonLines } from '../harness/runFiles';
import { GraphWebview } from '../harness/webview';
import { WORKSPACE_FILES } from '../harness/workspace';
import { openGraph, type E2E } from './context';

/** A newly opened editor keeps its training panel folded: unfold it (the toolbar's Training toggle). */
async function showTrainingPanel(view: GraphWebview): Promise<void> {
  if (!(await view.byTestId('training-panel').isVisible().catch(() => false))) await view.byTestId('toggle-training').click();
  await view.byTestId('training-panel').waitFor({ timeout: 15_000 });
}

async function status(view: GraphWebview): Promise<string> {
  return ((await view.byTestId('training-status').textContent({ timeout: 2000 })) ?? '').trim();
}

/** The update count the weights file beside the graph was saved at; 0 while there is none (or it cannot be read). */
function savedStep(weightsFile: string): number {
  try {
    return readWeights(weightsFile).info.globalStep;
  } catch {
    return 0;
  }
}

/** Where the runs of `graphFile` are recorded: runs/<name>/ in the workspace. */
function runsOf(workspace: string, graphFile: string): string {
  return path.join(workspace, 'runs', path.basename(graphFile).replace(/\.nn\.json$/, ''));
}

/** The newest run folder's metrics lines for `graphFile` (runs/<name>/<date>_<time>/metrics.jsonl). */
function latestMetrics(workspace: string, graphFile: string): Record<string, unknown>[] {
  const root = runsOf(workspace, graphFile);
  const runs = fs.existsSync(root) ? fs.readdirSync(root).filter((d) => fs.existsSync(path.join(root, d, 'metrics.jsonl'))).sort() : [];
  assert(runs.length > 0, `no run folder with metrics.jsonl under ${root}`);
  return readJsonLines(path.join(root, runs[runs.length - 1], 'metrics.jsonl'));
}

/**
 * The weights file reads back whole and was saved where the run says: at an epoch's end (a multiple of the run's
 * updates per epoch) after a kill, or at the update a Stop reported (a cancelled run saves where it stopped).
 */
function assertWeightsIntact(e2e: E2E, graphFile: string, what: string, stoppedAt?: number): number {
  const { weights } = checkpointPaths(graphFile);
  const file = readWeights(weights); // throws with the reason if the file is torn or malformed
  const progress = latestMetrics(e2e.workspace, graphFile).find((l) => l.type === 'progress') as { progress?: { stepsPerEpoch?: number } } | undefined;
  const perEpoch = progress?.progress?.stepsPerEpoch ?? 0;
  assert(perEpoch > 0, 'the run recorded no progress line with stepsPerEpoch');
  const step = file.info.globalStep;
  if (stoppedAt === undefined) {
    assert(step > 0 && step % perEpoch === 0, `${what}: the weights beside the graph are at update ${step}, not an epoch end (${perEpoch} updates per epoch)`);
  } else {
    assert(step === stoppedAt, `${what}: the weights beside the graph are at update ${step}; the run stopped at update ${stoppedAt}`);
  }
  e2e.log(`${what}: ${path.basename(weights)} reads back whole, saved at update ${step} (epoch ${(step / perEpoch).toFixed(2)})`);
  return step;
}

/** Where the stopped run says it stopped: its metrics' "cancelled" line (written as the run ends). */
async function cancelledAt(e2e: E2E, graphFile: string): Promise<number> {
  type Cancelled = { position?: { globalStep?: number } } | undefined;
  const line = await waitUntil(
    'the run’s "cancelled" line in its metrics',
    async () => latestMetrics(e2e.workspace, graphFile).find((l) => l.type === 'cancelled') as Cancelled,
    (l) => typeof l?.position?.globalStep === 'number',
  );
  return line!.position!.globalStep!;
}

/**
 * A run from scratch: the checkpoint files and run folders an earlier attempt of the scenario left are removed first
 * (a retry would otherwise see the old weights as "the first epoch's" and the old run's metrics as this run's).
 */
async function startRun(e2e: E2E, file: string): Promise<{ view: GraphWebview; graphFile: string; firstStep: number }> {
  const graphFile = path.join(e2e.workspace, file);
  const { weights, state } = checkpointPaths(graphFile);
  for (const f of [weights, state, previousStatePath(state)]) fs.rmSync(f, { force: true });
  fs.rmSync(runsOf(e2e.workspace, graphFile), { recursive: true, force: true });
  const { view } = await openGraph(e2e, file);
  await view.byTestId('train-button').click();
  const firstStep = await waitUntil('the first epoch’s weights beside the graph', async () => savedStep(checkpointPaths(graphFile).weights), (s) => s > 0, 120_000);
  return { view, graphFile, firstStep };
}

export async function closeEditorDuringRun(e2e: E2E): Promise<void> {
  const file = WORKSPACE_FILES.trainClose;
  const { graphFile, firstStep } = await startRun(e2e, file);
  const weights = checkpointPaths(graphFile).weights;

  await e2e.workbench.command('View: Close All Editors');
  await waitUntil('the editor to close', () => e2e.page.locator('.tab', { hasText: file }).count(), (n) => n === 0);
  const closedAt = savedStep(weights);
  // The run goes on without its editor: a later epoch's checkpoint is written, and the status bar still shows it.
  const later = await waitUntil('a later checkpoint with the editor closed', async () => savedStep(weights), (s) => s > closedAt, 90_000);
  e2e.log(`editor closed at update ${closedAt}; the run went on to update ${later} (first checkpoint at ${firstStep})`);
  await e2e.page.locator('.statusbar-item', { hasText: /epoch/i }).first().waitFor({ timeout: 15_000 });

  // Reopening shows the live run (the extension host answered: a new webview got its state) and Stop still works.
  const { view } = await openGraph(e2e, file);
  await showTrainingPanel(view);
  await waitUntil('the reopened panel to show the live run', () => status(view), (s) => /epoch/i.test(s) && !/cancelled|failed|finished/i.test(s), 30_000);
  await view.byTestId('stop-button').click();
  const final = await waitUntil('the run to stop', () => status(view), (s) => /cancelled|failed|finished/i.test(s), 60_000);
  assert(/cancelled/i.test(final), `the stopped run ended as "${final}"`);
  assertWeightsIntact(e2e, graphFile, 'closed during the run, then stopped', await cancelledAt(e2e, graphFile));
}

export async function reloadDuringRun(e2e: E2E): Promise<void> {
  const file = WORKSPACE_FILES.trainReload;
  const { graphFile, firstStep } = await startRun(e2e, file);
  const weights = checkpointPaths(graphFile).weights;
  e2e.log(`first checkpoint at update ${firstStep}; reloading the window`);

  const t0 = Date.now();
  await e2e.workbench.reload();
  e2e.figure('Developer: Reload Window during a run → workbench ready', Date.now() - t0, 'ms');
  // The old extension host is shut down with its worker: the checkpoint stops moving. An epoch here takes about a
  // second; waiting four of them for a move that must not come is the one bounded wait of this scenario.
  const settled = savedStep(weights);
  const moved = await waitUntil('the checkpoint to move after the reload (it must not)', async () => savedStep(weights), (s) => s !== settled, 8_000).then(
    (s) => s,
    () => null,
  );
  assert(moved === null, `after the reload the weights beside the graph went on from update ${settled} to ${moved}: the old extension host's run kept training with no window showing it`);
  const stoppedAt = assertWeightsIntact(e2e, graphFile, 'after the reload');

  // The reloaded editor (restored, or opened again) offers Resume; Resume continues from the checkpoint.
  const restored = (await e2e.page.locator('.tab', { hasText: file }).count()) > 0;
  e2e.log(restored ? 'VS Code restored the editor after the reload' : 'the editor was not restored; opening it again');
  const view = restored ? new GraphWebview(e2e.page) : (await openGraph(e2e, file)).view;
  if (restored) {
    await e2e.workbench.quickOpen(file);
    await view.waitForCanvas();
  }
  await showTrainingPanel(view);
  const resume = view.byTestId('resume-button');
  if (!(await resume.waitFor({ timeout: 30_000 }).then(() => true, () => false))) {
    const toolbar = await view.byTestId('toolbar').textContent({ timeout: 2000 }).catch(() => '(no toolbar)');
    const line = await status(view).catch(() => '(no training status)');
    throw new Error(`the reloaded editor offers no Resume: toolbar "${toolbar}", training status "${line}"`);
  }
  await resume.click();
  await waitUntil('the resumed run to report an epoch', () => status(view), (s) => /epoch/i.test(s) && !/cancelled|failed|finished/i.test(s), 60_000);
  type Started = { info?: { resumedFrom?: { globalStep: number } | null } } | undefined;
  const started = await waitUntil(
    'the resumed run’s "started" line in its metrics',
    async () => latestMetrics(e2e.workspace, graphFile).find((l) => l.type === 'started') as Started,
    (l) => l !== undefined,
  );
  assert(started?.info?.resumedFrom?.globalStep === stoppedAt, `the resumed run started from ${JSON.stringify(started?.info?.resumedFrom)}, the checkpoint was at update ${stoppedAt}`);
  const resumedTo = await waitUntil('the resumed run to save a later checkpoint', async () => savedStep(weights), (s) => s > stoppedAt, 90_000);
  e2e.log(`resumed from update ${stoppedAt}; saved again at update ${resumedTo}`);
  await view.byTestId('stop-button').click();
  const final = await waitUntil('the resumed run to stop', () => status(view), (s) => /cancelled|failed|finished/i.test(s), 60_000);
  assert(/cancelled/i.test(final), `the stopped run ended as "${final}"`);
  assertWeightsIntact(e2e, graphFile, 'resumed after the reload, then stopped', await cancelledAt(e2e, graphFile));
}
