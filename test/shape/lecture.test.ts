/** The CNN lecture's worked examples, to the digit. */
import { describe, expect, it } from 'vitest';
import { lastNodeAnalysis } from '../helpers/graphs';

const img = (h: number, w: number, c: number) => ({ id: 'x', type: 'input', shape: [h, w, c] });

describe('lecture 5 worked examples', () => {
  it('32×32×3 with ten 5×5 filters, stride 1, pad 2 → 32×32×10 and 760 params', () => {
    const conv = lastNodeAnalysis(img(32, 32, 3), { id: 'conv', type: 'conv2d', filters: 10, kernel: 5, stride: 1, padding: 2 });
    expect(conv.outputShape).toEqual([32, 32, 10]);
    expect(conv.params).toBe(760);
    const texts = conv.explanations.map((e) => e.substituted);
    expect(texts).toContain('(32 + 2·2 − 5)/1 + 1 = 32');
    expect(texts).toContain('(5·5·3 + 1)·10 = 760');
    expect(conv.diagnostics).toEqual([]);
  });

  it('7×7 input, 3×3 filter: stride 1 → 5×5, stride 2 → 3×3', () => {
    expect(lastNodeAnalysis(img(7, 7, 1), { id: 'c', type: 'conv2d', filters: 1, kernel: 3, stride: 1 }).outputShape).toEqual([5, 5, 1]);
    const s2 = lastNodeAnalysis(img(7, 7, 1), { id: 'c', type: 'conv2d', filters: 1, kernel: 3, stride: 2 });
    expect(s2.outputShape).toEqual([3, 3, 1]);
    expect(s2.diagnostics).toEqual([]);
  });

  it('7×7 input, 3×3 filter, stride 3 → the 2.33 warning, floored to 2, with fixes', () => {
    const c = lastNodeAnalysis(img(7, 7, 1), { id: 'c', type: 'conv2d', filters: 1, kernel: 3, stride: 3 });
    expect(c.outputShape).toEqual([2, 2, 1]);
    expect(c.diagnostics).toHaveLength(1);
    const d = c.diagnostics[0];
    expect(d.severity).toBe('warning');
    expect(d.code).toBe('stride-does-not-tile');
    expect(d.message).toContain('(7 − 3)/3 + 1 = 2.33');
    expect(d.message).toContain('the last 1 input row and column are never read');
    expect(d.fixes.map((f) => f.title)).toEqual(['padding 1 → 3×3 output', 'stride 2 → 3×3 output', 'stride 4 → 2×2 output']);
    expect(d.fixes[0].edits).toEqual([{ kind: 'set-attribute', node: 'c', attribute: 'padding', value: 1 }]);
    expect(d.fixes[1].edits).toEqual([{ kind: 'set-attribute', node: 'c', attribute: 'stride', value: 2 }]);
    expect(c.explanations[0].substituted).toBe('(7 − 3)/3 + 1 = 2.33 → 2');
  });

  it('no diagnostic when only padding is left over', () => {
    // (7 + 2·1 − 3)/2 + 1 = 4: tiles. (8 + 2·1 − 3)/2 + 1 = 4.5: the leftover is the last padding column only.
    const c = lastNodeAnalysis(img(8, 8, 1), { id: 'c', type: 'conv2d', filters: 1, kernel: 3, stride: 2, padding: 1 });
    expect(c.outputShape).toEqual([4, 4, 1]);
    expect(c.diagnostics).toEqual([]);
  });

  it('counts only real rows never read when padding and real rows are left over', () => {
    // (12 + 2·1 − 3)/3 + 1 = 4.67: windows cover padded 0–11; padded 12 (real row 11) and 13 (padding) are never read.
    const c = lastNodeAnalysis(img(12, 12, 1), { id: 'c', type: 'conv2d', filters: 1, kernel: 3, stride: 3, padding: 1 });
    expect(c.outputShape).toEqual([4, 4, 1]);
    expect(c.diagnostics).toHaveLength(1);
    expect(c.diagnostics[0].message).toContain('(12 + 2·1 − 3)/3 + 1 = 4.67');
    expect(c.diagnostics[0].message).toContain('the last 1 input row and column are never read');
    // Padding 2 leaves 13 % 3 = 1 over and padding 3 ≥ F would put whole windows in padding: only strides are offered.
    expect(c.diagnostics[0].fixes.map((f) => f.title)).toEqual(['stride 1 → 12×12 output']);
  });

  it('reports each axis on its own when height and width differ', () => {
    const c = lastNodeAnalysis(img(7, 9, 1), { id: 'c', type: 'conv2d', filters: 1, kernel: 3, stride: 3 });
    expect(c.outputShape).toEqual([2, 3, 1]);
    expect(c.diagnostics[0].message).toContain('input height 7: (7 − 3)/3 + 1 = 2.33');
    expect(c.diagnostics[0].message).not.toContain('width 9');
    expect(c.diagnostics[0].fixes[0]).toEqual({
      title: 'padding [1, 0] → 3×3 output',
      edits: [{ kind: 'set-attribute', node: 'c', attribute: 'padding', value: [1, 0] }],
    });
  });

  it('output ≤ 0 is an error with fixes, and the node has no shape', () => {
    const c = lastNodeAnalysis(img(3, 3, 1), { id: 'c', type: 'conv2d', filters: 1, kernel: 5 });
    expect(c.outputShape).toBeNull();
    expect(c.diagnostics[0].severity).toBe('error');
    expect(c.diagnostics[0].code).toBe('output-size-not-positive');
    expect(c.diagnostics[0].fixes.map((f) => f.title)).toEqual(['padding 1 → 1×1 output', 'kernel 3 → 1×1 output']);
  });

  it('"same" padding: ⌈W/S⌉ output, the extra pixel after', () => {
    const c = lastNodeAnalysis(img(32, 32, 3), { id: 'c', type: 'conv2d', filters: 8, kernel: 3, stride: 2, padding: 'same' });
    expect(c.outputShape).toEqual([16, 16, 8]);
    expect(c.attrs.padding).toEqual([0, 1, 0, 1]);
    expect(c.diagnostics).toEqual([]);
  });

  it('dilation widens the kernel to D·(F − 1) + 1', () => {
    const c = lastNodeAnalysis(img(32, 32, 3), { id: 'c', type: 'conv2d', filters: 8, kernel: 3, dilation: 2 });
    expect(c.outputShape).toEqual([28, 28, 8]);
    expect(c.receptiveField).toEqual([5, 5]);
    expect(c.params).toBe((3 * 3 * 3 + 1) * 8);
  });

  it('a stride larger than the kernel skips rows by design: no warning for the regular gap (ResNet shortcut)', () => {
    const c = lastNodeAnalysis(img(56, 56, 64), { id: 'c', type: 'conv2d', filters: 128, kernel: 1, stride: 2, bias: false });
    expect(c.outputShape).toEqual([28, 28, 128]);
    expect(c.params).toBe(8192);
    expect(c.diagnostics).toEqual([]);
  });

  it('1×1 convolution of 56×56×64 with 32 filters → 56×56×32', () => {
    const c = lastNodeAnalysis(img(56, 56, 64), { id: 'c', type: 'conv2d', filters: 32, kernel: 1 });
    expect(c.outputShape).toEqual([56, 56, 32]);
    expect(c.params).toBe((1 * 1 * 64 + 1) * 32);
    expect(c.macs).toBe(56 * 56 * 32 * 64);
  });

  it('pooling: (W − F)/S + 1, depth kept, no parameters', () => {
    const p = lastNodeAnalysis(img(224, 224, 64), { id: 'p', type: 'maxpool2d', kernel: 2, stride: 2 });
    expect(p.outputShape).toEqual([112, 112, 64]);
    expect(p.params).toBe(0);
    expect(p.macs).toBe(0);
    expect(p.explanations[0].substituted).toBe('(224 − 2)/2 + 1 = 112');
    const q = lastNodeAnalysis(img(27, 27, 192), { id: 'p', type: 'maxpool2d', kernel: 3, stride: 2 });
    expect(q.outputShape).toEqual([13, 13, 192]);
  });

  it('the FC layer stretches 32×32×3 to 3072 inputs', () => {
    const d = lastNodeAnalysis(img(32, 32, 3), { id: 'fc', type: 'dense', units: 10 });
    expect(d.outputShape).toEqual([10]);
    expect(d.params).toBe(3072 * 10 + 10);
    expect(d.explanations.map((e) => e.substituted)).toContain('32·32·3 = 3,072');
    expect(d.paramTensors).toEqual([
      { name: 'weight', shape: [3072, 10], trainable: true },
      { name: 'bias', shape: [10], trainable: true },
    ]);
  });
});
