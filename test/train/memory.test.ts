import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../engine/shape/format';
import { estimateTrainingMemory, memoryBudgetProblem } from '../../engine/train/memory';

// LeNet-5-like totals: 61,706 trainable parameters, 24,000 activation bytes per sample (no conv: no workspace).
const analysis = { nodes: [], totals: { trainableParams: 61706, nonTrainableParams: 0, totalParams: 61706, totalMacs: 0, activationBytes: 24000 } };

describe('training memory estimate', () => {
  it('adds weights, gradients, optimizer slots and activations', () => {
    const adam = estimateTrainingMemory(analysis, { batchSize: 64, optimizer: 'adam' });
    expect(adam).toEqual({
      weights: 246824,
      gradients: 246824,
      optimizer: 493648, // m and v
      activations: 3072000, // 24,000 × 64 × 2
      workspace: 0,
      data: 0,
      total: 4059296,
    });
    expect(estimateTrainingMemory(analysis, { batchSize: 64, optimizer: 'sgd' }).optimizer).toBe(0);
    expect(estimateTrainingMemory(analysis, { batchSize: 64, optimizer: 'momentum' }).optimizer).toBe(246824);
  });

  it('counts the conv im2col workspace of a real graph', async () => {
    const { exampleGraph } = await import('../helpers/graphs');
    const lenet = exampleGraph('lenet5.nn.json').analysis;
    // c1: 28·28 outputs × 5·5·1 taps; c3: 10·10 × 5·5·6; ×2 (col and its gradient) × batch 64 × 4 bytes.
    const perSample = 28 * 28 * 25 + 10 * 10 * 150;
    expect(estimateTrainingMemory(lenet, { batchSize: 64, optimizer: 'adam' }).workspace).toBe(2 * 64 * perSample * 4);
  });

  it('refuses a run over budget with the breakdown', () => {
    const estimate = estimateTrainingMemory(analysis, { batchSize: 64, optimizer: 'adam' }, 1000);
    expect(memoryBudgetProblem(estimate, 5_000_000, 64)).toBeNull();
    expect(memoryBudgetProblem(estimate, 1_000_000, 64)).toBe(
      'training would need about 3.9 MiB, over the budget of 976.6 KiB: weights 241.0 KiB, gradients 241.0 KiB, optimizer state 482.1 KiB, ' +
        'activations 2.9 MiB (batch 64), data 1000 B. Lower the batch size, or shrink the network (fewer filters or units, more striding or pooling early).',
    );
  });

  it('formats sizes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(5 * 1024 ** 3)).toBe('5.0 GiB');
  });
});
