import { describe, expect, it } from 'vitest';
import { formatConfusionMatrix, formatDuration, formatEpochLine, formatProgressLine } from '../../engine/train/report';

describe('training reports', () => {
  it('formats durations', () => {
    expect(formatDuration(42.4)).toBe('42s');
    expect(formatDuration(125)).toBe('2m05s');
    expect(formatDuration(3 * 3600 + 61)).toBe('3h01m');
    expect(formatDuration(Infinity)).toBe('?');
  });

  it('prints a confusion matrix with aligned columns and per-class recall', () => {
    const text = formatConfusionMatrix([[8, 2], [1, 9]], ['cat', 'dog']);
    const lines = text.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^cat\s+8\s+2\s+80\.00%$/);
    expect(lines[2]).toMatch(/^dog\s+1\s+9\s+90\.00%$/);
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
  });

  it('prints an epoch line and a progress line', () => {
    expect(
      formatEpochLine(
        { epoch: 1, train: { count: 100, loss: 0.5, accuracy: 0.9 }, validation: { count: 10, loss: 0.25, accuracy: 1 }, learningRate: 0.001, seconds: 3.21, samplesPerSecond: 311.6 },
        4,
      ),
    ).toBe('epoch 2/4  train loss 0.5000 acc 90.00%  val loss 0.2500 acc 100.00%  3.2s  312 samples/s');
    const line = formatProgressLine(
      { epoch: 0, epochs: 2, step: 5, stepsPerEpoch: 10, globalStep: 5, totalSteps: 20, loss: 1.25, accuracy: null, learningRate: 0.1, samplesPerSecond: 100, etaSeconds: 90 },
      10,
    );
    expect(line).toBe('epoch 1/2 [#####.....] 5/10  loss 1.2500  100 samples/s  ETA 1m30s');
  });
});
