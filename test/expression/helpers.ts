/** Small builders for expression graphs in tests, and a loader for the lab's examples. */
import fs from 'node:fs';
import path from 'node:path';
import { evaluateExpression, type ExpressionResult } from '../../engine/expression/evaluate';
import { parseGraphText } from '../../engine/graph/parse';
import type { Graph, GraphNode, JsonValue } from '../../engine/graph/types';
import { toJson, type ValueJson } from '../../engine/expression/tensor';

export const EXAMPLES = path.join(__dirname, '..', '..', 'examples');

/** `[id, type]` for a gate, `[id, 'var' | 'const', value]` for a leaf; edges as `[from, to]` in input order. */
export function expr(nodes: readonly (readonly [string, string, JsonValue?])[], edges: readonly (readonly [string, string])[], output?: string): Graph {
  return {
    kind: 'expression',
    name: 'test',
    nodes: nodes.map(([id, type, value]): GraphNode => ({ id, type, attrs: value === undefined ? {} : { value } })),
    edges: edges.map(([from, to]) => ({ from, to })),
    layout: {},
    ...(output ? { output } : {}),
  };
}

export function loadExpression(file: string): Graph {
  const parsed = parseGraphText(fs.readFileSync(path.join(EXAMPLES, file), 'utf8'));
  if (!parsed.graph) throw new Error(`${file}: ${parsed.problems.map((p) => p.message).join('; ')}`);
  return parsed.graph;
}

/** Value and gradient of a node as JSON (numbers or nested arrays). */
export function node(result: ExpressionResult, id: string): { value: ValueJson | null; grad: ValueJson | null } {
  const n = result.byId.get(id);
  if (!n) throw new Error(`no node ${id}`);
  return { value: n.value ? toJson(n.value) : null, grad: n.grad ? toJson(n.grad) : null };
}

export function run(graph: Graph): ExpressionResult {
  return evaluateExpression(graph);
}

/** Every number of a (nested) value, flattened, for toBeCloseTo comparisons. */
export function flat(v: ValueJson | null): number[] {
  if (v === null) return [];
  return typeof v === 'number' ? [v] : (v as ValueJson[]).flatMap(flat);
}
