/**
 * The blocks of issue 8, by their shape rules: output shapes to the element, parameters to the unit, MACs, the
 * explanations with the numbers in, the receptive field through upsampling (fractional jumps), and the diagnostics
 * (with fixes) for groups that do not divide and an output padding that is not below the stride.
 */
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../engine/shape/analyze';
import { chainOfSpecs, lastNodeAnalysis } from '../helpers/graphs';

const texts = (n: { explanations: readonly { substituted: string }[] }) => n.explanations.map((e) => e.substituted);

describe('conv2d groups', () => {
  it('depthwise 3×3 on 112×112×32 (MobileNet’s first): 288 weights, 3,612,672 MACs', () => {
    const n = lastNodeAnalysis(
      { id: 'in', type: 'input', shape: [112, 112, 32] },
      { id: 'dw', type: 'conv2d', filters: 32, kernel: 3, padding: 1, groups: 32, bias: false },
    );
    expect(n.outputShape).toEqual([112, 112, 32]);
    expect(n.params).toBe(288);
    expect(n.macs).toBe(3_612_672);
    expect(n.paramTensors).toEqual([{ name: 'weight', shape: [3, 3, 1, 32], trainable: true }]);
    expect(texts(n)).toContain('3·3·32/32·32 = 288');
    expect(texts(n)).toContain('112·112·32·3·3·32/32 = 3,612,672');
  });

  it('groups 4 with bias: (3·3·16/4 + 1)·8 = 296 params, MACs divided by 4', () => {
    const n = lastNodeAnalysis({ id: 'in', type: 'input', shape: [10, 10, 16] }, { id: 'c', type: 'conv2d', filters: 8, kernel: 3, groups: 4 });
    expect(n.outputShape).toEqual([8, 8, 8]);
    expect(n.params).toBe(296);
    expect(n.macs).toBe((8 * 8 * 8 * 3 * 3 * 16) / 4);
    expect(texts(n)).toContain('(3·3·16/4 + 1)·8 = 296');
  });

  it('channels that do not divide: an error naming both counts, with the nearest groups, depthwise and filters as fixes', () => {
    const a = analyzeGraph(chainOfSpecs({ id: 'in', type: 'input', shape: [8, 8, 12] }, { id: 'c', type: 'conv2d', filters: 24, kernel: 3, groups: 5 }));
    const d = a.diagnostics.find((x) => x.code === 'groups-do-not-divide')!;
    expect(d.severity).toBe('error');
    expect(d.attribute).toBe('groups');
    expect(d.message).toBe(
      'groups 5 must divide both the input channels and the filters, and does not divide the 12 input channels (12/5 = 2.40) or the 24 filters (24/5 = 4.80): every group needs the same whole number of channels and of filters.',
    );
    expect(d.fixes.map((f) => f.title)).toEqual([
      'groups 4 → 3 channels and 6 filters per group',
      'groups 6 → 2 channels and 4 filters per group',
      'groups 12 (depthwise) → 1 channel and 2 filters per group',
    ]);
    expect(a.byId.get('c')!.outputShape).toBeNull();

    const filtersOnly = analyzeGraph(chainOfSpecs({ id: 'in', type: 'input', shape: [8, 8, 8] }, { id: 'c', type: 'conv2d', filters: 6, kernel: 1, groups: 4 }));
    expect(filtersOnly.diagnostics.find((x) => x.code === 'groups-do-not-divide')!.fixes.map((f) => f.title)).toEqual([
      'groups 2 → 4 channels and 3 filters per group',
      'filters 4 → 1 per group',
      'filters 8 → 2 per group',
    ]);
  });
});

describe('conv2dtranspose', () => {
  it('2×2 stride 2 doubles 8×8×32 to 16×16×16: (8 − 1)·2 + 2 = 16, 2,064 params, 131,072 MACs', () => {
    const n = lastNodeAnalysis({ id: 'in', type: 'input', shape: [8, 8, 32] }, { id: 'up', type: 'conv2dtranspose', filters: 16, kernel: 2, stride: 2 });
    expect(n.outputShape).toEqual([16, 16, 16]);
    expect(n.params).toBe(2 * 2 * 32 * 16 + 16);
    expect(n.macs).toBe(8 * 8 * 32 * 2 * 2 * 16);
    expect(n.paramTensors.map((p) => p.shape)).toEqual([[2, 2, 16, 32], [16]]);
    expect(texts(n)).toEqual(['(8 − 1)·2 + 2 = 16', '1 + (⌈2/2⌉ − 1)·1 = 1, jump 1/2 = 0.50', '2·2·32·16 + 16 = 2,064', '8·8·32·2·2·16 = 131,072']);
  });

  it('3×3 stride 2 padding 1 output padding 1 (PyTorch’s exact doubling): (7 − 1)·2 − 2·1 + 3 + 1 = 14; per-axis attributes', () => {
    expect(lastNodeAnalysis({ id: 'in', type: 'input', shape: [7, 7, 4] }, { id: 't', type: 'conv2dtranspose', filters: 2, kernel: 3, stride: 2, padding: 1, outputPadding: 1 }).outputShape).toEqual([14, 14, 2]);
    const n = lastNodeAnalysis({ id: 'in', type: 'input', shape: [5, 6, 3] }, { id: 't', type: 'conv2dtranspose', filters: 4, kernel: [3, 1], stride: [1, 3], padding: [1, 0], outputPadding: [0, 2], bias: false });
    expect(n.outputShape).toEqual([5, 18, 4]);
    expect(n.params).toBe(3 * 1 * 3 * 4);
    expect(texts(n).slice(0, 2)).toEqual(['(5 − 1)·1 − 2·1 + 3 = 5', '(6 − 1)·3 + 1 + 2 = 18']);
  });

  it('an output padding not below the stride is an error with the largest allowed value as the fix', () => {
    const a = analyzeGraph(chainOfSpecs({ id: 'in', type: 'input', shape: [4, 4, 2] }, { id: 't', type: 'conv2dtranspose', filters: 2, kernel: 3, stride: 2, outputPadding: 2 }));
    const d = a.diagnostics.find((x) => x.node === 't')!;
    expect(d.message).toBe('outputPadding 2 must be less than the stride 2: an output padding of S or more adds rows no filter tap reaches (PyTorch refuses it too).');
    expect(d.fixes).toEqual([{ title: 'outputPadding 1', edits: [{ kind: 'set-attribute', node: 't', attribute: 'outputPadding', value: 1 }] }]);
  });

  it('padding that removes the whole output is an error with a padding fix', () => {
    const a = analyzeGraph(chainOfSpecs({ id: 'in', type: 'input', shape: [1, 1, 2] }, { id: 't', type: 'conv2dtranspose', filters: 2, kernel: 2, padding: 1 }));
    const d = a.diagnostics.find((x) => x.code === 'output-size-not-positive')!;
    expect(d.message).toContain('height (1 − 1)·1 − 2·1 + 2 = 0');
    expect(d.fixes.map((f) => f.title)).toEqual(['padding 0 → 2×2 output']);
  });
});

