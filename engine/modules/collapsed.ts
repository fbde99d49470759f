/**
 * What a module use shows while collapsed: the analysis of its flat nodes summed up as one node — its output
 * shape (its output node's), its parameters and MACs in total, and every problem inside it (the badge).
 */
import { formatCount } from '../shape/format';
import type { Diagnostic } from '../shape/diagnostics';
import type { NodeAnalysis } from '../shape/types';
import type { Expansion, ModuleUse } from './expand';

export function collapsedAnalysis(
  use: ModuleUse,
  type: string,
  byId: ReadonlyMap<string, NodeAnalysis>,
  diagnostics: readonly Diagnostic[],
): NodeAnalysis {
  const members = use.members.map((id) => byId.get(id)).filter((a): a is NodeAnalysis => a !== undefined);
  const output = byId.get(use.output);
  const input = use.input !== null ? byId.get(use.input) : undefined;
  let params = 0;
  let nonTrainableParams = 0;
  let macs = 0;
  for (const m of members) {
    params += m.params;
    nonTrainableParams += m.nonTrainableParams;
    macs += m.macs;
  }
  const inside = (node: string | null) => node !== null && (node === use.path || node.startsWith(use.path + '/'));
  const sum = (quantity: string, of: (m: NodeAnalysis) => number, total: number) => {
    const counted = members.filter((m) => of(m) !== 0);
    const terms = counted.length <= 8 ? counted.map((m) => formatCount(of(m))).join(' + ') : `Σ over ${counted.length} nodes`;
    return { quantity, formula: `sum over the module's ${members.length} nodes`, substituted: `${counted.length ? terms : '0'} = ${formatCount(total)}` };
  };
  return {
    id: use.path,
    type,
    inputShapes: input?.outputShape ? [input.outputShape] : [],
    attrs: {},
    outputShape: output?.outputShape ?? null,
    params,
    nonTrainableParams,
    macs,
    activationBytes: output?.activationBytes ?? 0,
    receptiveField: output?.receptiveField ?? null,
    jump: output?.jump ?? null,
    paramTensors: [],
    explanations: [sum('params', (m) => m.params + m.nonTrainableParams, params + nonTrainableParams), sum('MACs', (m) => m.macs, macs)],
    diagnostics: diagnostics.filter((d) => inside(d.node)),
  };
}

/** Whether a diagnostic is about a node that exists only in the flat graph (inside a module). */
export function isInsideModule(expansion: Expansion, node: string | null): boolean {
  return node !== null && (expansion.origins.has(node) || (expansion.uses.has(node) && node.includes('/')));
}
