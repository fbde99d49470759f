/** Every block type of format version 1, by type name. The palette, the schema and the engine read this table. */
import { relu, leakyrelu, sigmoid, tanh, elu, softmax } from './activation';
import type { BlockDefinition } from './block';
import { conv2d } from './conv';
import { dense, flatten, maxout } from './dense';
import { input } from './input';
import { add, concat } from './merge';
import { maxpool2d, avgpool2d, globalavgpool } from './pool';
import { dropout, batchnorm } from './regularization';

export const BLOCKS: readonly BlockDefinition[] = [
  input,
  conv2d,
  maxpool2d,
  avgpool2d,
  globalavgpool,
  dense,
  flatten,
  relu,
  leakyrelu,
  sigmoid,
  tanh,
  elu,
  maxout,
  softmax,
  dropout,
  batchnorm,
  add,
  concat,
];

const byType = new Map(BLOCKS.map((b) => [b.type, b]));

export function blockFor(type: string): BlockDefinition | undefined {
  return byType.get(type);
}

export const BLOCK_TYPES: readonly string[] = BLOCKS.map((b) => b.type);
