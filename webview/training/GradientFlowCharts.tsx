/**
 * Gradient flow per node, per epoch (engine/train/gradientFlow.ts): ‖∂L/∂θ‖, ‖∂L/∂output‖ and ‖Δθ‖/‖θ‖ on log
 * scales, one line per node, and the vanishing/exploding flags of the last epoch with their explanations.
 */
import { useMemo } from 'react';
import type { GradientFlag } from '../../engine/train/gradientFlags';
import type { GradientFlowEpoch, NodeGradientFlow } from '../../engine/train/gradientFlow';
import { LineChart, type Series } from './LineChart';

/** Distinct hues for any number of nodes (the golden angle spreads them evenly). */
function nodeColour(i: number): string {
  return `hsl(${Math.round((i * 137.508) % 360)} 65% 55%)`;
}

type Quantity = 'paramGradNorm' | 'outputGradNorm' | 'updateRatio';

/** One series per node that has the quantity in some epoch; values ≤ 0 are gaps (a log axis cannot show them). */
export function flowSeries(flow: readonly GradientFlowEpoch[], quantity: Quantity): Series[] {
  const nodes = flow.at(-1)?.nodes.map((n) => n.node) ?? [];
  const byEpoch = flow.map((e) => new Map<string, NodeGradientFlow>(e.nodes.map((n) => [n.node, n])));
  return nodes
    .map((node, i) => ({
      label: node,
      className: 'node',
      colour: nodeColour(i),
      values: byEpoch.map((m) => {
        const v = m.get(node)?.[quantity];
        return v !== null && v !== undefined && v > 0 && Number.isFinite(v) ? v : null;
      }),
    }))
    .filter((s) => s.values.some((v) => v !== null));
}

export function GradientFlowCharts({ flow, flags }: { readonly flow: readonly GradientFlowEpoch[]; readonly flags: readonly GradientFlag[] }) {
  const x = useMemo(() => flow.map((e) => e.epoch + 1), [flow]);
  const params = useMemo(() => flowSeries(flow, 'paramGradNorm'), [flow]);
  const outputs = useMemo(() => flowSeries(flow, 'outputGradNorm'), [flow]);
  const updates = useMemo(() => flowSeries(flow, 'updateRatio'), [flow]);
  if (flow.length === 0) return null;
  const last = flow[flow.length - 1];
  return (
    <div className="gradient-flow" data-testid="gradient-flow">
      <div className="muted">
        gradient flow per node, averaged over {last.samples} updates of each epoch (every {last.every}th); log scales
      </div>
      {flags.length > 0 && (
        <ul className="gradient-flags" data-testid="gradient-flags">
          {flags.map((f) => (
            <li key={f.node} className={`gradient-flag flag-${f.kind}`} data-node={f.node} data-kind={f.kind}>
              <strong>{f.node}</strong>: {f.explanation}
            </li>
          ))}
        </ul>
      )}
      <div className="charts">
        <LineChart testId="chart-param-grad" title="‖∂L/∂θ‖ per node" xLabel="epoch" x={x} series={params} logY />
        <LineChart testId="chart-output-grad" title="‖∂L/∂output‖ per node" xLabel="epoch" x={x} series={outputs} logY />
        <LineChart testId="chart-update-ratio" title="‖Δθ‖/‖θ‖ per node (the applied update)" xLabel="epoch" x={x} series={updates} logY />
      </div>
    </div>
  );
}
