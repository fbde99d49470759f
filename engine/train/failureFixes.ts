/**
 * Fixes for a run refused because the design does not fit the data set: the error's DesignNeed ("a final dense
 * layer of 10 units", "an input of shape [1]") as an edit of the graph being trained, which the training panel
 * offers as a button (set the last dense layer's units / set the input shape).
 */
import type { Graph } from '../graph/types';
import { DataError } from '../data/errors';
import type { DesignNeed } from '../shape/designNeed';
import type { Fix } from '../shape/diagnostics';
import type { GraphAnalysis } from '../shape/types';
import { TrainingError } from './errors';

export function fixesForNeed(need: DesignNeed, graph: Graph, analysis: GraphAnalysis): Fix[] {
  switch (need.kind) {
    case 'output-units': {
      const lastDense = [...analysis.order].reverse().find((id) => graph.nodes.find((x) => x.id === id)?.type === 'dense');
      if (!lastDense) return [];
      return [{ title: `set '${lastDense}'.units to ${need.units}`, edits: [{ kind: 'set-attribute', node: lastDense, attribute: 'units', value: need.units }] }];
    }
    case 'input-shape':
      if (!analysis.inputId) return [];
      return [
        {
          title: `set the input shape to [${need.shape.join(', ')}]`,
          edits: [{ kind: 'set-attribute', node: analysis.inputId, attribute: 'shape', value: [...need.shape] }],
        },
      ];
  }
}

/** The need an error carries, if it is one of ours and has one. */
export function needOf(err: unknown): DesignNeed | undefined {
  return err instanceof TrainingError || err instanceof DataError ? err.need : undefined;
}
