/**
 * An expression graph's structure, checked before any number is computed: ids, node types, leaf values, edges,
 * cycles, input counts, shapes (in topological order), which node is f, and what reaches it. Every problem becomes a
 * diagnostic with fixes; what can still be computed is computed (a bad gate elsewhere leaves the other values shown).
 */
import { closestName } from '../shape/closest';
import { reachableFrom, topology } from '../graph/topology';
import type { Graph, GraphNode } from '../graph/types';
import { problem, setValueFix, type ExpressionDiagnostic, type ExpressionFix } from './diagnostics';
import type { GateDefinition } from './gate';
import { EXPRESSION_NODE_TYPES, gateFor, isLeafType } from './gates';
import { describeShape, formatShape, fromJson, isScalar, sizeOf, toJson, type Shape, type Tensor } from './tensor';

export interface PreparedNode {
  readonly node: GraphNode;
  /** The gate, or null for a `var`/`const`. */
  readonly gate: GateDefinition | null;
  /** Input ids in edge order (a node may appear twice: mul(x, x)). */
  readonly inputs: readonly string[];
  /** The value of a leaf as written, when valid. */
  readonly leafValue: Tensor | null;
  /** Null when it cannot be known (a problem here or upstream). */
  readonly shape: Shape | null;
}

export interface Prepared {
  readonly graph: Graph;
  /** Unique ids in file order. */
  readonly ids: readonly string[];
  readonly nodes: ReadonlyMap<string, PreparedNode>;
  /** Topological order of the nodes that are not on or behind a cycle. */
  readonly order: readonly string[];
  readonly consumers: ReadonlyMap<string, readonly string[]>;
  /** The node whose value is f, when it could be resolved. */
  readonly output: string | null;
  /** The nodes f depends on (the output and its ancestors). */
  readonly reachesOutput: ReadonlySet<string>;
  readonly diagnostics: readonly ExpressionDiagnostic[];
}

const NAMES = ['first', 'second', 'third', 'fourth'];
const ordinal = (k: number) => (k < NAMES.length ? NAMES[k] : `input ${k + 1}`);

export function prepareExpression(graph: Graph): Prepared {
  const diagnostics: ExpressionDiagnostic[] = [];
  const byId = new Map<string, GraphNode>();
  for (const node of graph.nodes) {
    if (byId.has(node.id)) {
      diagnostics.push(problem(node.id, 'error', 'duplicate-id', `Two nodes have the id '${node.id}'; ids must be unique. The second one is ignored until renamed.`));
    } else byId.set(node.id, node);
  }
  const known = new Set(byId.keys());
  for (const e of graph.edges) {
    const missing = [e.from, e.to].filter((id) => !known.has(id));
    if (missing.length) {
      diagnostics.push(
        problem(known.has(e.from) ? e.from : known.has(e.to) ? e.to : null, 'error', 'unknown-edge-node', `The edge ${e.from} → ${e.to} names ${missing.map((m) => `'${m}'`).join(' and ')}, which is not a node.`, [
          { title: `remove the edge ${e.from} → ${e.to}`, edits: [{ kind: 'remove-edge', from: e.from, to: e.to }] },
        ]),
      );
    }
  }
  const topo = topology(graph, known);
  for (const cycle of topo.cycles) {
    const last = cycle[cycle.length - 1];
    diagnostics.push(
      problem(cycle[0], 'error', 'cycle', `The gates ${[...cycle, cycle[0]].map((c) => `'${c}'`).join(' → ')} form a cycle: a value cannot depend on itself. Expression graphs are acyclic.`, [
        { title: `remove the edge ${last} → ${cycle[0]}`, edits: [{ kind: 'remove-edge', from: last, to: cycle[0] }] },
      ]),
    );
  }

  const prepared = new Map<string, PreparedNode>();
  const nodeProblems = new Set<string>();
  for (const [id, node] of byId) {
    const inputs = topo.inputsOf.get(id) ?? [];
    const gate = gateFor(node.type) ?? null;
    let leafValue: Tensor | null = null;
    if (!gate && !isLeafType(node.type)) {
      const guess = closestName(node.type, EXPRESSION_NODE_TYPES);
      diagnostics.push(
        problem(id, 'error', 'unknown-type', `'${id}' has type "${node.type}", which is not a gate of an expression graph${guess ? ` (did you mean "${guess}"?)` : ''}. Known: ${EXPRESSION_NODE_TYPES.join(', ')}.`,
          guess ? [{ title: `change the type to ${guess}`, edits: [{ kind: 'set-type', node: id, type: guess }] }] : []),
      );
      nodeProblems.add(id);
    } else if (!gate) {
      leafValue = checkLeaf(node, inputs, diagnostics);
      if (!leafValue) nodeProblems.add(id);
    } else if (!checkGate(node, gate, inputs, diagnostics)) nodeProblems.add(id);
    prepared.set(id, { node, gate, inputs, leafValue, shape: null });
  }

  // Shapes, inputs first; a node whose input has no shape has none either (its problem is reported upstream).
  const shapes = new Map<string, Shape>();
  for (const id of topo.order) {
    const p = prepared.get(id)!;
    if (nodeProblems.has(id)) continue;
    if (!p.gate) {
      shapes.set(id, p.leafValue!.shape);
      continue;
    }
    const inputShapes = p.inputs.map((i) => shapes.get(i));
    if (inputShapes.some((s) => s === undefined)) continue;
    const shape = p.gate.shape(inputShapes as Shape[]);
    if ('problem' in shape) {
      const sizes = p.inputs.map((i, k) => `${ordinal(k)} input '${i}' is ${describeShape(inputShapes[k]!)}`).join(', ');
      diagnostics.push(
        problem(id, 'error', 'shape-mismatch', `'${id}' (${p.node.type}): ${sizes}; ${shape.problem}.`, shapeFixes(id, p, inputShapes as Shape[], prepared)),
      );
      continue;
    }
    shapes.set(id, shape);
  }
  for (const [id, p] of prepared) prepared.set(id, { ...p, shape: shapes.get(id) ?? null });

  const consumers = topo.outputsOf;
  const ids = [...byId.keys()];
  const output = resolveOutput(graph, ids, consumers, shapes, diagnostics);
  // What f depends on: the output and everything upstream of it.
  const reachesOutput = output ? reachableFrom(output, topo.inputsOf) : new Set<string>();
  if (output) {
    const onCycle = new Set(topo.cycles.flat());
    for (const id of ids) {
      if (reachesOutput.has(id) || onCycle.has(id)) continue;
      diagnostics.push(
        problem(id, 'warning', 'unreachable', `'${id}' does not reach the output '${output}', so f does not depend on it: its gradient is 0.`, [
          { title: `remove '${id}'`, edits: [{ kind: 'remove-node', node: id }] },
        ]),
      );
    }
  }
  return { graph, ids, nodes: prepared, order: topo.order, consumers, output, reachesOutput, diagnostics };
}

