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
import { eluOnnx, leakyreluOnnx, reluOnnx, sigmoidOnnx, tanhOnnx } from './activation/elementwise.onnx';
import { eluLayer, geluLayer, leakyreluLayer, relu6Layer, reluLayer, sigmoidLayer, siluLayer, tanhLayer } from './activation/elementwise.layer';
import { elu, gelu, leakyrelu, relu, relu6, sigmoid, silu, tanh } from './activation/elementwise.spec';
import { geluOnnx } from './activation/gelu.onnx';
import { maxoutOnnx } from './activation/maxout.onnx';
import { relu6Onnx } from './activation/relu6.onnx';
import { siluOnnx } from './activation/silu.onnx';
import { maxoutLayer } from './activation/maxout.layer';
import { maxout } from './activation/maxout.spec';
import { softmaxOnnx } from './activation/softmax.onnx';
import { softmaxLayer } from './activation/softmax.layer';
import { softmax } from './activation/softmax.spec';
import { conv2dOnnx } from './conv/conv2d.onnx';
import { conv2dLayer } from './conv/conv2d.layer';
import { conv2d } from './conv/conv2d.spec';
import { conv2dtransposeLayer } from './conv/conv2dtranspose.layer';
import { conv2dtransposeOnnx } from './conv/conv2dtranspose.onnx';
import { conv2dtranspose } from './conv/conv2dtranspose.spec';
import type { BlockSpec } from './core/block';
import type { OnnxMapping, PytorchMapping } from './core/exportMapping';
import type { BlockLayer } from './core/layer';
import { denseOnnx } from './dense/dense.onnx';
import { denseLayer } from './dense/dense.layer';
import { dense } from './dense/dense.spec';
import { inputLayer } from './input/input.layer';
import { input } from './input/input.spec';
import { addOnnx } from './merge/add.onnx';
import { addLayer } from './merge/add.layer';
import { add } from './merge/add.spec';
import { concatOnnx } from './merge/concat.onnx';
import { concatLayer } from './merge/concat.layer';
import { concat } from './merge/concat.spec';
import { batchnormOnnx } from './normalization/batchnorm.onnx';
import { batchnormLayer } from './normalization/batchnorm.layer';
import { batchnorm } from './normalization/batchnorm.spec';
import { layernormLayer } from './normalization/layernorm.layer';
import { layernormOnnx } from './normalization/layernorm.onnx';
import { layernorm } from './normalization/layernorm.spec';
import { globalavgpoolOnnx, globalmaxpoolOnnx } from './pool/globalPool.onnx';
import { globalavgpoolLayer } from './pool/globalavgpool.layer';
import { globalavgpool } from './pool/globalavgpool.spec';
import { globalmaxpoolLayer } from './pool/globalmaxpool.layer';
import { globalmaxpool } from './pool/globalmaxpool.spec';
import { upsample2dLayer } from './pool/upsample2d.layer';
import { upsample2dOnnx } from './pool/upsample2d.onnx';
import { upsample2d } from './pool/upsample2d.spec';
import { avgpool2dOnnx, maxpool2dOnnx } from './pool/windowPool.onnx';
import { avgpool2dLayer, maxpool2dLayer } from './pool/windowPool.layer';
import { avgpool2d, maxpool2d } from './pool/windowPool.spec';
import { dropoutOnnx } from './regularization/dropout.onnx';
import { dropoutLayer } from './regularization/dropout.layer';
import { dropout } from './regularization/dropout.spec';
import { flattenOnnx } from './reshape/flatten.onnx';
import { flattenLayer } from './reshape/flatten.layer';
import { flatten } from './reshape/flatten.spec';
import { addPytorch } from './merge/add.pytorch';
import { avgpool2dPytorch, maxpool2dPytorch } from './pool/windowPool.pytorch';
import { batchnormPytorch } from './normalization/batchnorm.pytorch';
import { concatPytorch } from './merge/concat.pytorch';
import { conv2dPytorch } from './conv/conv2d.pytorch';
import { densePytorch } from './dense/dense.pytorch';
import { dropoutPytorch } from './regularization/dropout.pytorch';
import { eluPytorch, geluPytorch, leakyreluPytorch, relu6Pytorch, reluPytorch, sigmoidPytorch, siluPytorch, tanhPytorch } from './activation/elementwise.pytorch';
import { conv2dtransposePytorch } from './conv/conv2dtranspose.pytorch';
import { layernormPytorch } from './normalization/layernorm.pytorch';
import { globalmaxpoolPytorch } from './pool/globalmaxpool.pytorch';
import { upsample2dPytorch } from './pool/upsample2d.pytorch';
import { flattenPytorch } from './reshape/flatten.pytorch';
import { globalavgpoolPytorch } from './pool/globalavgpool.pytorch';
import { inputPytorch } from './input/input.pytorch';
import { maxoutPytorch } from './activation/maxout.pytorch';
import { softmaxPytorch } from './activation/softmax.pytorch';
import { BLOCKS, type BlockType } from './specs';

