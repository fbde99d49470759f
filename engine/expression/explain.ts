/**
 * The words for one backward step, shared by `wiregrad grad --step` and the editor's Step panel: how upstream and
 * local combine for this gate and input, the gate's pattern, and the fan-out sum at an input.
 */
import type { Contribution, GateStep } from './evaluate';
import { formatValue } from './format';
import { gateFor } from './gates';
import { isScalar, type Tensor } from './tensor';

/** How upstream × local is formed for input k of this gate: "×", "⊙" (elementwise), "⊗" (outer product)… */
export function productRule(type: string, k: number, upstream: Tensor, input: Tensor): string {
  if (type === 'matvec') return k === 0 ? 'upstream ⊗ local (outer product: upstream[i]·x[j])' : 'localᵀ · upstream (Wᵀ times upstream)';
  if (isScalar(upstream.shape)) return 'upstream × local';
  if (isScalar(input.shape)) return 'Σ (upstream ⊙ local) (a broadcast scalar sums what every element sends back)';
  return 'upstream ⊙ local (element by element)';
}

/** What the Step panel and --step say about the gate: its pattern if it has one, else its local-gradient rule. */
export function stepHeadline(type: string): string {
  const gate = gateFor(type);
  if (!gate) return '';
  return gate.pattern ?? `local gradient: ${gate.rule}`;
}

/** "-1 + 2 = 1": the gradients arriving at a node that fans out, adding up to its gradient. */
export function fanOutSum(contributions: readonly Contribution[], digits = 3): string | null {
  if (contributions.length < 2) return null;
  const parts = contributions.map((c) => formatValue(c.grad, digits));
  const total = contributions.reduce<Float64Array>((acc, c) => acc.map((v, i) => v + c.grad.data[i]), new Float64Array(contributions[0].grad.data.length));
  return `${parts.join(' + ')} = ${formatValue({ shape: contributions[0].grad.shape, data: total }, digits)}`;
}

/** The text of one step: the gate, the upstream gradient, and for each input local, the product and the total. */
export function describeStep(step: GateStep, index: number, inputsOf: (id: string) => readonly string[], digits = 6): string[] {
  const pad = ' '.repeat(`step ${index + 1}  `.length);
  const lines = [`step ${index + 1}  ${step.node} = ${step.type}(${inputsOf(step.node).join(', ')})   upstream ∂f/∂${step.node} = ${formatValue(step.upstream, digits)}`];
  const headline = stepHeadline(step.type);
  if (headline) lines.push(`${pad}${headline}`);
  for (const [k, s] of step.inputs.entries()) {
    const scalars = isScalar(step.upstream.shape) && isScalar(s.local.shape);
    const product = scalars
      ? `${formatValue(step.upstream, digits)} × ${formatValue(s.local, digits)}`
      : `${productRule(step.type, k, step.upstream, s.downstream)}`;
    lines.push(`${pad}→ ${s.input}: local ${formatValue(s.local, digits)}; ${product} = ${formatValue(s.downstream, digits)}`);
    if (s.previous) {
      lines.push(`${pad}  ${s.input} fans out, so gradients add: ${formatValue(s.previous, digits)} + ${formatValue(s.downstream, digits)} = ${formatValue(s.total, digits)}`);
    }
  }
  return lines;
}