/** A var or const: no inputs, a valid `value`, no other attribute. Returns its value when usable. */
function checkLeaf(node: GraphNode, inputs: readonly string[], diagnostics: ExpressionDiagnostic[]): Tensor | null {
  const { id } = node;
  if (inputs.length > 0) {
    diagnostics.push(
      problem(id, 'error', 'wrong-input-count', `'${id}' is a ${node.type}: it has a value of its own and takes no inputs, but ${inputs.map((i) => `'${i}'`).join(', ')} feed${inputs.length === 1 ? 's' : ''} it.`,
        inputs.map((i) => ({ title: `remove the edge ${i} → ${id}`, edits: [{ kind: 'remove-edge' as const, from: i, to: id }] }))),
    );
  }
  for (const key of Object.keys(node.attrs)) {
    if (key === 'value') continue;
    diagnostics.push(
      problem(id, 'warning', 'unknown-attribute', `'${id}' (${node.type}) has an unknown field "${key}"; a ${node.type} has only "value". It is ignored.`,
        [{ title: `remove "${key}"`, edits: [{ kind: 'remove-attribute', node: id, attribute: key }] }], key),
    );
  }
  const value = fromJson(node.attrs.value);
  if (typeof value === 'string') {
    const written = node.attrs.value === undefined ? 'has no "value"' : `has a "value" that is not usable: ${value}`;
    diagnostics.push(problem(id, 'error', 'invalid-value', `'${id}' (${node.type}) ${written}.`, [setValueFix('set the value to 0', id, 0)], 'value'));
    return null;
  }
  return inputs.length > 0 ? null : value;
}

/** A gate: its input count, and no attributes (its value is computed). */
function checkGate(node: GraphNode, gate: GateDefinition, inputs: readonly string[], diagnostics: ExpressionDiagnostic[]): boolean {
  const { id } = node;
  for (const key of Object.keys(node.attrs)) {
    const why = key === 'value' ? `a gate's value is computed from its inputs` : `a ${node.type} gate has no fields besides id, type and label`;
    diagnostics.push(
      problem(id, 'warning', 'unknown-attribute', `'${id}' (${node.type}) has a field "${key}", but ${why}. It is ignored.`,
        [{ title: `remove "${key}"`, edits: [{ kind: 'remove-attribute', node: id, attribute: key }] }], key),
    );
  }
  const { min, max } = gate.arity;
  if (inputs.length >= min && inputs.length <= max) return true;
  const wanted = min === max ? `${min} input${min === 1 ? '' : 's'}` : max === Infinity ? `at least ${min} inputs` : `${min} to ${max} inputs`;
  const fixes: ExpressionFix[] = inputs.length > max
    ? [{ title: `keep the first ${max}: remove ${inputs.slice(max).map((i) => `${i} → ${id}`).join(', ')}`, edits: inputs.slice(max).map((i) => ({ kind: 'remove-edge' as const, from: i, to: id })) }]
    : [{ title: `remove '${id}'`, edits: [{ kind: 'remove-node', node: id }] }];
  diagnostics.push(
    problem(id, 'error', 'wrong-input-count', `'${id}' (${node.type}) takes ${wanted}${gate.inputNames ? ` (${gate.inputNames.join(', ')}, in edge order)` : ''}, but has ${inputs.length}${inputs.length ? `: ${inputs.map((i) => `'${i}'`).join(', ')}` : ''}.`, fixes),
  );
  return false;
}

