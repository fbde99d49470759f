/**
 * The ResNet templates built from modules count what torchvision counts, to the unit: trainable parameters (what
 * `sum(p.numel() for p in model.parameters())` prints), the batchnorm running statistics apart, and MACs of the
 * convolutions and the final dense layer (batchnorm, ReLU, add and pooling count 0, as in torchvision's tables).
 */
import { describe, expect, it } from 'vitest';
import { TEMPLATES } from '../../extension/templates';
import { parseGraphText } from '../../engine/graph/parse';
import { analyzeGraph } from '../../engine/shape/analyze';
import { exampleGraph } from '../helpers/graphs';

function template(fileName: string) {
  const t = TEMPLATES.find((x) => x.fileName === fileName)!;
  const parsed = parseGraphText(t.text());
  expect(parsed.problems).toEqual([]);
  const analysis = analyzeGraph(parsed.graph!);
  expect(analysis.diagnostics).toEqual([]);
  return { graph: parsed.graph!, analysis };
}

describe('ResNet-50 from bottleneck modules', () => {
  const { graph, analysis } = template('resnet50');

  it('has torchvision’s 25,557,032 parameters and 4,089,184,256 MACs', () => {
    expect(analysis.totals.trainableParams).toBe(25_557_032);
    expect(analysis.totals.nonTrainableParams).toBe(53_120); // running mean and variance of 26,560 batchnorm channels
    expect(analysis.totals.totalMacs).toBe(4_089_184_256);
  });

  it('is 16 nodes on the canvas and 176 expanded (4 blocks of 12 nodes, 12 of 10, stem and head), with torchvision’s stage shapes', () => {
    expect(graph.nodes).toHaveLength(16);
    expect(analysis.nodes).toHaveLength(5 + 4 * 12 + 12 * 10 + 3);
    expect(analysis.byId.get('l1b0')!.outputShape).toEqual([56, 56, 256]);
    expect(analysis.byId.get('l2b0')!.outputShape).toEqual([28, 28, 512]);
    expect(analysis.byId.get('l3')!.outputShape).toEqual([14, 14, 1024]);
    expect(analysis.byId.get('l4')!.outputShape).toEqual([7, 7, 2048]);
    // layer3's five identity blocks: each 1×1 1024→256, 3×3 256→256, 1×1 256→1024 and three batchnorms' γ, β.
    const block = 1024 * 256 + 9 * 256 * 256 + 256 * 1024 + 2 * (256 + 256 + 1024);
    expect(analysis.byId.get('l3')!.params).toBe(5 * block);
    expect(analysis.byId.get('l3/4/conv2')!.params).toBe(9 * 256 * 256);
  });
});

describe('ResNet-18 from basic-block modules', () => {
  const { analysis } = template('resnet18-modules');
  const drawn = exampleGraph('resnet18.nn.json').analysis;

  it('has torchvision’s 11,689,512 parameters (+ 9,600 running statistics), as the node-by-node example', () => {
    expect(analysis.totals.trainableParams).toBe(11_689_512);
    expect(analysis.totals.nonTrainableParams).toBe(9_600);
    expect(analysis.totals).toEqual(drawn.totals);
  });

  it('expands to the example’s nodes, in the same order, with the same shapes and counts', () => {
    expect(analysis.nodes.map((n) => [n.type, n.outputShape, n.params, n.macs])).toEqual(drawn.nodes.map((n) => [n.type, n.outputShape, n.params, n.macs]));
  });
});
