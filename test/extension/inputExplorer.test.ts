/** The training panel's input explorer: which message goes to the host for a test image or a drawing. */
import { describe, expect, it } from 'vitest';
import { bestClass, chosenConvNode, predictMessage, randomTestImage, stepTestImage } from '../../webview/training/explorer';

const convs = [
  { node: 'c1', width: 28, height: 28, channels: 6 },
  { node: 'c3', width: 10, height: 10, channels: 16 },
];

describe('input explorer', () => {
  it('previous and next go round the test split once its size is known', () => {
    expect(stepTestImage(0, -1, 2000)).toBe(1999);
    expect(stepTestImage(1999, 1, 2000)).toBe(0);
    expect(stepTestImage(4, 1, 2000)).toBe(5);
    expect(stepTestImage(0, -1, null)).toBe(-1); // the host wraps it
    expect(randomTestImage(2000, 0.9999)).toBe(1999);
    expect(randomTestImage(2000, 0.5)).toBe(1000);
  });

  it('keeps the chosen conv node while the network has it, else falls back to the first', () => {
    expect(chosenConvNode(convs, 'c3')).toBe('c3');
    expect(chosenConvNode(convs, 'gone')).toBe('c1');
    expect(chosenConvNode(convs, null)).toBe('c1');
    expect(chosenConvNode([], 'c3')).toBeNull();
  });

  it('asks for a test image by index, and sends a grey drawing to every channel', () => {
    expect(predictMessage(7, { kind: 'test', index: 12 }, 'c3', 1)).toEqual({ type: 'predict', requestId: 7, testIndex: 12, node: 'c3' });
    expect(predictMessage(8, { kind: 'drawing', pixels: [0, 0.5] }, null, 3)).toEqual({ type: 'predict', requestId: 8, pixels: [0, 0, 0, 0.5, 0.5, 0.5] });
  });

  it('the best class is the first of the highest probabilities', () => {
    expect(bestClass([0.1, 0.6, 0.3])).toBe(1);
    expect(bestClass([0.5, 0.5])).toBe(0);
    expect(bestClass([])).toBe(-1);
  });
});
