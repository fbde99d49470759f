/**
 * "Expand into gates": the expression graph a small dense node computes, so the step from gates to layers is seen.
 * Unit j is yⱼ = wⱼ · x + bⱼ — a dot gate and an add gate, with wⱼ the node's weight column j (weights are stored
 * [n_in, n_out]) and bⱼ its bias; f = y₁ + … + y_k (one unit: f = y₁), so ∂f/∂wⱼ = x for every unit, as backprop
 * through a dense layer says. The input x is a var of ones to start from: set it to an input worth studying.
 */
import type { Graph, GraphEdge, GraphNode, NodePosition } from '../graph/types';

/** A dense node up to this many inputs and units expands (a bigger one would be a wall of gates). */
export const MAX_EXPAND = 4;

export interface DenseWeights {
  readonly node: string;
  readonly inputs: number;
  readonly units: number;
  /** [n_in, n_out], row-major (as the engine stores dense weights). */
  readonly weight: ArrayLike<number>;
  /** [n_out], or null when the node has no bias. */
  readonly bias: ArrayLike<number> | null;
  /** Where the weights came from, for the graph's description ("trained weights from lenet5.safetensors"). */
  readonly source: string;
}

/** Why this node cannot expand, or null when it can. */
export function expandProblem(type: string, inputs: number | null, units: number | null): string | null {
  if (type !== 'dense') return `Only a dense node expands into gates ('${type}' is not one).`;
  if (inputs === null || units === null) return 'The node has no known input size yet; fix the graph first.';
  if (inputs > MAX_EXPAND || units > MAX_EXPAND) {
    return `Expand into gates draws every weight as a wire: up to ${MAX_EXPAND} inputs × ${MAX_EXPAND} units, and this node has ${inputs} × ${units}.`;
  }
  return null;
}

/** Weights as the file writes them: float32 values shown at the precision they hold (0.1 rather than 0.10000000149). */
const round = (v: number) => Number(Math.fround(v).toPrecision(8));

export function denseAsGates(d: DenseWeights, networkName: string): Graph {
  const nodes: GraphNode[] = [{ id: 'x', type: 'var', attrs: { value: Array.from({ length: d.inputs }, () => 1) } }];
  const edges: GraphEdge[] = [];
  const layout: Record<string, NodePosition> = { x: { x: 0, y: ((d.units - 1) * 200) / 2 + 60 } };
  const outputs: string[] = [];
  for (let j = 0; j < d.units; j++) {
    const y0 = j * 200;
    const column = Array.from({ length: d.inputs }, (_, i) => round(d.weight[i * d.units + j]));
    nodes.push({ id: `w${j + 1}`, type: 'var', attrs: { value: column } });
    nodes.push({ id: `dot${j + 1}`, type: 'dot', attrs: {} });
    layout[`w${j + 1}`] = { x: 0, y: y0 - 80 };
    layout[`dot${j + 1}`] = { x: 260, y: y0 };
    edges.push({ from: `w${j + 1}`, to: `dot${j + 1}` }, { from: 'x', to: `dot${j + 1}` });
    if (d.bias) {
      nodes.push({ id: `b${j + 1}`, type: 'var', attrs: { value: round(d.bias[j]) } });
      nodes.push({ id: `y${j + 1}`, type: 'add', attrs: {} });
      layout[`b${j + 1}`] = { x: 260, y: y0 + 110 };
      layout[`y${j + 1}`] = { x: 500, y: y0 + 40 };
      edges.push({ from: `dot${j + 1}`, to: `y${j + 1}` }, { from: `b${j + 1}`, to: `y${j + 1}` });
      outputs.push(`y${j + 1}`);
    } else outputs.push(`dot${j + 1}`);
  }
  let output = outputs[0];
  if (outputs.length > 1) {
    nodes.push({ id: 'f', type: 'add', attrs: {} });
    for (const o of outputs) edges.push({ from: o, to: 'f' });
    layout.f = { x: 760, y: ((d.units - 1) * 200) / 2 + 40 };
    output = 'f';
  }
  return {
    kind: 'expression',
    name: `${networkName}: ${d.node} as gates`,
    description: `Dense node '${d.node}' (${d.inputs} inputs → ${d.units} unit${d.units === 1 ? '' : 's'}) as dot and add gates, with its ${d.source}. ` +
      `f = ${outputs.join(' + ')}; x starts as ones: set it to an input worth studying.`,
    output,
    nodes,
    edges,
    layout,
  };
}
