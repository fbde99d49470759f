/** Every gate of an expression graph, by type. The palette, the schema and the evaluator read this table. */
import type { GateDefinition } from '../gate';
import { add, div, max, min, mul, sub } from './binary';
import { dot, matvec } from './linear';
import { l2sq, sum } from './reduce';
import { exp, inv, log, neg, relu, sigmoid, sqrt, square, tanh } from './unary';

export const GATES: readonly GateDefinition[] = [
  add, sub, mul, div, max, min,
  neg, inv, exp, log, square, sqrt, sigmoid, tanh, relu,
  sum, l2sq, dot, matvec,
];

const byType = new Map(GATES.map((g) => [g.type, g]));

export function gateFor(type: string): GateDefinition | undefined {
  return byType.get(type);
}

/** The two leaf types: a `var` is what we differentiate with respect to; a `const` is fixed but gets a gradient too. */
export const LEAF_TYPES = ['var', 'const'] as const;
export type LeafType = (typeof LEAF_TYPES)[number];

export function isLeafType(type: string): type is LeafType {
  return (LEAF_TYPES as readonly string[]).includes(type);
}

export const EXPRESSION_NODE_TYPES: readonly string[] = [...LEAF_TYPES, ...GATES.map((g) => g.type)];
