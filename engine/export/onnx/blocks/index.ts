/**
 * Each block type's ONNX export, by type. (Temporary home: when every block has its own folder under engine/blocks/,
 * each mapping moves beside its block and plugs into the block registry's `onnx` slot.)
 */
import type { OnnxExport } from '../mapping';
import { eluOnnx, geluOnnx, leakyreluOnnx, relu6Onnx, reluOnnx, sigmoidOnnx, siluOnnx, softmaxOnnx, tanhOnnx } from './activation';
import { conv2dOnnx, conv2dtransposeOnnx } from './conv2d';
import { layernormOnnx } from './layernorm';
import { denseOnnx, flattenOnnx, maxoutOnnx } from './dense';
import { addOnnx, concatOnnx } from './merge';
import { avgpool2dOnnx, globalavgpoolOnnx, globalmaxpoolOnnx, maxpool2dOnnx } from './pool';
import { batchnormOnnx, dropoutOnnx } from './regularization';
import { upsample2dOnnx } from './upsample2d';

export const ONNX_EXPORTS: Readonly<Record<string, OnnxExport>> = {
  conv2d: conv2dOnnx,
  maxpool2d: maxpool2dOnnx,
  avgpool2d: avgpool2dOnnx,
  globalavgpool: globalavgpoolOnnx,
  dense: denseOnnx,
  flatten: flattenOnnx,
  maxout: maxoutOnnx,
  relu: reluOnnx,
  leakyrelu: leakyreluOnnx,
  sigmoid: sigmoidOnnx,
  tanh: tanhOnnx,
  elu: eluOnnx,
  softmax: softmaxOnnx,
  dropout: dropoutOnnx,
  batchnorm: batchnormOnnx,
  add: addOnnx,
  concat: concatOnnx,
  conv2dtranspose: conv2dtransposeOnnx,
  upsample2d: upsample2dOnnx,
  globalmaxpool: globalmaxpoolOnnx,
  layernorm: layernormOnnx,
  gelu: geluOnnx,
  silu: siluOnnx,
  relu6: relu6Onnx,
};
