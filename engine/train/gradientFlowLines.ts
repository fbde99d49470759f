/**
 * `wiregrad train --log-gradients`: one JSON object per node and epoch, for jq or pandas (`read_json(lines=True)`).
 * The fields are documented in README's CLI section; `epoch` is 1-based there, as in the printed epoch lines.
 */
import type { GradientFlag } from './gradientFlags';
import type { GradientFlowEpoch } from './gradientFlow';

export interface GradientFlowLine {
  readonly event: 'gradient-flow';
  readonly epoch: number;
  readonly node: string;
  readonly params: number;
  readonly paramGradNorm: number | null;
  readonly outputGradNorm: number | null;
  readonly updateRatio: number | null;
  readonly samples: number;
  readonly every: number;
  readonly flag: GradientFlag['kind'] | null;
}

export function gradientFlowLines(flow: GradientFlowEpoch, flags: readonly GradientFlag[]): string[] {
  const flagOf = new Map(flags.map((f) => [f.node, f.kind]));
  return flow.nodes.map((n) => {
    const line: GradientFlowLine = {
      event: 'gradient-flow',
      epoch: flow.epoch + 1,
      node: n.node,
      params: n.params,
      paramGradNorm: n.paramGradNorm,
      outputGradNorm: n.outputGradNorm,
      updateRatio: n.updateRatio,
      samples: flow.samples,
      every: flow.every,
      flag: flagOf.get(n.node) ?? null,
    };
    return JSON.stringify(line);
  });
}