/**
 * Fixes for inputs whose shapes don't fit: resize a var/const to the shape the gate wants (keeping the entries that
 * fit, padding with 0), or drop the edge.
 */
function shapeFixes(id: string, p: PreparedNode, shapes: readonly Shape[], nodes: ReadonlyMap<string, PreparedNode>): ExpressionFix[] {
  const wanted = wantedShapes(p.gate!.type, shapes);
  const fixes: ExpressionFix[] = [];
  for (const { input, shape } of wanted) {
    const from = p.inputs[input];
    const leaf = nodes.get(from);
    if (leaf?.leafValue) fixes.push(setValueFix(`make '${from}' ${describeShape(shape)} (keeps the entries that fit, pads with 0)`, from, toJson(resized(leaf.leafValue, shape))));
  }
  for (const { input } of wanted) fixes.push({ title: `remove the edge ${p.inputs[input]} → ${id}`, edits: [{ kind: 'remove-edge', from: p.inputs[input], to: id }] });
  return fixes;
}

/** Which inputs should have which shape, for the gate's shape rule to hold. */
function wantedShapes(type: string, shapes: readonly Shape[]): { input: number; shape: Shape }[] {
  if (type === 'matvec') {
    const [w, x] = shapes;
    return w.length === 2 ? [{ input: 1, shape: [w[1]] }] : [];
  }
  if (type === 'dot') {
    const [a, b] = shapes;
    return a.length === 1 ? [{ input: 1, shape: a }] : [{ input: 0, shape: b.length === 1 ? b : [sizeOf(a)] }];
  }
  const full = shapes.find((s) => !isScalar(s))!;
  return shapes.flatMap((s, input) => (isScalar(s) || formatShape(s) === formatShape(full) ? [] : [{ input, shape: full }]));
}

function resized(t: Tensor, shape: Shape): Tensor {
  const data = new Float64Array(sizeOf(shape));
  const [rows, cols] = shape.length === 2 ? shape : [1, shape[0] ?? 1];
  const [tRows, tCols] = t.shape.length === 2 ? t.shape : [1, t.shape[0] ?? 1];
  for (let r = 0; r < Math.min(rows, tRows); r++) for (let c = 0; c < Math.min(cols, tCols); c++) data[r * cols + c] = t.data[r * tCols + c];
  return { shape, data };
}

function resolveOutput(
  graph: Graph,
  ids: readonly string[],
  consumers: ReadonlyMap<string, readonly string[]>,
  shapes: ReadonlyMap<string, Shape>,
  diagnostics: ExpressionDiagnostic[],
): string | null {
  const sinks = ids.filter((id) => (consumers.get(id) ?? []).length === 0);
  const scalarSinks = sinks.filter((id) => shapes.get(id)?.length === 0);
  const chooseFixes = (candidates: readonly string[]): ExpressionFix[] =>
    candidates.map((id) => ({ title: `make '${id}' the output`, edits: [{ kind: 'set-output', node: id }] }));
  let output: string;
  if (graph.output !== undefined) {
    if (!ids.includes(graph.output)) {
      diagnostics.push(problem(null, 'error', 'unknown-output', `"output" names '${graph.output}', which is not a node.`, chooseFixes(scalarSinks.length ? scalarSinks : sinks)));
      return null;
    }
    output = graph.output;
  } else if (sinks.length === 1) output = sinks[0];
  else if (sinks.length === 0) {
    if (ids.length === 0) diagnostics.push(problem(null, 'error', 'no-output', 'The graph has no nodes: add a var and a gate, and the gate becomes f.'));
    else diagnostics.push(problem(null, 'error', 'no-output', 'Every node feeds another (a cycle), so none can be f; set "output" after breaking the cycle.'));
    return null;
  } else {
    diagnostics.push(
      problem(null, 'error', 'several-sinks', `The graph has ${sinks.length} nodes that feed nothing (${sinks.map((s) => `'${s}'`).join(', ')}) and no "output" saying which is f.`,
        chooseFixes(scalarSinks.length ? scalarSinks : sinks)),
    );
    return null;
  }
  const shape = shapes.get(output);
  if (shape && !isScalar(shape)) {
    diagnostics.push(
      problem(output, 'error', 'non-scalar-output', `The output '${output}' is ${describeShape(shape)}, but f must be a scalar: a gradient ∂f/∂x is defined for one number f.`, [
        { title: `f = sum('${output}')`, edits: [{ kind: 'append-output-gate', after: output, id: 'f', type: 'sum' }] },
        { title: `f = ‖${output}‖² (l2sq)`, edits: [{ kind: 'append-output-gate', after: output, id: 'f', type: 'l2sq' }] },
      ]),
    );
  }
  return output;
}
