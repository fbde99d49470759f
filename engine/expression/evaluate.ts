/**
 * Forward and backward over an expression graph, in float64. Forward computes every value in topological order;
 * backward seeds ∂f/∂f = 1 and walks the gates in reverse topological order, each handing its inputs
 * upstream × local; a value that fans out to several gates receives the sum of what they hand back. Every step is
 * recorded (upstream, local, downstream per input, and the running total at the input) for `wiregrad grad --step`
 * and the editor's Step control.
 */
import { problem, setValueFix, type ExpressionDiagnostic, type ExpressionFix } from './diagnostics';
import type { Graph } from '../graph/types';
import { formatNumber } from './format';
import { prepareExpression, type Prepared } from './structure';
import { describeIndex, firstNonFinite, tensor, toJson, type Shape, type Tensor } from './tensor';

/** What a gate handed one input during backward. */
export interface InputStep {
  readonly input: string;
  readonly local: Tensor;
  /** upstream × local, shaped like the input. */
  readonly downstream: Tensor;
  /**
   * The input's gradient before this contribution, when gates run earlier already handed it some (it fans out);
   * null for the first. `previous + downstream = total`: the fan-out sum, one term at a time.
   */
  readonly previous: Tensor | null;
  /** The input's gradient after adding this contribution. */
  readonly total: Tensor;
}

export interface GateStep {
  readonly node: string;
  readonly type: string;
  /** ∂f/∂(this gate's output), complete when the step runs: every consumer has already added its part. */
  readonly upstream: Tensor;
  readonly inputs: readonly InputStep[];
}

export interface Contribution {
  /** The gate that handed this gradient back. */
  readonly from: string;
  readonly grad: Tensor;
}

export interface NodeResult {
  readonly id: string;
  readonly type: string;
  readonly inputs: readonly string[];
  readonly shape: Shape | null;
  /** Null when it cannot be computed (a problem here or upstream). */
  readonly value: Tensor | null;
  /** ∂f/∂node, shaped like the node; null when the graph has errors (backward does not run). */
  readonly grad: Tensor | null;
  /** Whether f depends on this node (otherwise its gradient is 0). */
  readonly reachesOutput: boolean;
  /** For a gate after backward: its step (also for gates f does not depend on, with upstream 0). */
  readonly step: GateStep | null;
  /** The gradients handed back by this node's consumers, in backward order; they add up to `grad`. */
  readonly contributions: readonly Contribution[];
}

export interface ExpressionResult {
  readonly name: string;
  readonly output: string | null;
  /** f, when the graph has no errors. */
  readonly value: number | null;
  /** In file order. */
  readonly nodes: readonly NodeResult[];
  readonly byId: ReadonlyMap<string, NodeResult>;
  /** The backward pass, one gate at a time, in the order it runs (only gates f depends on). */
  readonly steps: readonly GateStep[];
  readonly diagnostics: readonly ExpressionDiagnostic[];
  readonly hasErrors: boolean;
}

/**
 * Every value the graph computes from its leaves' values (by default those in the file; the numerical check passes
 * nudged ones), with the problems found on the way (log of a negative, division by zero, overflow).
 */
export function forwardValues(prepared: Prepared, leaves?: ReadonlyMap<string, Tensor>): { values: Map<string, Tensor>; diagnostics: ExpressionDiagnostic[] } {
  const values = new Map<string, Tensor>();
  const diagnostics: ExpressionDiagnostic[] = [];
  for (const id of prepared.order) {
    const p = prepared.nodes.get(id)!;
    if (!p.shape) continue;
    if (!p.gate) {
      values.set(id, leaves?.get(id) ?? p.leafValue!);
      continue;
    }
    const inputs = p.inputs.map((i) => values.get(i));
    if (inputs.some((v) => v === undefined)) continue;
    const args = inputs as Tensor[];
    const bad = p.gate.domain?.(args);
    if (bad) {
      const from = p.inputs[bad.input];
      const where = describeIndex(args[bad.input].shape, bad.index);
      diagnostics.push(problem(id, 'error', bad.code, `'${id}' (${p.node.type}): ${bad.message}${where ? ` at ${where} of '${from}'` : ` ('${from}' is ${formatNumber(args[bad.input].data[bad.index])})`}.`, domainFixes(prepared, from, bad.code)));
      continue;
    }
    const value = p.gate.forward(args);
    const nonFinite = firstNonFinite(value);
    if (nonFinite >= 0) {
      const where = describeIndex(value.shape, nonFinite);
      diagnostics.push(
        problem(id, 'error', 'not-finite', `'${id}' (${p.node.type}) computes ${value.data[nonFinite]}${where ? ` at ${where}` : ''}: the numbers outgrew float64 (about ±1.8e308; exp overflows above x ≈ 709.8). Use smaller values upstream.`),
      );
      continue;
    }
    values.set(id, value);
  }
  return { values, diagnostics };
}

