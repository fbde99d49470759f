/**
 * Every registered block has all its pieces — spec (shape rule, attributes, card label), layer (forward/backward,
 * workspace, gradient-check case), schema entry — and its gradient-check case passes: backprop against centred
 * differences in float64, for the block's own parameters and for its input.
 */
import { describe, expect, it } from 'vitest';
import { gradientCheck } from '../../engine/check/gradcheck';
import { ENTRIES, REGISTRY, type BlockEntry } from '../../engine/blocks/registry';
import { BLOCKS } from '../../engine/blocks/specs';
import { fullGraphSchema } from '../../engine/schema/fullSchema';
import { analyzeGraph } from '../../engine/shape/analyze';
import { gradCheckGraph, missingPieces } from './blockPieces';

const schema = fullGraphSchema();

describe('the block registry', () => {
  it('has exactly one entry per spec, in the spec list’s order, holding that spec', () => {
    expect(ENTRIES.map((e) => e.spec)).toEqual(BLOCKS);
    expect(Object.keys(REGISTRY).sort()).toEqual(BLOCKS.map((b) => b.type).sort());
  });

  it.each(ENTRIES.map((e) => [e.spec.type, e] as const))('%s has every piece', (_type, entry) => {
    expect(missingPieces(entry, schema)).toEqual([]);
  });

  it('names the pieces a block lacks (the check above can fail)', () => {
    const conv = REGISTRY.conv2d;
    const broken = {
      spec: { ...conv.spec, type: 'conv3d', cardLabel: undefined },
      layer: { create: conv.layer.create },
    } as unknown as BlockEntry;
    expect(missingPieces(broken, schema)).toEqual([
      'spec.cardLabel (card label)',
      'layer.workspaceValues (memory)',
      'layer.gradCheck (gradient-check case)',
      'schema entry',
    ]);
  });
});

describe('each block’s gradient-check case', () => {
  it.each(ENTRIES.map((e) => [e.spec.type, e] as const))('%s: backprop matches numerical differences', (type, entry) => {
    const g = gradCheckGraph(type, entry.spec.inputs.max, entry.layer.gradCheck);
    const analysis = analyzeGraph(g);
    expect(analysis.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const block = analysis.byId.get('block')!;
    // A block with attributes shows at least one of them on its card.
    if (Object.keys(entry.spec.attributes).length > 0) expect(entry.spec.cardLabel(block.attrs)).not.toBe('');

    const report = gradientCheck(g, analysis, { batch: 3, seed: 1 });
    const checked = new Map(report.tensors.map((t) => [t.name, t]));
    const own = block.paramTensors.filter((p) => p.trainable).map((p) => `block.${p.name}`);
    for (const name of [...own, 'input']) {
      expect(checked.get(name)?.checked ?? 0, `${name} checked`).toBeGreaterThan(0);
    }
    expect(report.tensors.filter((t) => !t.ok)).toEqual([]);
  });
});
