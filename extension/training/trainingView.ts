/**
 * What the training panel shows, folded from the worker's messages one at a time. Pure (no vscode), so the
 * session logic is unit-tested with the real engine.
 */
import type { MemoryEstimate } from '../../engine/train/memory';
import type { WorkerMessage } from '../../engine/train/protocol';
import { formatBytes } from '../../engine/shape/format';
import type { TrainingView } from '../protocol';

/**
 * Beyond these many points a series drops every other one (keeping the last): the view is posted whole, a few times a
 * second, so on a run of thousands of short epochs every post (and every chart redraw) would otherwise grow without
 * end. Measured in the real VS Code: a small network ends 5–30 epochs a second, and with 1,500 points per series the
 * posts grew to 500 kB each and took seconds to cross code-server to the webview. The caps are what a chart a few
 * hundred pixels wide can show: per-step losses 1,000, per-epoch rows 500, gradient-flow rows (one per node per
 * epoch, the widest) 120.
 */
export const MAX_POINTS = { steps: 1000, epochs: 500, gradientFlow: 120 } as const;

export const IDLE: TrainingView = {
  status: 'idle',
  line: 'Not trained yet: press Train.',
  steps: [],
  epochs: [],
  testAccuracy: null,
  testLoss: null,
  error: null,
  designChanged: false,
  memory: null,
  backend: null,
  weightsFile: null,
  classNames: null,
  confusion: null,
  learned: null,
  filters: null,
  misclassified: null,
  runFolder: null,
  pastRuns: [],
  inputShape: null,
  fixes: [],
  resumable: false,
  gradientFlow: [],
  gradientFlags: [],
  initialLoss: null,
  overfit: null,
};

export function startingView(graphName: string, previous: TrainingView = IDLE): TrainingView {
  return { ...IDLE, pastRuns: previous.pastRuns, status: 'starting', line: `Starting: loading the data set for ${graphName}…` };
}

/** "memory estimate 12.3 MiB (weights …, activations …, data …)"; data is 0 until the data set is loaded. */
export function memoryLine(m: MemoryEstimate): string {
  const data = m.data > 0 ? `, data ${formatBytes(m.data)}` : '';
  return `memory estimate ${formatBytes(m.total)} (weights ${formatBytes(m.weights)}, optimizer ${formatBytes(m.optimizer)}, activations ${formatBytes(m.activations)}${data})`;
}

export function failedView(view: TrainingView, message: string): TrainingView {
  return { ...view, status: 'failed', line: `Training failed: ${message}`, error: message };
}

function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

function thin<T>(points: readonly T[], max: number): T[] {
  return points.length > max ? points.filter((_, i) => i % 2 === 0 || i === points.length - 1) : [...points];
}

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '' : ` · accuracy ${(x * 100).toFixed(1)}%`);

export function reduceTraining(view: TrainingView, message: WorkerMessage): TrainingView {
  switch (message.type) {
    case 'started': {
      const i = message.info;
      return {
        ...view,
        status: 'running',
        dataset: i.datasetName,
        classNames: i.task === 'classification' ? i.classNames : null,
        line: `epoch ${(i.resumedFrom?.epoch ?? 0) + 1}/${i.config.epochs} · ${i.datasetName}: ${i.trainCount.toLocaleString('en-US')} training samples${i.resumedFrom ? ' (resumed)' : ''}`,
        memory: memoryLine(i.memory),
        backend: i.backend,
      };
    }
    case 'progress': {
      const p = message.progress;
      const steps = thin([...view.steps, { step: p.globalStep, loss: p.loss, accuracy: p.accuracy }], MAX_POINTS.steps);
      return {
        ...view,
        status: view.status === 'paused' ? 'paused' : 'running',
        steps,
        line: `epoch ${p.epoch + 1}/${p.epochs} · step ${p.step}/${p.stepsPerEpoch} · loss ${p.loss.toFixed(4)}${pct(p.accuracy)} · ${Math.round(p.samplesPerSecond).toLocaleString('en-US')} samples/s · ETA ${clock(p.etaSeconds)}`,
      };
    }
    case 'initial-loss':
      return { ...view, initialLoss: message.check };
    case 'overfit-result': {
      const r = message.result;
      return { ...view, status: r.passed ? 'finished' : 'failed', line: `Overfit check ${r.explanation}`, overfit: r, error: null };
    }
    case 'gradient-flow':
      return { ...view, gradientFlow: thin([...view.gradientFlow, message.flow], MAX_POINTS.gradientFlow), gradientFlags: message.flags };
    case 'epoch-end': {
      const e = message.metrics;
      const step = view.steps.at(-1)?.step ?? 0;
      const epochs = thin([
        ...view.epochs,
        {
          epoch: e.epoch,
          step,
          trainLoss: e.train.loss,
          trainAccuracy: e.train.accuracy,
          valLoss: e.validation?.loss ?? null,
          valAccuracy: e.validation?.accuracy ?? null,
        },
      ], MAX_POINTS.epochs);
      const val = e.validation ? ` · validation loss ${e.validation.loss.toFixed(4)}${pct(e.validation.accuracy)}` : '';
      return { ...view, epochs, line: `epoch ${e.epoch + 1} done · loss ${e.train.loss.toFixed(4)}${pct(e.train.accuracy)}${val}` };
    }
    case 'paused':
      return { ...view, status: 'paused', line: `paused at epoch ${message.position.epoch + 1}, step ${message.position.stepInEpoch}` };
    case 'resumed':
      return { ...view, status: 'running' };
    case 'accepted':
    case 'heartbeat':
      return view;
    case 'finished': {
      const t = message.test;
      const result = t.accuracy !== null ? `test accuracy ${(t.accuracy * 100).toFixed(2)}%` : `test loss ${t.loss.toFixed(5)}`;
      return {
        ...view,
        status: 'finished',
        line: `finished ${message.history.length} epoch${message.history.length === 1 ? '' : 's'} in ${clock(message.seconds)} · ${result}`,
        testAccuracy: t.accuracy,
        testLoss: t.loss,
        confusion: t.confusion,
        weightsFile: message.weightsFile,
        resumable: false,
      };
    }
    case 'failed': {
      const where = message.nonFinite ? ` (non-finite ${message.nonFinite.where} at step ${message.nonFinite.step}${message.nonFinite.node ? `, node '${message.nonFinite.node}'` : ''})` : '';
      return failedView(view, message.message + where);
    }
    case 'cancelled':
      return {
        ...view,
        status: 'cancelled',
        line: message.forced
          ? `cancelled: the worker did not stop in time and was terminated at epoch ${message.position.epoch + 1}, step ${message.position.stepInEpoch} · the weights saved at the last epoch end are kept`
          : `cancelled at epoch ${message.position.epoch + 1}, step ${message.position.stepInEpoch}${message.weightsFile ? ' · checkpoint saved: Resume continues from it' : ''}`,
        weightsFile: message.weightsFile,
        resumable: message.weightsFile !== null,
      };
  }
}