export interface BlockEntry<T extends string = string> {
  readonly spec: BlockSpec<T>;
  readonly layer: BlockLayer;
  readonly onnx?: OnnxMapping;
  readonly pytorch?: PytorchMapping;
}

export const REGISTRY: { readonly [T in BlockType]: BlockEntry<T> } = {
  input: { spec: input, layer: inputLayer, pytorch: inputPytorch },
  conv2d: { spec: conv2d, layer: conv2dLayer, onnx: conv2dOnnx, pytorch: conv2dPytorch },
  conv2dtranspose: { spec: conv2dtranspose, layer: conv2dtransposeLayer, onnx: conv2dtransposeOnnx, pytorch: conv2dtransposePytorch },
  maxpool2d: { spec: maxpool2d, layer: maxpool2dLayer, onnx: maxpool2dOnnx, pytorch: maxpool2dPytorch },
  avgpool2d: { spec: avgpool2d, layer: avgpool2dLayer, onnx: avgpool2dOnnx, pytorch: avgpool2dPytorch },
  globalavgpool: { spec: globalavgpool, layer: globalavgpoolLayer, onnx: globalavgpoolOnnx, pytorch: globalavgpoolPytorch },
  globalmaxpool: { spec: globalmaxpool, layer: globalmaxpoolLayer, onnx: globalmaxpoolOnnx, pytorch: globalmaxpoolPytorch },
  upsample2d: { spec: upsample2d, layer: upsample2dLayer, onnx: upsample2dOnnx, pytorch: upsample2dPytorch },
  dense: { spec: dense, layer: denseLayer, onnx: denseOnnx, pytorch: densePytorch },
  flatten: { spec: flatten, layer: flattenLayer, onnx: flattenOnnx, pytorch: flattenPytorch },
  relu: { spec: relu, layer: reluLayer, onnx: reluOnnx, pytorch: reluPytorch },
  leakyrelu: { spec: leakyrelu, layer: leakyreluLayer, onnx: leakyreluOnnx, pytorch: leakyreluPytorch },
  sigmoid: { spec: sigmoid, layer: sigmoidLayer, onnx: sigmoidOnnx, pytorch: sigmoidPytorch },
  tanh: { spec: tanh, layer: tanhLayer, onnx: tanhOnnx, pytorch: tanhPytorch },
  elu: { spec: elu, layer: eluLayer, onnx: eluOnnx, pytorch: eluPytorch },
  relu6: { spec: relu6, layer: relu6Layer, onnx: relu6Onnx, pytorch: relu6Pytorch },
  gelu: { spec: gelu, layer: geluLayer, onnx: geluOnnx, pytorch: geluPytorch },
  silu: { spec: silu, layer: siluLayer, onnx: siluOnnx, pytorch: siluPytorch },
  maxout: { spec: maxout, layer: maxoutLayer, onnx: maxoutOnnx, pytorch: maxoutPytorch },
  softmax: { spec: softmax, layer: softmaxLayer, onnx: softmaxOnnx, pytorch: softmaxPytorch },
  dropout: { spec: dropout, layer: dropoutLayer, onnx: dropoutOnnx, pytorch: dropoutPytorch },
  batchnorm: { spec: batchnorm, layer: batchnormLayer, onnx: batchnormOnnx, pytorch: batchnormPytorch },
  layernorm: { spec: layernorm, layer: layernormLayer, onnx: layernormOnnx, pytorch: layernormPytorch },
  add: { spec: add, layer: addLayer, onnx: addOnnx, pytorch: addPytorch },
  concat: { spec: concat, layer: concatLayer, onnx: concatOnnx, pytorch: concatPytorch },
};

/** Every entry, in the order of ./specs.ts (palette order). */
export const ENTRIES: readonly BlockEntry[] = BLOCKS.map((b) => entryFor(b.type)!);

/** The entry of a type name, or undefined for a type the format does not have. */
export function entryFor(type: string): BlockEntry | undefined {
  return Object.hasOwn(REGISTRY, type) ? (REGISTRY as Readonly<Record<string, BlockEntry>>)[type] : undefined;
}
