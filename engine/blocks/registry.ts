/**
 * The one registry: for each block type of the format, one line pairing its spec (shapes, attributes, label) with
 * its layer (forward and backward, parameter initialisation, kernel workspace, gradient-check case), and — as the
 * export work fills them — its ONNX and PyTorch mapping. The graph runner, the memory estimate and the
 * completeness test (test/blocks/completeness.test.ts) read it. Code that needs no numbers (the shape engine, the
 * webview) imports ./specs.ts instead, which pulls in no layer or kernel.
 *
 * Adding a block: a folder (or files in its family's folder) with <type>.spec.ts and <type>.layer.ts, its spec in
 * ./specs.ts and one line here. The mapped type below refuses a spec without a line, or a line without a spec.
 */
import { eluLayer, leakyreluLayer, reluLayer, sigmoidLayer, tanhLayer } from './activation/elementwise.layer';
import { elu, leakyrelu, relu, sigmoid, tanh } from './activation/elementwise.spec';
import { maxoutLayer } from './activation/maxout.layer';
import { maxout } from './activation/maxout.spec';
import { softmaxLayer } from './activation/softmax.layer';
import { softmax } from './activation/softmax.spec';
import { conv2dLayer } from './conv/conv2d.layer';
import { conv2d } from './conv/conv2d.spec';
import type { BlockSpec } from './core/block';
import type { OnnxMapping, PytorchMapping } from './core/exportMapping';
import type { BlockLayer } from './core/layer';
import { denseLayer } from './dense/dense.layer';
import { dense } from './dense/dense.spec';
import { inputLayer } from './input/input.layer';
import { input } from './input/input.spec';
import { addLayer } from './merge/add.layer';
import { add } from './merge/add.spec';
import { concatLayer } from './merge/concat.layer';
import { concat } from './merge/concat.spec';
import { batchnormLayer } from './normalization/batchnorm.layer';
import { batchnorm } from './normalization/batchnorm.spec';
import { globalavgpoolLayer } from './pool/globalavgpool.layer';
import { globalavgpool } from './pool/globalavgpool.spec';
import { avgpool2dLayer, maxpool2dLayer } from './pool/windowPool.layer';
import { avgpool2d, maxpool2d } from './pool/windowPool.spec';
import { dropoutLayer } from './regularization/dropout.layer';
import { dropout } from './regularization/dropout.spec';
import { flattenLayer } from './reshape/flatten.layer';
import { flatten } from './reshape/flatten.spec';
import { BLOCKS, type BlockType } from './specs';

export interface BlockEntry<T extends string = string> {
  readonly spec: BlockSpec<T>;
  readonly layer: BlockLayer;
  readonly onnx?: OnnxMapping;
  readonly pytorch?: PytorchMapping;
}

export const REGISTRY: { readonly [T in BlockType]: BlockEntry<T> } = {
  input: { spec: input, layer: inputLayer },
  conv2d: { spec: conv2d, layer: conv2dLayer },
  maxpool2d: { spec: maxpool2d, layer: maxpool2dLayer },
  avgpool2d: { spec: avgpool2d, layer: avgpool2dLayer },
  globalavgpool: { spec: globalavgpool, layer: globalavgpoolLayer },
  dense: { spec: dense, layer: denseLayer },
  flatten: { spec: flatten, layer: flattenLayer },
  relu: { spec: relu, layer: reluLayer },
  leakyrelu: { spec: leakyrelu, layer: leakyreluLayer },
  sigmoid: { spec: sigmoid, layer: sigmoidLayer },
  tanh: { spec: tanh, layer: tanhLayer },
  elu: { spec: elu, layer: eluLayer },
  maxout: { spec: maxout, layer: maxoutLayer },
  softmax: { spec: softmax, layer: softmaxLayer },
  dropout: { spec: dropout, layer: dropoutLayer },
  batchnorm: { spec: batchnorm, layer: batchnormLayer },
  add: { spec: add, layer: addLayer },
  concat: { spec: concat, layer: concatLayer },
};

/** Every entry, in the order of ./specs.ts (palette order). */
export const ENTRIES: readonly BlockEntry[] = BLOCKS.map((b) => entryFor(b.type)!);

/** The entry of a type name, or undefined for a type the format does not have. */
export function entryFor(type: string): BlockEntry | undefined {
  return Object.hasOwn(REGISTRY, type) ? (REGISTRY as Readonly<Record<string, BlockEntry>>)[type] : undefined;
}
