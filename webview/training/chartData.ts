/** Per-step and per-epoch metrics merged onto one x axis (the global step), for the loss and accuracy charts. */
import type { TrainingView } from '../../extension/protocol';

export interface ChartData {
  readonly x: number[];
  readonly trainLoss: (number | null)[];
  readonly valLoss: (number | null)[];
  readonly trainAccuracy: (number | null)[];
  readonly valAccuracy: (number | null)[];
  /** Loss curves of earlier runs, on the same x axis. */
  readonly past: { readonly name: string; readonly loss: (number | null)[] }[];
}

export function chartData(view: TrainingView): ChartData {
  const xs = [
    ...new Set([...view.steps.map((s) => s.step), ...view.epochs.map((e) => e.step), ...view.pastRuns.flatMap((r) => r.steps.map((s) => s.step))]),
  ].sort((a, b) => a - b);
  const steps = new Map(view.steps.map((s) => [s.step, s]));
  const epochs = new Map(view.epochs.map((e) => [e.step, e]));
  return {
    x: xs,
    trainLoss: xs.map((x) => steps.get(x)?.loss ?? null),
    valLoss: xs.map((x) => epochs.get(x)?.valLoss ?? null),
    trainAccuracy: xs.map((x) => steps.get(x)?.accuracy ?? null),
    valAccuracy: xs.map((x) => epochs.get(x)?.valAccuracy ?? null),
    past: view.pastRuns.map((r) => {
      const at = new Map(r.steps.map((s) => [s.step, s.loss]));
      return { name: r.name, loss: xs.map((x) => at.get(x) ?? null) };
    }),
  };
}
