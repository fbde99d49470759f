/**
 * Training from the editor (issue 5): the Train button and the "wiregrad: Train" command (./trainingCommands.ts)
 * start a run of the graph file in a worker thread (engine/train/session.ts) or with PyTorch (./pytorchStart.ts),
 * with a progress notification that can cancel, a status-bar item (./trainingStatus.ts), and live views posted to
 * the webview. One run per document; the extension host stays free.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseGraphText } from '../../engine/graph/parse';
import { analyzeGraph } from '../../engine/shape/analyze';
import { checkpointPaths } from '../../engine/checkpoint/paths';
import { resolveTrainingConfig } from '../../engine/train/config';
import { savedStateExists } from '../../engine/train/resume';
import { estimateTrainingMemory } from '../../engine/train/memory';
import { DEFAULT_OVERFIT } from '../../engine/train/overfit';
import { TrainingSession } from '../../engine/train/session';
import type { WorkerMessage } from '../../engine/train/protocol';
import type { GraphEditorProvider } from '../graphEditorProvider';
import { log } from '../log';
import type { HostMessage, PredictRequest, Prediction, TrainingView } from '../protocol';
import { restrictedReason } from '../trust';
import { convNodes, loadTrained, misclassified, predict, predictTestImage, refreshTrained, withInsights, type TrainedNetwork } from './insights';
import type { RunningTraining } from './pythonProcess';
import { startPytorch } from './pytorchStart';
import { RunFolder, pastRuns } from './runFolder';
import { TestSplits } from './testSplits';
import { showTrainingProgress, TrainingStatusItem } from './trainingStatus';
import { IDLE, failedView, memoryLine, reduceTraining, startingView } from './trainingView';
import { postIntervalMs, ViewThrottle } from './viewThrottle';

/** Which engine trains: wiregrad's own (worker threads, the default) or PyTorch through an exported train.py. */
export type TrainingEngine = 'builtin' | 'pytorch';

interface Run {
  session: RunningTraining | null;
  view: TrainingView;
  /** The document version the run started from: later edits do not touch the running model. */
  version: number;
  /** The graph text the run trains (predictions and pictures use it, not later edits). */
  graphText?: string;
  /** The last trained weights, loaded for predictions and pictures. */
  trained?: TrainedNetwork;
  weightsFile?: string;
}

/** The pictures of what the network learned (a weights file read and a forward pass) are redrawn at most this often. */
const INSIGHTS_INTERVAL_MS = 1000;

/**
 * Messages the panel shows at once; the rest (progress, epoch ends, gradient flow) wait for the throttle through
 * which the view (and the status-bar line) is posted, whose interval grows with the view (viewThrottle.ts
 * postIntervalMs: 200 ms for a small view, ~1 s at 100 kB). The view is posted whole, charts included, and the
 * worker's messages come faster than a webview needs them: progress every 250 ms, and an epoch end per epoch, which
 * a small network on the fast kernels reaches 5–30 times a second. Posting at every epoch end kept the extension
 * host's main thread and the workbench at half a core each.
 */
const postsAtOnce = (m: WorkerMessage) => m.type !== 'progress' && m.type !== 'epoch-end' && m.type !== 'gradient-flow';

