/** engine/export/pytorch/tensorLayout.ts: each tensor's layout moves every value where PyTorch reads it, and back; flatten orders. */
import { describe, expect, it } from 'vitest';
import { torchMomentum } from '../../engine/export/layout';
import { flattenPlan, fromTorch, toTorch, type TensorLayout } from '../../engine/export/pytorch/tensorLayout';
import { analyzeGraph } from '../../engine/shape/analyze';
import { graphFromNodes } from '../helpers/graphs';

const iota = (n: number) => Float32Array.from({ length: n }, (_, i) => i);

describe('PyTorch tensor layouts', () => {
  it('conv HWIO [2, 3, 4, 5] → OIHW [5, 4, 2, 3]: w[y][x][c][o] lands at [o][c][y][x]', () => {
    const data = iota(2 * 3 * 4 * 5);
    const out = toTorch(data, [2, 3, 4, 5], { kind: 'conv' });
    expect(out.shape).toEqual([5, 4, 2, 3]);
    const at = (y: number, x: number, c: number, o: number) => ((y * 3 + x) * 4 + c) * 5 + o;
    expect(out.data[((3 * 4 + 2) * 2 + 1) * 3 + 2]).toBe(at(1, 2, 2, 3));
    expect(out.data[0]).toBe(0);
    expect(out.data[1]).toBe(at(0, 1, 0, 0));
  });

  it('dense [n_in, n_out] → [n_out, n_in]', () => {
    const out = toTorch(iota(6), [2, 3], { kind: 'dense' });
    expect(out.shape).toEqual([3, 2]);
    expect([...out.data]).toEqual([0, 3, 1, 4, 2, 5]);
  });

  it('dense after a 2×2×3 image: PyTorch column c·4 + h·2 + w reads wiregrad row (h·2 + w)·3 + c', () => {
    const out = toTorch(iota(12 * 2), [12, 2], { kind: 'dense-after-image', image: [2, 2, 3] });
    expect(out.shape).toEqual([2, 12]);
    // output unit 1, PyTorch input position 4 (c = 1, h = 0, w = 0) = wiregrad row 1, column 1
    expect(out.data[1 * 12 + 4]).toBe(1 * 2 + 1);
  });

  it.each<[string, readonly number[], TensorLayout]>([
    ['conv', [3, 2, 4, 5], { kind: 'conv' }],
    ['dense', [7, 3], { kind: 'dense' }],
    ['dense after an image', [24, 5], { kind: 'dense-after-image', image: [2, 3, 4] }],
    ['a vector', [9], { kind: 'same' }],
  ])('fromChannelsFirst inverts toChannelsFirst (%s)', (_, shape, layout) => {
    const data = iota(shape.reduce((a, b) => a * b, 1));
    const there = toTorch(data, shape, layout);
    const back = fromTorch(there.data, there.shape, layout);
    expect(back.shape).toEqual(shape);
    expect([...back.data]).toEqual([...data]);
  });

  it('a wrong image size is refused, not silently misread', () => {
    expect(() => toTorch(iota(13 * 2), [13, 2], { kind: 'dense-after-image', image: [2, 2, 3] })).toThrow(/12 values cannot be the 13 inputs/);
  });

  it("Keras' momentum 0.99 is PyTorch's 0.01 (rounded, not 0.010000000000000009)", () => {
    expect(torchMomentum(0.99)).toBe(0.01);
    expect(torchMomentum(0.9)).toBe(0.1);
  });
});

describe('flatten orders', () => {
  const image = { id: 'input', type: 'input', shape: [4, 4, 2] };
  it('a dense layer on an image, and a flatten reaching dense layers through elementwise layers, flatten channels-first', () => {
    const g = graphFromNodes(
      [image, { id: 'd', type: 'dense', units: 3 }, { id: 'f', type: 'flatten' }, { id: 'r', type: 'relu' }, { id: 'drop', type: 'dropout' }, { id: 'e', type: 'dense', units: 3 }, { id: 's', type: 'add' }],
      [['input', 'd'], ['input', 'f'], ['f', 'r'], ['r', 'drop'], ['drop', 'e'], ['d', 's'], ['e', 's']],
    );
    const plan = flattenPlan(g, analyzeGraph(g));
    expect(Object.fromEntries(plan.order)).toEqual({ d: 'channels-first', f: 'channels-first' });
    expect(Object.fromEntries(plan.afterImage)).toEqual({ d: [4, 4, 2], e: [4, 4, 2] });
  });

  it('a flatten whose order is observable (the output, a per-feature batchnorm) flattens channels-last', () => {
    const out = graphFromNodes([image, { id: 'f', type: 'flatten' }], [['input', 'f']]);
    expect(flattenPlan(out, analyzeGraph(out)).order.get('f')).toBe('channels-last');
    const bn = graphFromNodes([image, { id: 'f', type: 'flatten' }, { id: 'bn', type: 'batchnorm' }, { id: 'd', type: 'dense', units: 2 }], [['input', 'f'], ['f', 'bn'], ['bn', 'd']]);
    const plan = flattenPlan(bn, analyzeGraph(bn));
    expect(plan.order.get('f')).toBe('channels-last');
    expect(plan.afterImage.has('d')).toBe(false);
  });
});
