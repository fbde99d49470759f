/**
 * How a benchmark times a step: a warm-up (JIT, buffers grown to size, caches), then steps timed one by one until
 * both a minimum count and a minimum duration are reached; the figure is the median step (robust to the odd step
 * slowed by another process on a shared machine). `fixedSteps` instead times exactly that many steps after one
 * warm-up step (quick runs and tests).
 */
export interface TimingPlan {
  readonly warmupMs: number;
  readonly minSteps: number;
  readonly minMs: number;
  /** Stop after this long once at least two steps are timed (very slow steps). */
  readonly maxMs: number;
  readonly fixedSteps?: number;
}

export const DEFAULT_PLAN: TimingPlan = { warmupMs: 1000, minSteps: 10, minMs: 3000, maxMs: 60_000 };

export interface StepTimes {
  readonly warmupSteps: number;
  /** Every timed step, in milliseconds, in the order run. */
  readonly stepsMs: readonly number[];
  readonly medianMs: number;
  readonly minMs: number;
  readonly meanMs: number;
}

export function timeSteps(run: () => void, plan: TimingPlan): StepTimes {
  let warmupSteps = 0;
  const warmStart = performance.now();
  const warmupMs = plan.fixedSteps !== undefined ? 0 : plan.warmupMs;
  do {
    run();
    warmupSteps++;
  } while (performance.now() - warmStart < warmupMs);
  const stepsMs: number[] = [];
  const start = performance.now();
  for (;;) {
    const elapsed = performance.now() - start;
    if (plan.fixedSteps !== undefined) {
      if (stepsMs.length >= plan.fixedSteps) break;
    } else if ((stepsMs.length >= plan.minSteps && elapsed >= plan.minMs) || (stepsMs.length >= 2 && elapsed >= plan.maxMs)) {
      break;
    }
    const t0 = performance.now();
    run();
    stepsMs.push(performance.now() - t0);
  }
  return summarizeSteps(warmupSteps, stepsMs);
}

export function summarizeSteps(warmupSteps: number, stepsMs: readonly number[]): StepTimes {
  return { warmupSteps, stepsMs, medianMs: median(stepsMs), minMs: Math.min(...stepsMs), meanMs: stepsMs.reduce((a, b) => a + b, 0) / stepsMs.length };
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return NaN;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}
