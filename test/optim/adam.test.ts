import { describe, expect, it } from 'vitest';
import { Adam } from '../../engine/optim/adam';
import { param } from './helpers';

describe('Adam', () => {
  it('matches three bias-corrected steps computed by hand', () => {
    // η = 0.1, β₁ = 0.9, β₂ = 0.999, ε = 1e-8, θ₀ = 1, gradients 1, −2, 0.5.
    // t=1: m = 0.1, v = 0.001, m̂ = 1, v̂ = 1 → θ = 1 − 0.1·1/(1 + 1e-8) = 0.900000001
    // t=2: m = 0.09 − 0.2 = −0.11, v = 0.000999 + 0.004 = 0.004999,
    //      m̂ = −0.11/0.19 = −0.5789474, v̂ = 0.004999/0.001999 = 2.5007504, √v̂ = 1.5813761
    //      → θ = 0.900000001 + 0.1·0.5789474/1.5813761 = 0.9366103535
    // t=3: m = −0.099 + 0.05 = −0.049, v = 0.004994001 + 0.00025 = 0.005244001,
    //      m̂ = −0.049/0.271 = −0.1808118, v̂ = 0.005244001/0.002997001 = 1.7497495, √v̂ = 1.3227810
    //      → θ = 0.9366103535 + 0.1·0.1808118/1.3227810 = 0.9502794197
    const p = param('c.weight', [1]);
    const opt = new Adam();
    const seen: number[] = [];
    for (const g of [1, -2, 0.5]) {
      p.grad[0] = g;
      opt.step([p], 0.1);
      seen.push(p.value[0]);
    }
    expect(seen[0]).toBeCloseTo(0.900000001, 10);
    expect(seen[1]).toBeCloseTo(0.9366103535, 9);
    expect(seen[2]).toBeCloseTo(0.9502794197, 9);
  });

  it('adds L2 decay to the gradient before the moments (torch.optim.Adam, not AdamW)', () => {
    // η = 0.01, λ = 0.5, θ₀ = 2, ∇ = 0.3: g₁ = 0.3 + 0.5·2 = 1.3 → θ₁ = 2 − 0.01 = 1.99 (m̂/√v̂ = 1)
    // g₂ = 0.3 + 0.5·1.99 = 1.295: m = 0.117 + 0.1295 = 0.2465, v = 0.0016883 + 0.001677025 = 0.003365325
    //      m̂ = 0.2465/0.19 = 1.2973684, v̂ = 0.003365325/0.001999 = 1.6834042, √v̂ = 1.2974606 → θ₂ = 1.99 − 0.0099993 = 1.9800010
    const p = param('c.weight', [2]);
    const opt = new Adam({ weightDecay: 0.5 });
    p.grad[0] = 0.3;
    opt.step([p], 0.01);
    expect(p.value[0]).toBeCloseTo(1.99, 9);
    p.grad[0] = 0.3;
    opt.step([p], 0.01);
    expect(p.value[0]).toBeCloseTo(1.980001023, 8);
  });

  it('resumes from a saved state with the same step count and moments', () => {
    const a = param('c.weight', [1, -1]);
    const first = new Adam();
    a.grad.set([0.2, 0.4]);
    first.step([a], 0.01);
    const b = param('c.weight', Array.from(a.value));
    const second = new Adam();
    second.load(first.state(), [b]);
    for (const p of [a, b]) p.grad.set([-0.1, 0.05]);
    first.step([a], 0.01);
    second.step([b], 0.01);
    expect(Array.from(b.value)).toEqual(Array.from(a.value));
    expect(second.state().step).toBe(2);
  });
});
