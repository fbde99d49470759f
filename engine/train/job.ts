/**
 * One training run from a graph file to saved weights, reporting through protocol messages: what the worker runs,
 * and what tests can run in-process. Steps: read + analyse the graph, resolve the training section, estimate memory,
 * load the data, build the model (or restore it with --resume), train, save `NAME.safetensors` +
 * `NAME.ckpt.safetensors` after every epoch and on cancel. Every failure becomes one `failed` message whose text
 * names the file, field or node; nothing throws out of `runTrainingJob`.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CheckpointError } from '../checkpoint/errors';
import { checkpointPaths } from '../checkpoint/paths';
import { saveTrainingState } from '../checkpoint/training-state';
import { applyWeights, readWeights, saveWeights } from '../checkpoint/weights';
import { augmentBatch } from '../data/augment';
import { DataError } from '../data/errors';
import { loadDataset } from '../data/load';
import type { Dataset } from '../data/types';
import { parseGraphText } from '../graph/parse';
import { isExpressionGraph, type Graph } from '../graph/types';
import { createBackend, type SelectedBackend } from '../kernels/select';
import { buildModel, ModelBuildError, type Model } from '../model/model';
import { TargetError } from '../loss/loss';
import { createOptimizer } from '../optim/create';
import type { Optimizer } from '../optim/types';
import type { Rng } from '../random/rng';
import { analyzeGraph } from '../shape/analyze';
import { shapeAsWritten } from '../shape/format';
import type { GraphAnalysis } from '../shape/types';
import { resolveTrainingConfig, type TrainingConfig, type TrainingLoss } from './config';
import { TrainingControl } from './control';
import { TrainingError } from './errors';
import { FileTooLargeError, readTextCapped } from '../io/readCapped';
import { shownPath } from '../io/shownPath';
import { NotRegularFileError } from '../io/regularFile';
import { defaultMemoryBudget, estimateTrainingMemory, memoryBudgetProblem } from './memory';
import { fixesForNeed, needOf } from './failureFixes';
import { checkOutputFits } from './outputFit';
import { prepareTrainingData } from './prepare';
import type { StartRequest, WorkerMessage } from './protocol';
import { checkResumable, previousStatePath, readSavedRunOrPrevious, runMetadata } from './resume';
import { train, type EpochMetrics, type ProgressEvent, type TrainingPosition } from './trainer';
import { overfitSubset } from './overfit';
import { gradientFlags } from './gradientFlags';
import { checkInitialLoss, type InitialLossGraph } from './initialLoss';

export async function runTrainingJob(request: StartRequest, emit: (message: WorkerMessage) => void, control = new TrainingControl()): Promise<void> {
  const design: { read?: { graph: Graph; analysis: GraphAnalysis } } = {};
  let kernels: SelectedBackend | null = null;
  try {
    // The same choice as `wiregrad bench` and every other caller: the fastest kernels this runtime supports.
    kernels = await createBackend({ threads: request.threads, prefer: request.kernels });
    await run(request, emit, control, design, kernels);
  } catch (err) {
    const need = needOf(err);
    const fixes = need && design.read ? fixesForNeed(need, design.read.graph, design.read.analysis) : [];
    emit({ type: 'failed', message: userMessage(err), ...(fixes.length > 0 ? { fixes } : {}) });
  } finally {
    await kernels?.dispose();
  }
}

async function run(
  request: StartRequest,
  emit: (message: WorkerMessage) => void,
  control: TrainingControl,
  design: { read?: { graph: Graph; analysis: GraphAnalysis } },
  kernels: SelectedBackend,
): Promise<void> {
  const startedAt = performance.now();
  const graphFile = path.resolve(request.graphFile);
  const { graph, analysis } = (design.read = readGraph(graphFile));
  const resolved = resolveTrainingConfig(graph.training, request.overrides);
  if (resolved.problems.length > 0) {
    throw new TrainingError(`${shownPath(graphFile)}: ${resolved.problems.map((p) => `${p.field} ${p.message}`).join('\n  ')}`);
  }
  const config = resolved.config;
  if (!config.dataset) throw new TrainingError(`${shownPath(graphFile)}: no data set to train on: set training.dataset in the file or pass --data (e.g. --data mnist)`);

  const budget = request.memoryBudgetBytes ?? defaultMemoryBudget();
  const early = memoryBudgetProblem(estimateTrainingMemory(analysis, config, 0, kernels.backend), budget, config.batchSize);
  if (early) throw new TrainingError(`${graph.name}: ${early}`);

  const paths = checkpointPaths(graphFile);
  const values = analysis.totals.totalParams; // bounds both reads: a file larger than the graph's tensors is refused
  const weightsFile = request.resume ? readWeights(paths.weights, values) : null;
  const saved = weightsFile ? readSavedRunOrPrevious(paths.state, weightsFile, paths.weights, values) : null;
  if (saved) checkResumable(saved, config);
  const runId = saved?.runId ?? randomUUID();

  const dataset = await loadDataset(config.dataset, {
    baseDir: path.dirname(graphFile),
    inputShape: analysis.byId.get(analysis.inputId!)!.outputShape ?? undefined,
    seed: config.seed,
    dataDir: request.dataDir,
    maxBytes: budget,
  });
  const loss: TrainingLoss = config.loss ?? (dataset.task === 'classification' ? 'cross-entropy' : 'mse');
  const memory = estimateTrainingMemory(analysis, config, dataset.train.x.length * 4 + dataset.test.x.length * 4, kernels.backend);
  const late = memoryBudgetProblem(memory, budget, config.batchSize);
  if (late) throw new TrainingError(`${graph.name}: ${late}`);

  const model = buildModel(graph, analysis, { seed: config.seed, backend: kernels.backend, outputInitScale: config.outputInitScale });
  checkOutputFits(model, dataset, loss);
  const optimizer = createOptimizer(config, kernels.backend);
  if (saved && weightsFile) {
    applyWeights(model.params, weightsFile, paths.weights);
    try {
      optimizer.load(saved.state.optimizer, model.params);
    } catch (err) {
      throw new CheckpointError(`${paths.state}: ${(err as Error).message}`);
    }
  }
  const prepared = prepareTrainingData(dataset, {
    validationSplit: config.validationSplit,
    normalize: config.normalize,
    normalization: weightsFile?.info.normalization ? { mean: [...weightsFile.info.normalization.mean], std: [...weightsFile.info.normalization.std] } : undefined,
  });
  const { data } = prepared;

  emit({
    type: 'started',
    info: {
      graph: graph.name,
      dataset: config.dataset,
      datasetName: dataset.name,
      task: dataset.task,
      classNames: dataset.classNames,
      trainCount: data.train.count,
      validationCount: data.validation?.count ?? 0,
      testCount: data.test.count,
      config,
      memory,
      trainableParams: analysis.totals.trainableParams,
      resumedFrom: saved?.position ?? null,
      backend: kernels.description,
    },
  });

  if (request.overfit) {
    const result = await overfitSubset({
      model,
      optimizer: createOptimizer({ ...config, weightDecay: 0 }, kernels.backend),
      data,
      loss,
      learningRate: config.learningRate,
      optimizerName: config.optimizer,
      request: request.overfit,
      control,
      onStep: (step, value) => emit({ type: 'progress', progress: overfitProgress(step, value, request.overfit!.steps, config.learningRate, startedAt) }),
    });
    emit(result ? { type: 'overfit-result', result } : { type: 'cancelled', position: { epoch: 0, stepInEpoch: 0, globalStep: 0 }, weightsFile: null });
    return;
  }

  if (!saved && loss === 'cross-entropy') {
    const check = checkInitialLoss(model, data, initialLossGraph(graph, analysis, model, config.outputInitScale));
    if (check) emit({ type: 'initial-loss', check });
  }

  const save = (position: TrainingPosition, history: readonly EpochMetrics[]) =>
    saveCheckpoint(paths, model, optimizer, config, position, history, {
      runId,
      graph: graph.name,
      dataset,
      normalization: prepared.normalization,
    });

  const history: EpochMetrics[] = [...(saved?.history ?? [])];
  const outcome = await train({
    model,
    data,
    config: { ...config, loss },
    optimizer,
    start: saved?.position,
    history: saved?.history,
    control,
    augment: augmenter(config, dataset),
    progressIntervalMs: request.progressIntervalMs,
    onProgress: (progress) => emit({ type: 'progress', progress }),
    gradientFlow: {
      nodes: analysis.order,
      onEpoch: (flow) => emit({ type: 'gradient-flow', flow, flags: gradientFlags(flow, nodeTypes(analysis)) }),
    },
    onEpochEnd: (metrics, next) => {
      history.push(metrics);
      save(next, history);
      emit({ type: 'epoch-end', metrics });
    },
    onPaused: (position) => emit({ type: 'paused', position }),
    onResumed: () => emit({ type: 'resumed' }),
  });

  switch (outcome.status) {
    case 'finished':
      emit({
        type: 'finished',
        test: outcome.test,
        history: outcome.history,
        weightsFile: paths.weights,
        stateFile: paths.state,
        seconds: (performance.now() - startedAt) / 1000,
      });
      return;
    case 'cancelled': {
      const moved = outcome.position.globalStep > (saved?.position.globalStep ?? 0);
      if (moved) save(outcome.position, outcome.history);
      emit({ type: 'cancelled', position: outcome.position, weightsFile: moved ? paths.weights : null });
      return;
    }
    case 'failed':
      emit({ type: 'failed', message: outcome.message, nonFinite: outcome.nonFinite });
  }
}

/** One update of the overfit check as a progress message: the charts draw its loss curve like a run's. */
function overfitProgress(step: number, loss: number, steps: number, learningRate: number, startedAt: number): ProgressEvent {
  const seconds = (performance.now() - startedAt) / 1000;
  return {
    epoch: 0, epochs: 1, step, stepsPerEpoch: steps, globalStep: step, totalSteps: steps, loss, accuracy: null, learningRate,
    samplesPerSecond: 0, etaSeconds: ((steps - step) * seconds) / step,
  };
}

