/**
 * Each block type's ONNX export, by type. (Temporary home: when every block has its own folder under engine/blocks/,
 * each mapping moves beside its block and plugs into the block registry's `onnx` slot.)
 */
import type { OnnxExport } from '../mapping';
import { eluOnnx, leakyreluOnnx, reluOnnx, sigmoidOnnx, softmaxOnnx, tanhOnnx } from './activation';
import { conv2dOnnx } from './conv2d';
import { denseOnnx, flattenOnnx, maxoutOnnx } from './dense';
import { addOnnx, concatOnnx } from './merge';
import { avgpool2dOnnx, globalavgpoolOnnx, maxpool2dOnnx } from './pool';
import { batchnormOnnx, dropoutOnnx } from './regularization';

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
};