describe('upsample2d', () => {
  it('nearest ×2 and bilinear [2, 3]: shapes, no params, no MACs; explanations with the numbers', () => {
    const n = lastNodeAnalysis({ id: 'in', type: 'input', shape: [16, 16, 8] }, { id: 'up', type: 'upsample2d' });
    expect(n.attrs).toMatchObject({ scale: [2, 2], mode: 'nearest' });
    expect(n.outputShape).toEqual([32, 32, 8]);
    expect([n.params, n.macs]).toEqual([0, 0]);
    expect(texts(n)[0]).toBe('16·2 = 32');
    const b = lastNodeAnalysis({ id: 'in', type: 'input', shape: [5, 4, 3] }, { id: 'up', type: 'upsample2d', scale: [2, 3], mode: 'bilinear' });
    expect(b.outputShape).toEqual([10, 12, 3]);
    expect(texts(b).slice(0, 2)).toEqual(['5·2 = 10', '4·3 = 12']);
  });

  it('rejects an unknown mode, suggesting the right spelling', () => {
    const a = analyzeGraph(chainOfSpecs({ id: 'in', type: 'input', shape: [4, 4, 1] }, { id: 'up', type: 'upsample2d', mode: 'Bilinear' }));
    const d = a.diagnostics.find((x) => x.node === 'up')!;
    expect(d.message).toContain('must be "nearest" or "bilinear"; got "Bilinear"');
    expect(d.fixes[0].edits[0]).toEqual({ kind: 'set-attribute', node: 'up', attribute: 'mode', value: 'bilinear' });
  });

  it('the receptive field through an upsampling: the jump divides by the scale, and may become fractional', () => {
    const g = chainOfSpecs(
      { id: 'in', type: 'input', shape: [32, 32, 1] },
      { id: 'pool', type: 'maxpool2d', kernel: 2 }, // r 2, j 2
      { id: 'up', type: 'upsample2d', scale: 4, mode: 'bilinear' }, // r 2 + 2 = 4, j 2/4 = 0.5
      { id: 'conv', type: 'conv2d', filters: 1, kernel: 2 }, // r 4 + 1·0.5 = 4.5, j 0.5
      { id: 'near', type: 'upsample2d', scale: 2 }, // r 4.5, j 0.25
    );
    const a = analyzeGraph(g);
    expect(a.byId.get('up')!.receptiveField).toEqual([4, 4]);
    expect(a.byId.get('up')!.jump).toEqual([0.5, 0.5]);
    expect(texts(a.byId.get('up')!)).toContain('2 + 2 = 4, jump 2/4 = 0.50');
    expect(a.byId.get('conv')!.receptiveField).toEqual([4.5, 4.5]);
    expect(a.byId.get('near')!.receptiveField).toEqual([4.5, 4.5]);
    expect(a.byId.get('near')!.jump).toEqual([0.25, 0.25]);
  });
});

describe('globalmaxpool, layernorm, relu6, gelu, silu', () => {
  it('globalmaxpool: 7×7×1024 → 1024, no params', () => {
    const n = lastNodeAnalysis({ id: 'in', type: 'input', shape: [7, 7, 1024] }, { id: 'g', type: 'globalmaxpool' });
    expect(n.outputShape).toEqual([1024]);
    expect(texts(n)).toEqual(['7×7×1024 → 1024']);
  });

  it('layernorm: 2·C trainable params over the last axis of an image or a vector, ε 1e-5 by default', () => {
    const n = lastNodeAnalysis({ id: 'in', type: 'input', shape: [14, 14, 96] }, { id: 'ln', type: 'layernorm' });
    expect(n.outputShape).toEqual([14, 14, 96]);
    expect([n.params, n.nonTrainableParams]).toEqual([192, 0]);
    expect(n.attrs.epsilon).toBe(1e-5);
    expect(texts(n)).toEqual(['14·14 = 196 positions of 96 values', '2·96 = 192']);
    expect(lastNodeAnalysis({ id: 'in', type: 'input', shape: [10] }, { id: 'ln', type: 'layernorm', epsilon: 0.001 }).params).toBe(20);
  });

  it.each(['relu6', 'gelu', 'silu'])('%s keeps the shape, no params', (type) => {
    const n = lastNodeAnalysis({ id: 'in', type: 'input', shape: [3, 4, 5] }, { id: 'a', type });
    expect(n.outputShape).toEqual([3, 4, 5]);
    expect(n.params).toBe(0);
  });
});