/** What the initial-loss check needs to know of the graph: where the logits are and what shapes their scale. */
export function initialLossGraph(graph: Graph, analysis: GraphAnalysis, model: Model, outputInitScale: number): InitialLossGraph {
  const out = analysis.byId.get(model.outputId)!;
  const feeding = graph.edges.filter((e) => e.to === model.outputId).map((e) => e.from);
  const logitsNode = out.type === 'softmax' && feeding.length === 1 ? feeding[0] : model.outputId;
  const lastWeights = [...model.params].reverse().find((p) => p.trainable && p.decay)?.node;
  const types = new Set(analysis.order.map((id) => analysis.byId.get(id)?.type));
  return {
    logitsNode,
    logitsAreLastWeights: lastWeights === logitsNode,
    hasRelu: ['relu', 'leakyrelu', 'relu6', 'elu', 'gelu', 'silu'].some((t) => types.has(t)),
    hasMaxPool: types.has('maxpool2d') || types.has('globalmaxpool'),
    outputInitScale,
  };
}

function nodeTypes(analysis: GraphAnalysis): Map<string, string> {
  return new Map(analysis.order.map((id) => [id, analysis.byId.get(id)?.type ?? '']));
}

function readGraph(graphFile: string): { graph: Graph; analysis: GraphAnalysis } {
  let text: string;
  try {
    text = readTextCapped(graphFile);
  } catch (err) {
    if (err instanceof FileTooLargeError || err instanceof NotRegularFileError) throw new TrainingError(`cannot read ${err.message}`);
    const code = (err as NodeJS.ErrnoException).code;
    throw new TrainingError(`cannot read ${shownPath(graphFile)}: ${code === 'ENOENT' ? 'no such file' : code ?? String(err)}`);
  }
  const parsed = parseGraphText(text);
  if (!parsed.graph) {
    const errors = parsed.problems.filter((p) => p.severity === 'error');
    throw new TrainingError(errors.map((p) => `${shownPath(graphFile)}:${p.range.line}:${p.range.column}: ${p.message}`).join('\n'));
  }
  if (isExpressionGraph(parsed.graph)) {
    throw new TrainingError(`${shownPath(graphFile)} is an expression graph (the backprop lab): it has no weights to train; run wiregrad grad ${shownPath(graphFile)}`);
  }
  const analysis = analyzeGraph(parsed.graph);
  if (analysis.hasErrors) {
    const errors = analysis.diagnostics.filter((d) => d.severity === 'error');
    const lines = errors.slice(0, 10).map((d) => `  ${d.node ? `node '${d.node}': ` : ''}${d.message}`);
    if (errors.length > 10) lines.push(`  … and ${errors.length - 10} more (run wiregrad summary)`);
    throw new TrainingError(`${shownPath(graphFile)}: the graph has errors and cannot train:\n${lines.join('\n')}`);
  }
  if (!analysis.inputId) throw new TrainingError(`${shownPath(graphFile)}: the graph needs exactly one input node`);
  return { graph: parsed.graph, analysis };
}

