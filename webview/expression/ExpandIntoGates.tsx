/** "Expand into gates" on a small dense node: asks the host to open the expression graph the node computes. */
import { expandProblem } from '../../engine/expression/fromDense';
import type { NodeAnalysis } from '../../engine/shape/types';
import { send } from '../host';

export function ExpandIntoGates({ node, analysis }: { readonly node: string; readonly analysis: NodeAnalysis | undefined }) {
  if (analysis?.type !== 'dense') return null;
  const inputs = analysis.inputShapes[0] ? analysis.inputShapes[0].reduce((n, d) => n * d, 1) : null;
  const units = analysis.outputShape?.[0] ?? null;
  const problem = expandProblem(analysis.type, inputs, units);
  return (
    <p>
      <button type="button" data-testid="expand-into-gates" disabled={problem !== null} title={problem ?? 'Open the dots and adds this node computes, with its weights'} onClick={() => send({ type: 'expand-into-gates', node })}>
        Expand into gates
      </button>
      {problem && <span className="muted"> {problem}</span>}
    </p>
  );
}