export class TrainingController {
  private readonly runs = new Map<string, Run>();
  private readonly statusItem = new TrainingStatusItem();
  private readonly throttles = new Map<string, ViewThrottle>();
  private readonly testSplits = new TestSplits();

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly editors: GraphEditorProvider,
  ) {}

  /** The panel's state for a newly opened editor: the live run, or (after a reload) past runs and a resumable checkpoint. */
  async viewFor(document: vscode.TextDocument): Promise<HostMessage | null> {
    const run = this.runs.get(document.uri.toString());
    if (run) return { type: 'training', view: run.view };
    if (document.uri.scheme !== 'file') return null;
    if (restrictedReason(vscode.workspace.isTrusted, 'history')) return null;
    const graphFile = document.uri.fsPath;
    const resumable = savedStateExists(checkpointPaths(graphFile).state);
    const past = await pastRuns(graphFile).catch(() => []);
    if (!resumable && past.length === 0) return null;
    const line = resumable ? 'A checkpoint of an earlier run is saved beside the graph: Resume continues from it.' : `${past.length} earlier run${past.length === 1 ? '' : 's'}: press Train to start another.`;
    return { type: 'training', view: { ...IDLE, line, resumable, pastRuns: past } };
  }

  onTrainMessage(document: vscode.TextDocument, action: 'start' | 'stop' | 'pause' | 'resume', engine: TrainingEngine = 'builtin'): void {
    const run = this.runs.get(document.uri.toString());
    const active = run?.session ?? null;
    if (action === 'start') void this.start(document, false, engine);
    else if (action === 'stop') active?.cancel();
    else if (action === 'pause') active?.pause();
    else if (active) active.resume();
    else void this.start(document, true);
  }

  /**
   * "Can it overfit a tiny subset?" (engine/train/overfit.ts) in the training worker: the panel shows its loss curve
   * and verdict like a run's. Nothing is saved, so it neither records a run folder nor touches the weights.
   */
  async checkOverfit(document: vscode.TextDocument): Promise<void> {
    const key = document.uri.toString();
    const restricted = restrictedReason(vscode.workspace.isTrusted, 'train');
    if (restricted) {
      this.update(document, failedView(IDLE, restricted), true);
      return;
    }
    if (this.runs.get(key)?.session) {
      void vscode.window.showInformationMessage('wiregrad: this network is already training.');
      return;
    }
    if (document.uri.scheme !== 'file' || (document.isDirty && !(await document.save()))) {
      this.update(document, failedView(IDLE, 'save the network to a file on disk before checking it.'), true);
      return;
    }
    const previous = this.runs.get(key)?.view ?? IDLE;
    const view: TrainingView = { ...startingView('', previous), line: `Overfit check: training on ${DEFAULT_OVERFIT.samples} samples…` };
    const run: Run = { session: null, view, version: document.version };
    this.runs.set(key, run);
    this.update(document, view, true);
    const session = new TrainingSession({
      workerScript: path.join(this.context.extensionPath, 'dist', 'worker.js'),
      request: { graphFile: document.uri.fsPath, overrides: {}, resume: false, threads: kernelThreads(), overfit: { ...DEFAULT_OVERFIT } },
      onMessage: (m) => this.update(document, reduceTraining(run.view, m), postsAtOnce(m)),
    });
    run.session = session;
    showTrainingProgress(document, () => run.view.line, session);
    const end = await session.done;
    run.session = null;
    log().info(`Overfit check of ${document.uri.fsPath}: ${end.type === 'overfit-result' ? end.result.explanation : end.type === 'failed' ? end.message : end.type}`);
    this.refreshStatus();
  }

  documentChanged(document: vscode.TextDocument): void {
    const run = this.runs.get(document.uri.toString());
    if (run?.session && !run.view.designChanged && document.version !== run.version) this.update(document, { ...run.view, designChanged: true }, true);
  }

  async start(document: vscode.TextDocument, resume: boolean, engine: TrainingEngine = 'builtin'): Promise<void> {
    const key = document.uri.toString();
    const restricted = restrictedReason(vscode.workspace.isTrusted, 'train');
    if (restricted) {
      this.update(document, failedView(IDLE, restricted), true);
      void vscode.window.showWarningMessage(`wiregrad: ${restricted}`);
      return;
    }
    if (this.runs.get(key)?.session) {
      void vscode.window.showInformationMessage('wiregrad: this network is already training.');
      return;
    }
    const parsed = parseGraphText(document.getText());
    const analysis = parsed.graph ? analyzeGraph(parsed.graph) : null;
    if (!parsed.graph || !analysis || analysis.hasErrors) {
      this.update(document, failedView(IDLE, 'the design has errors (see the Problems panel); fix them before training.'), true);
      await vscode.commands.executeCommand('workbench.actions.view.problems');
      return;
    }
    if (document.uri.scheme !== 'file') {
      this.update(document, failedView(IDLE, 'save the network to a file on disk before training.'), true);
      return;
    }
    // The worker reads the graph from disk: save first so it trains what the user sees.
    if (document.isDirty && !(await document.save())) {
      this.update(document, failedView(IDLE, 'the file could not be saved before training.'), true);
      return;
    }
    const graphFile = document.uri.fsPath;
    let folder: RunFolder;
    try {
      folder = new RunFolder(graphFile);
    } catch (err) {
      this.update(document, failedView(IDLE, `cannot record the run: ${(err as Error).message}.`), true);
      return;
    }
    const previous = this.runs.get(key)?.view ?? IDLE;
    const run: Run = {
      session: null,
      view: {
        ...startingView(parsed.graph.name, previous),
        memory: memoryLine(estimateTrainingMemory(analysis, resolveTrainingConfig(parsed.graph.training).config)),
        runFolder: folder.dir,
        pastRuns: previous.pastRuns,
      },
      version: document.version,
      graphText: document.getText(),
      weightsFile: checkpointPaths(graphFile).weights,
    };
    this.runs.set(key, run);
    this.update(document, run.view, true);
    void pastRuns(graphFile, folder.dir).then(
      (past) => this.update(document, { ...run.view, pastRuns: past }, true),
      () => undefined,
    );
    let insightsFrom: WorkerMessage | null = null;
    const insights = new ViewThrottle(() => insightsFrom && this.refreshInsights(document, run, insightsFrom), INSIGHTS_INTERVAL_MS);
    const onMessage = (m: WorkerMessage) => {
      folder.record(m);
      if (m.type === 'started') log().info(`Training ${path.basename(graphFile)} with kernels: ${m.info.backend}`);
      this.update(document, reduceTraining(run.view, m), postsAtOnce(m));
      if (m.type === 'epoch-end' || m.type === 'finished') {
        insightsFrom = m;
        insights.request(m.type === 'finished');
      }
    };
    const session =
      engine === 'pytorch'
        ? await startPytorch(document, this.context.extensionPath, graphFile, estimateTrainingMemory(analysis, resolveTrainingConfig(parsed.graph.training).config), onMessage, {
            progress: (line) => this.update(document, { ...run.view, line }, true),
            failed: (message) => this.update(document, failedView(run.view, message), true),
          })
        : new TrainingSession({
            workerScript: path.join(this.context.extensionPath, 'dist', 'worker.js'),
            request: { graphFile, overrides: {}, resume, progressIntervalMs: 250, threads: kernelThreads() },
            onMessage,
          });
    if (!session) {
      this.refreshStatus();
      return;
    }
    run.session = session;
    showTrainingProgress(document, () => run.view.line, session);
    const end = await session.done;
    run.session = null;
    // A PyTorch run leaves weights but no wiregrad optimizer checkpoint: nothing for Resume to continue from.
    if (engine === 'pytorch' && run.view.resumable) this.update(document, { ...run.view, resumable: false }, true);
    if (end.type === 'finished') {
      try {
        const kept = await folder.keepWeights(end.weightsFile);
        this.update(document, { ...run.view, weightsFile: kept }, true);
      } catch (err) {
        log().warn(`Could not copy the weights into ${folder.dir}: ${(err as Error).message}`);
      }
    }
    await folder.flushed();
    if (end.type === 'failed') {
      log().error(`Training ${document.uri.fsPath} failed: ${end.message}`);
      const fixes = (end.fixes ?? []).map((f) => ({ title: f.title, intent: { kind: 'apply-fix' as const, edits: f.edits } }));
      if (fixes.length) this.update(document, { ...run.view, fixes }, true);
    }
    else log().info(`Training ${document.uri.fsPath}: ${run.view.line}`);
    if (end.type === 'cancelled' && end.forced) {
      void vscode.window.showWarningMessage(`wiregrad: the training worker of ${path.basename(graphFile)} did not stop in time and was terminated; the weights saved at the last epoch end are kept.`);
    }
    this.refreshStatus();
  }

  /** After each epoch (the worker has saved the weights): what the network learned so far, as pictures. */
  private refreshInsights(document: vscode.TextDocument, run: Run, m: WorkerMessage): void {
    if (!run.graphText || !run.weightsFile) return;
    const weightsFile = m.type === 'finished' ? m.weightsFile : run.weightsFile;
    setImmediate(() => {
      try {
        const net = refreshTrained(run.trained, run.graphText!, weightsFile);
        run.trained = net;
        this.update(document, withInsights(run.view, net), m.type === 'finished');
        if (m.type === 'finished') {
          void misclassified(net, document.uri.fsPath).then(
            (wrong) => wrong && this.update(document, { ...run.view, misclassified: wrong }, true),
            (err: Error) => log().warn(`Could not list misclassified test images: ${err.message}`),
          );
        }
      } catch (err) {
        // The checkpoint may be mid-write at an epoch's end; the next epoch tries again.
        log().debug(`insights for ${document.uri.fsPath}: ${(err as Error).message}`);
      }
    });
  }

  /** Runs one input (drawn pixels or a test image) through the last trained weights of the document's network. */
  async predict(document: vscode.TextDocument, request: PredictRequest): Promise<Prediction> {
    const restricted = restrictedReason(vscode.workspace.isTrusted, 'predict');
    if (restricted) throw new Error(restricted);
    const key = document.uri.toString();
    const run = this.runs.get(key);
    let net = run?.trained;
    if (!net) {
      net = loadTrained(run?.graphText ?? document.getText(), checkpointPaths(document.uri.fsPath).weights);
      if (run) run.trained = net;
    }
    // Without a chosen node, the first conv node's maps come back (all of them can be megabytes on a big network).
    const node = request.node ?? convNodes(net)[0]?.node;
    if (request.testIndex === undefined) return predict(net, request.pixels ?? [], node);
    return predictTestImage(net, await this.testSplits.get(key, net, document.uri.fsPath), request.testIndex, node);
  }

  private update(document: vscode.TextDocument, view: TrainingView, immediate: boolean): void {
    const key = document.uri.toString();
    const run = this.runs.get(key) ?? { session: null, view, version: document.version };
    run.view = view;
    this.runs.set(key, run);
    let throttle = this.throttles.get(key);
    if (!throttle) {
      // Posts whatever the document's run shows when it fires (the newest view, not the one that asked).
      let lastBytes = 0;
      throttle = new ViewThrottle(
        () => {
          this.refreshStatus();
          const message: HostMessage = { type: 'training', view: this.runs.get(key)!.view };
          // Its size sets the wait before the next post: one stringify (~1 ms per 100 kB) per post, at most 5 a second.
          lastBytes = JSON.stringify(message).length;
          this.editors.broadcast(document, message);
        },
        () => postIntervalMs(lastBytes),
      );
      this.throttles.set(key, throttle);
    }
    throttle.request(immediate);
  }

  private refreshStatus(): void {
    this.statusItem.show([...this.runs.values()].find((r) => r.session)?.view.line ?? null);
  }

  stopActive(): void {
    const doc = this.editors.activeDocument;
    const run = doc ? this.runs.get(doc.uri.toString()) : [...this.runs.values()].find((r) => r.session);
    run?.session?.cancel();
  }

  dispose(): void {
    for (const r of this.runs.values()) r.session?.terminate();
    for (const t of this.throttles.values()) t.cancel();
    this.statusItem.dispose();
  }
}

/** The wiregrad.training.threads setting: a whole number of threads, or undefined (0, the default) for every core. */
function kernelThreads(): number | undefined {
  const n = vscode.workspace.getConfiguration('wiregrad').get<number>('training.threads', 0);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}
