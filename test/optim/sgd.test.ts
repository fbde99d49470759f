import { describe, expect, it } from 'vitest';
import { Sgd } from '../../engine/optim/sgd';
import { param } from './helpers';

describe('SGD', () => {
  it('takes θ − η·g', () => {
    const p = param('d.weight', [1, -2]);
    p.grad.set([0.5, 0.25]);
    new Sgd().step([p], 0.1);
    // 1 − 0.1·0.5 = 0.95; −2 − 0.1·0.25 = −2.025
    expect(p.value[0]).toBeCloseTo(0.95, 12);
    expect(p.value[1]).toBeCloseTo(-2.025, 12);
  });

  it('adds L2 decay λ·θ only to tensors marked decay', () => {
    const w = param('d.weight', [1, -2]);
    const b = param('d.bias', [1], false);
    w.grad.set([0.5, 0.25]);
    b.grad.set([0.5]);
    new Sgd({ weightDecay: 0.1 }).step([w, b], 0.1);
    // g' = 0.5 + 0.1·1 = 0.6 → 0.94;  g' = 0.25 + 0.1·(−2) = 0.05 → −2.005;  bias: no decay → 0.95
    expect(w.value[0]).toBeCloseTo(0.94, 12);
    expect(w.value[1]).toBeCloseTo(-2.005, 12);
    expect(b.value[0]).toBeCloseTo(0.95, 12);
  });

  it('accumulates classical momentum (b ← μb + g, θ ← θ − ηb)', () => {
    const p = param('d.weight', [1]);
    const opt = new Sgd({ momentum: 0.9 });
    const seen: number[] = [];
    for (let i = 0; i < 3; i++) {
      p.grad[0] = 1;
      opt.step([p], 0.1);
      seen.push(p.value[0]);
    }
    // b = 1, 1.9, 2.71 → θ = 0.9, 0.71, 0.439
    expect(seen[0]).toBeCloseTo(0.9, 12);
    expect(seen[1]).toBeCloseTo(0.71, 12);
    expect(seen[2]).toBeCloseTo(0.439, 12);
    expect(opt.kind).toBe('momentum');
    expect(opt.stepCount).toBe(3);
  });

  it('looks ahead with Nesterov momentum (θ ← θ − η(g + μb))', () => {
    const p = param('d.weight', [1]);
    const opt = new Sgd({ momentum: 0.9, nesterov: true });
    const seen: number[] = [];
    for (let i = 0; i < 3; i++) {
      p.grad[0] = 1;
      opt.step([p], 0.1);
      seen.push(p.value[0]);
    }
    // b = 1, 1.9, 2.71; g + μb = 1.9, 2.71, 3.439 → θ = 0.81, 0.539, 0.1951
    expect(seen[0]).toBeCloseTo(0.81, 12);
    expect(seen[1]).toBeCloseTo(0.539, 12);
    expect(seen[2]).toBeCloseTo(0.1951, 12);
  });

  it('skips non-trainable tensors', () => {
    const p = { ...param('bn.running_mean', [3]), trainable: false, grad: null };
    new Sgd({ momentum: 0.9 }).step([p], 0.1);
    expect(p.value[0]).toBe(3);
  });

  it('continues identically after saving and loading its state', () => {
    const a = param('d.weight', [1, 2]);
    const first = new Sgd({ momentum: 0.5 });
    a.grad.set([1, -1]);
    first.step([a], 0.1);
    const saved = first.state();
    const b = param('d.weight', Array.from(a.value));
    const second = new Sgd({ momentum: 0.5 });
    second.load(saved, [b]);
    a.grad.set([0.3, 0.7]);
    b.grad.set([0.3, 0.7]);
    first.step([a], 0.1);
    second.step([b], 0.1);
    expect(Array.from(b.value)).toEqual(Array.from(a.value));
    expect(second.stepCount).toBe(2);
  });

  it('refuses a saved state whose buffers do not fit, naming the tensor', () => {
    const opt = new Sgd({ momentum: 0.9 });
    const state = { kind: 'momentum' as const, step: 1, slots: { 'd.weight': { momentum: new Float32Array(3) } } };
    expect(() => opt.load(state, [param('d.weight', [1, 2])])).toThrow(/'d\.weight'.*3 values.*2/);
    expect(() => opt.load({ ...state, kind: 'adam' }, [])).toThrow(/adam/);
  });
});
