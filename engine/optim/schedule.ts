/**
 * Learning-rate schedules: the rate for a given update, from the base rate, the schedule and where training is.
 *   constant: η
 *   step:     η · γ^⌊epoch / stepSize⌋                      (torch.optim.lr_scheduler.StepLR, stepped per epoch)
 *   cosine:   η_min + (η − η_min) · (1 + cos(π·t/T)) / 2     (CosineAnnealingLR over all updates after warm-up)
 * An optional linear warm-up multiplies the rate by (s + 1) / warmupSteps for the first `warmupSteps` updates.
 */
export type Schedule =
  | { readonly type: 'constant'; readonly warmupSteps?: number }
  | { readonly type: 'step'; readonly stepSize: number; readonly gamma: number; readonly warmupSteps?: number }
  | { readonly type: 'cosine'; readonly minLearningRate?: number; readonly warmupSteps?: number };

export interface SchedulePosition {
  /** Updates done before this one (0 for the first update). */
  readonly step: number;
  /** The epoch this update belongs to (0-based). */
  readonly epoch: number;
  /** Updates in the whole run (epochs × batches per epoch). */
  readonly totalSteps: number;
}

export function learningRateAt(base: number, schedule: Schedule, at: SchedulePosition): number {
  const warmup = schedule.warmupSteps ?? 0;
  const rate = scheduled(base, schedule, at, warmup);
  return at.step < warmup ? (rate * (at.step + 1)) / warmup : rate;
}

function scheduled(base: number, schedule: Schedule, at: SchedulePosition, warmup: number): number {
  switch (schedule.type) {
    case 'constant':
      return base;
    case 'step':
      return base * schedule.gamma ** Math.floor(at.epoch / schedule.stepSize);
    case 'cosine': {
      const min = schedule.minLearningRate ?? 0;
      const span = Math.max(1, at.totalSteps - warmup);
      const t = Math.min(1, Math.max(0, at.step - warmup) / span);
      return min + ((base - min) * (1 + Math.cos(Math.PI * t))) / 2;
    }
  }
}
