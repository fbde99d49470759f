/**
 * What the canvas shows after `done` steps of the backward pass: the gradient on each wire (what the consuming gate
 * handed back along it) and the gradient gathered at each node so far. With every step done it is the whole
 * backward pass; with none, only ∂f/∂f = 1 at the output. Pure, so the Step control's bookkeeping is unit-tested.
 */
import type { ExpressionResult, GateStep } from '../../engine/expression/evaluate';
import { tensor, type Tensor } from '../../engine/expression/tensor';
import type { Graph } from '../../engine/graph/types';

export interface StepView {
  /** Steps done, 0…total. */
  readonly done: number;
  readonly total: number;
  /** The step just taken (highlighted on the canvas), or null before the first. */
  readonly current: GateStep | null;
  /** Per edge of graph.edges (same index): its gradient, or null while backward has not reached it. */
  readonly wireGrads: readonly (Tensor | null)[];
  /** Per node: the gradient gathered so far (the sum of what arrived), or null when nothing has. */
  readonly nodeGrads: ReadonlyMap<string, Tensor | null>;
}

export function stepView(graph: Graph, result: ExpressionResult, done: number): StepView {
  const total = result.steps.length;
  const n = Math.max(0, Math.min(done, total));
  const all = n === total;
  const doneIds = new Set(result.steps.slice(0, n).map((s) => s.node));
  const seen = new Map<string, number>();
  const wireGrads = graph.edges.map((e) => {
    // The k-th edge into a gate is its k-th input (inputs are in edge order).
    const k = seen.get(e.to) ?? 0;
    seen.set(e.to, k + 1);
    const step = result.byId.get(e.to)?.step;
    if (!step || (!doneIds.has(e.to) && !all)) return null;
    return step.inputs[k]?.downstream ?? null;
  });
  const nodeGrads = new Map<string, Tensor | null>();
  for (const node of result.nodes) {
    if (all) {
      nodeGrads.set(node.id, node.grad);
      continue;
    }
    if (node.id === result.output && node.grad) {
      nodeGrads.set(node.id, node.grad); // ∂f/∂f = 1 from the start
      continue;
    }
    const arrived = node.contributions.filter((c) => doneIds.has(c.from));
    if (arrived.length === 0) nodeGrads.set(node.id, null);
    else {
      const sum = new Float64Array(arrived[0].grad.data.length);
      for (const c of arrived) for (let i = 0; i < sum.length; i++) sum[i] += c.grad.data[i];
      nodeGrads.set(node.id, tensor(arrived[0].grad.shape, sum));
    }
  }
  return { done: n, total, current: n > 0 ? result.steps[n - 1] : null, wireGrads, nodeGrads };
}
