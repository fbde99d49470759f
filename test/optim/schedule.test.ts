import { describe, expect, it } from 'vitest';
import { clipGradientsByGlobalNorm, globalGradientNorm } from '../../engine/optim/clip';
import { learningRateAt } from '../../engine/optim/schedule';
import { param } from './helpers';

describe('learning-rate schedules', () => {
  const at = (step: number, epoch: number) => ({ step, epoch, totalSteps: 100 });

  it('keeps a constant rate', () => {
    expect(learningRateAt(0.01, { type: 'constant' }, at(57, 3))).toBe(0.01);
  });

  it('decays by γ every stepSize epochs', () => {
    const s = { type: 'step', stepSize: 2, gamma: 0.5 } as const;
    expect(learningRateAt(0.1, s, at(0, 1))).toBeCloseTo(0.1, 12);
    expect(learningRateAt(0.1, s, at(0, 2))).toBeCloseTo(0.05, 12);
    expect(learningRateAt(0.1, s, at(0, 5))).toBeCloseTo(0.025, 12);
  });

  it('follows a half cosine from η to 0 over the run', () => {
    const s = { type: 'cosine' } as const;
    expect(learningRateAt(0.1, s, at(0, 0))).toBeCloseTo(0.1, 12);
    expect(learningRateAt(0.1, s, at(50, 0))).toBeCloseTo(0.05, 12);
    // t/T = 0.25: (1 + cos(π/4))/2 = 0.8535534
    expect(learningRateAt(0.1, s, at(25, 0))).toBeCloseTo(0.08535534, 8);
    expect(learningRateAt(0.1, s, at(100, 0))).toBeCloseTo(0, 12);
  });

  it('warms up linearly, then starts the cosine after the warm-up', () => {
    const s = { type: 'cosine', warmupSteps: 10 } as const;
    expect(learningRateAt(0.1, s, at(0, 0))).toBeCloseTo(0.01, 12);
    expect(learningRateAt(0.1, s, at(4, 0))).toBeCloseTo(0.05, 12);
    expect(learningRateAt(0.1, s, at(10, 0))).toBeCloseTo(0.1, 12);
    // after warm-up: t = 45 of T = 90 → half way → 0.05
    expect(learningRateAt(0.1, s, at(55, 0))).toBeCloseTo(0.05, 12);
  });
});

describe('gradient clipping by global norm', () => {
  it('scales every gradient by maxNorm/‖g‖ when the norm is too large', () => {
    const a = param('a.weight', [0, 0]);
    const b = param('b.weight', [0]);
    a.grad.set([3, 4]);
    b.grad.set([12]);
    // ‖g‖ = √(9 + 16 + 144) = 13 → scale 6.5/13 ≈ 0.5
    expect(globalGradientNorm([a, b])).toBeCloseTo(13, 12);
    expect(clipGradientsByGlobalNorm([a, b], 6.5)).toBeCloseTo(13, 12);
    expect(a.grad[0]).toBeCloseTo(1.5, 6);
    expect(a.grad[1]).toBeCloseTo(2, 6);
    expect(b.grad[0]).toBeCloseTo(6, 6);
    expect(globalGradientNorm([a, b])).toBeCloseTo(6.5, 6);
  });

  it('leaves small gradients alone', () => {
    const a = param('a.weight', [0, 0]);
    a.grad.set([0.3, 0.4]);
    clipGradientsByGlobalNorm([a], 1);
    expect(Array.from(a.grad)).toEqual([0.3, 0.4]);
  });
});
