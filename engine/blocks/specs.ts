/**
 * Every block type of format version 1, by type name: the pure halves (engine/blocks/<family>/<type>.spec.ts) that
 * the shape engine, the schema, the palette, the inspector and the card labels read. It imports no layer and no
 * kernel, so the webview bundle stays free of numeric code (test/blocks/webviewBundle.test.ts proves it).
 * engine/blocks/registry.ts pairs each of these with its layer; the type checker refuses a spec without one.
 */
import { elu, gelu, leakyrelu, relu, relu6, sigmoid, silu, tanh } from './activation/elementwise.spec';
import { maxout } from './activation/maxout.spec';
import { softmax } from './activation/softmax.spec';
import { conv2d } from './conv/conv2d.spec';
import { conv2dtranspose } from './conv/conv2dtranspose.spec';
import type { BlockSpec } from './core/block';
import { dense } from './dense/dense.spec';
import { input } from './input/input.spec';
import { add } from './merge/add.spec';
import { concat } from './merge/concat.spec';
import { batchnorm } from './normalization/batchnorm.spec';
import { layernorm } from './normalization/layernorm.spec';
import { globalavgpool } from './pool/globalavgpool.spec';
import { globalmaxpool } from './pool/globalmaxpool.spec';
import { upsample2d } from './pool/upsample2d.spec';
import { avgpool2d, maxpool2d } from './pool/windowPool.spec';
import { dropout } from './regularization/dropout.spec';
import { flatten } from './reshape/flatten.spec';

/** In palette order. */
const SPECS = [
  input,
  conv2d,
  conv2dtranspose,
  maxpool2d,
  avgpool2d,
  globalavgpool,
  globalmaxpool,
  upsample2d,
  dense,
  flatten,
  relu,
  leakyrelu,
  sigmoid,
  tanh,
  elu,
  relu6,
  gelu,
  silu,
  maxout,
  softmax,
  dropout,
  batchnorm,
  layernorm,
  add,
  concat,
] as const;

/** The type names of the format, as a type: the registry must have exactly one entry for each. */
export type BlockType = (typeof SPECS)[number]['type'];

export const BLOCKS: readonly BlockSpec[] = SPECS;

const byType = new Map(BLOCKS.map((b) => [b.type, b]));

export function blockFor(type: string): BlockSpec | undefined {
  return byType.get(type);
}

export const BLOCK_TYPES: readonly string[] = BLOCKS.map((b) => b.type);
