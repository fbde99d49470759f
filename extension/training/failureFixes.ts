/**
 * Fixes for a run refused because the design does not fit the data set: the engine says what it needs ("end the
 * graph with a dense layer of 10 units", "use an input of shape [1]"); this turns that into an edit the panel
 * offers as a button (set the last dense layer's units / set the input shape).
 */
import type { Graph } from '../../engine/graph/types';
import type { GraphAnalysis } from '../../engine/shape/types';
import type { Intent } from '../protocol';

export interface TrainingFix {
  readonly title: string;
  readonly intent: Intent;
}

export function fixesForFailure(message: string, graph: Graph, analysis: GraphAnalysis): TrainingFix[] {
  const fixes: TrainingFix[] = [];
  const units = /dense layer of (\d+) units/.exec(message);
  if (units) {
    const n = Number(units[1]);
    const lastDense = [...analysis.order].reverse().find((id) => graph.nodes.find((x) => x.id === id)?.type === 'dense');
    if (lastDense) fixes.push({ title: `set '${lastDense}'.units to ${n}`, intent: { kind: 'set-attribute', node: lastDense, attribute: 'units', value: n } });
  }
  const shape = /use an input of shape \[([\d,\s]+)\]/.exec(message);
  if (shape && analysis.inputId) {
    const dims = shape[1].split(',').map((d) => Number(d.trim()));
    fixes.push({ title: `set the input shape to [${dims.join(', ')}]`, intent: { kind: 'set-attribute', node: analysis.inputId, attribute: 'shape', value: dims } });
  }
  return fixes;
}
