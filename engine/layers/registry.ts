/** Which layer implements each block type of the file format (engine/blocks/registry.ts lists the same types). */
import { createActivation, createSoftmax } from './activation';
import { createConv2d } from './conv';
import { createDense, createMaxout } from './dense';
import { createDropout } from './dropout';
import type { Layer, LayerContext } from './layer';
import { createAdd, createConcat } from './merge';
import { createBatchNorm } from './normalization';
import { createAvgPool, createGlobalAvgPool, createMaxPool } from './pool';
import { createPassThrough } from './reshape';

export const LAYERS: Readonly<Record<string, (ctx: LayerContext) => Layer>> = {
  input: createPassThrough,
  flatten: createPassThrough,
  conv2d: createConv2d,
  maxpool2d: createMaxPool,
  avgpool2d: createAvgPool,
  globalavgpool: createGlobalAvgPool,
  dense: createDense,
  maxout: createMaxout,
  relu: createActivation('relu'),
  leakyrelu: createActivation('leakyrelu'),
  elu: createActivation('elu'),
  sigmoid: createActivation('sigmoid'),
  tanh: createActivation('tanh'),
  softmax: createSoftmax,
  dropout: createDropout,
  batchnorm: createBatchNorm,
  add: createAdd,
  concat: createConcat,
};

/** Activations whose preceding weights get He initialisation. */
export const RELU_FAMILY: ReadonlySet<string> = new Set(['relu', 'leakyrelu', 'elu', 'maxout']);