/** When the bad value is typed in directly (a var or const), offer a value that works. */
function domainFixes(prepared: Prepared, from: string, code: ExpressionDiagnostic['code']): ExpressionFix[] {
  const leaf = prepared.nodes.get(from)?.leafValue;
  if (!leaf) return [];
  const fixed = leaf.data.map((v) => (code === 'division-by-zero' ? (v === 0 ? 1 : v) : v === 0 ? 1 : Math.abs(v)));
  const title = code === 'division-by-zero' ? `set the zeros of '${from}' to 1` : `make '${from}' positive`;
  return [setValueFix(title, from, toJson(tensor(leaf.shape, fixed)))];
}

/** Backward from f: every node's gradient, and the steps in the order they run. */
function backward(prepared: Prepared, values: ReadonlyMap<string, Tensor>, output: string) {
  const grads = new Map<string, Float64Array>();
  for (const [id, v] of values) grads.set(id, new Float64Array(v.data.length));
  grads.get(output)![0] = 1; // ∂f/∂f
  const steps = new Map<string, GateStep>();
  const contributions = new Map<string, Contribution[]>();
  const ordered: GateStep[] = [];
  for (let o = prepared.order.length - 1; o >= 0; o--) {
    const id = prepared.order[o];
    const p = prepared.nodes.get(id)!;
    if (!p.gate) continue;
    const value = values.get(id)!;
    const upstream = tensor(value.shape, grads.get(id)!.slice());
    const inputValues = p.inputs.map((i) => values.get(i)!);
    const reaches = prepared.reachesOutput.has(id);
    const handed = p.gate.backward(inputValues, value, upstream).map(({ local, downstream }, k) => {
      const input = p.inputs[k];
      const g = grads.get(input)!;
      const earlier = contributions.get(input) ?? [];
      const previous = reaches && earlier.length ? tensor(downstream.shape, g.slice()) : null;
      for (let i = 0; i < g.length; i++) g[i] += downstream.data[i];
      if (reaches) contributions.set(input, [...earlier, { from: id, grad: downstream }]);
      return { input, local, downstream, previous, total: tensor(downstream.shape, g.slice()) };
    });
    const step: GateStep = { node: id, type: p.node.type, upstream, inputs: handed };
    steps.set(id, step);
    if (reaches) ordered.push(step);
  }
  return { grads, steps, contributions, ordered };
}

export function evaluatePrepared(prepared: Prepared): ExpressionResult {
  const { values, diagnostics: forwardProblems } = forwardValues(prepared);
  const diagnostics = [...prepared.diagnostics, ...forwardProblems];
  const hasErrors = diagnostics.some((d) => d.severity === 'error');
  const output = prepared.output;
  const back = !hasErrors && output ? backward(prepared, values, output) : null;
  const nodes: NodeResult[] = prepared.ids.map((id) => {
    const p = prepared.nodes.get(id)!;
    const value = values.get(id) ?? null;
    const grad = back && value ? tensor(value.shape, back.grads.get(id)!) : null;
    return {
      id,
      type: p.node.type,
      inputs: p.inputs,
      shape: p.shape,
      value,
      grad,
      reachesOutput: prepared.reachesOutput.has(id),
      step: back?.steps.get(id) ?? null,
      contributions: back?.contributions.get(id) ?? [],
    };
  });
  const f = back && output ? values.get(output)!.data[0] : null;
  return {
    name: prepared.graph.name,
    output,
    value: f,
    nodes,
    byId: new Map(nodes.map((n) => [n.id, n])),
    steps: back?.ordered ?? [],
    diagnostics,
    hasErrors,
  };
}

/** Parse-level graph in, every value, gradient and step out. Never throws on a user's graph. */
export function evaluateExpression(graph: Graph): ExpressionResult {
  return evaluatePrepared(prepareExpression(graph));
}
