/** The PyTorch mapping of every block type, by type name (engine/blocks/registry.ts lists the same types). */
import type { PytorchMapping } from '../mapping';
import { elu, leakyrelu, relu, sigmoid, softmax, tanh } from './activation';
import { conv2d } from './conv2d';
import { dense, flatten, maxout } from './dense';
import { add, concat, input } from './merge';
import { avgpool2d, globalavgpool, maxpool2d } from './pool';
import { batchnorm, dropout } from './regularization';

export const PYTORCH_MAPPINGS: Readonly<Record<string, PytorchMapping>> = {
  input, conv2d, maxpool2d, avgpool2d, globalavgpool, dense, flatten, maxout,
  relu, leakyrelu, sigmoid, tanh, elu, softmax, dropout, batchnorm, add, concat,
};