function augmenter(config: TrainingConfig, dataset: Dataset) {
  const { flip, crop } = config.augment;
  if (!flip && crop === 0) return undefined;
  if (dataset.inputShape.length !== 3) throw new TrainingError(`training.augment needs image inputs [H, W, C]; ${dataset.name} has ${shapeAsWritten(dataset.inputShape)}`);
  let scratch = new Float32Array(0);
  return (x: Float32Array | Float64Array, batch: number, rng: Rng) => {
    if (!(x instanceof Float32Array)) return;
    if (scratch.length < x.length) scratch = new Float32Array(x.length);
    const out = scratch.subarray(0, x.length);
    augmentBatch(x, batch, dataset.inputShape, { flip, crop }, rng, out);
    x.set(out);
  };
}

function saveCheckpoint(
  paths: { weights: string; state: string },
  model: Model,
  optimizer: Optimizer,
  config: TrainingConfig,
  position: TrainingPosition,
  history: readonly EpochMetrics[],
  about: { runId: string; graph: string; dataset: Dataset; normalization: { mean: number[]; std: number[] } | null },
): void {
  // The previous state is kept (renamed), then the new state and the weights are written: a run stopped between the
  // writes leaves weights that pair with the kept state (globalStep and run id), and resume takes that one.
  try {
    if (fs.existsSync(paths.state)) fs.renameSync(paths.state, previousStatePath(paths.state));
    writeCheckpoint(paths, model, optimizer, config, position, history, about);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new TrainingError(`cannot save the checkpoint beside the graph (${paths.weights}): ${code ?? (err as Error).message}`);
  }
}

function writeCheckpoint(
  paths: { weights: string; state: string },
  model: Model,
  optimizer: Optimizer,
  config: TrainingConfig,
  position: TrainingPosition,
  history: readonly EpochMetrics[],
  about: { runId: string; graph: string; dataset: Dataset; normalization: { mean: number[]; std: number[] } | null },
): void {
  saveTrainingState(
    paths.state,
    { optimizer: optimizer.state(), globalStep: position.globalStep, extra: runMetadata(config, position, history, about.runId) },
    new Map(model.params.map((p) => [p.key, p.shape])),
  );
  saveWeights(paths.weights, model.params, {
    graph: about.graph,
    dataset: about.dataset.spec,
    seed: config.seed,
    task: about.dataset.task,
    classNames: about.dataset.classNames,
    normalization: about.normalization ?? undefined,
    globalStep: position.globalStep,
    runId: about.runId,
  });
}

/** The text shown for an error: ours carry a user message; anything else is a bug, reported without a stack. */
export function userMessage(err: unknown): string {
  if (err instanceof TrainingError || err instanceof DataError || err instanceof CheckpointError || err instanceof ModelBuildError) return err.message;
  // Targets that do not fit the output: the data set and the graph disagree, which the user can fix.
  if (err instanceof TargetError) return err.message;
  if (err instanceof Error) return `internal error: ${err.message}`;
  return `internal error: ${String(err)}`;
}
