/**
 * Vanishing and exploding gradients, read from one epoch's gradient flow (engine/train/gradientFlow.ts).
 *
 * The measure: each node's parameter gradient per parameter, rms = ‖∂L/∂θ‖ / √n (so a 48,000-weight dense layer and
 * a 156-weight conv compare fairly). Only nodes with parameters count, and at least three of them.
 *
 * Where and against what: backprop multiplies the gradient by one factor per layer on its way back from the loss,
 * so both effects build up toward the input and show in the earlier half of the network (by topological order of
 * the nodes with parameters). Each node of the earlier half is compared with the median rms of the later half —
 * the gradient as it enters the network from the loss. (Not with the median of all the others: in a deep stack
 * that decays at every layer, half of the others have already vanished and the median sits in the middle of the
 * decay, hiding all but the very first layer.) A node of the later half far from the rest is the other side of the
 * same effect and is not flagged.
 *
 * The threshold, FLAG_RATIO = 1000 (three orders of magnitude): a gradient that has shrunk by 1000× has lost what
 * five sigmoids at their steepest take (σ′ ≤ 1/4, and 4⁵ ≈ 1000), and an update that small leaves the layer where
 * it was initialised. Healthy networks stay far inside it: LeNet-5's earlier layers are within 3× of its later ones
 * (test/train/gradientFlags.test.ts), while a 10-sigmoid stack (examples/deep-sigmoid-mlp.nn.json) puts its first
 * layers 10⁴× below.
 */
import type { GradientFlowEpoch } from './gradientFlow';

export const FLAG_RATIO = 1000;

export interface GradientFlag {
  readonly node: string;
  readonly kind: 'vanishing' | 'exploding';
  /** rms of this node / median rms of the later half (≤ 1/FLAG_RATIO or ≥ FLAG_RATIO). */
  readonly ratio: number;
  /** One sentence: what happens, the likely cause in this graph, and what to do. */
  readonly explanation: string;
}

/** `types`: node id → block type, for the explanation (how many sigmoids lie between the node and the loss). */
export function gradientFlags(flow: GradientFlowEpoch, types: ReadonlyMap<string, string>): GradientFlag[] {
  const order = flow.nodes.map((n) => n.node);
  const measured = flow.nodes.filter((n) => n.paramGradNorm !== null && n.params > 0);
  if (measured.length < 3) return [];
  const rms = measured.map((n) => n.paramGradNorm! / Math.sqrt(n.params));
  const half = Math.floor(measured.length / 2);
  const median = medianOf(rms.slice(half));
  if (!(median > 0) || !Number.isFinite(median)) return [];
  const flags: GradientFlag[] = [];
  measured.slice(0, half).forEach((n, k) => {
    if (!Number.isFinite(rms[k])) return;
    const ratio = rms[k] / median;
    const later = order.slice(order.indexOf(n.node) + 1).map((id) => types.get(id) ?? '');
    if (ratio <= 1 / FLAG_RATIO) flags.push({ node: n.node, kind: 'vanishing', ratio, explanation: vanishingWhy(ratio, later) });
    else if (ratio >= FLAG_RATIO) flags.push({ node: n.node, kind: 'exploding', ratio, explanation: explodingWhy(ratio) });
  });
  return flags;
}

function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** "1/3,200" or "4,100×": the ratio as a reader says it. */
export function ratioText(ratio: number): string {
  const n = (x: number) => Math.round(x).toLocaleString('en-US');
  return ratio < 1 ? `1/${n(1 / ratio)}` : `${n(ratio)}×`;
}

function vanishingWhy(ratio: number, later: readonly string[]): string {
  const head = `gradient vanishing: this node's parameter gradient is ${ratioText(ratio)} of the later layers' (per parameter, against their median)`;
  const sigmoids = later.filter((t) => t === 'sigmoid').length;
  const tanhs = later.filter((t) => t === 'tanh').length;
  if (sigmoids > 0) {
    return `${head}; sigmoid saturation in a deep stack: the gradient shrinks by ≤ 0.25 per sigmoid (σ′ = σ(1 − σ) ≤ 1/4) and ${sigmoids} sigmoid${sigmoids === 1 ? '' : 's'} lie between this node and the loss; use ReLU (with He init) or add batchnorm`;
  }
  if (tanhs > 0) {
    return `${head}; tanh saturation in a deep stack: tanh′ ≤ 1, and near 0 where the units saturate, with ${tanhs} tanh${tanhs === 1 ? '' : 's'} between this node and the loss; use ReLU (with He init) or add batchnorm`;
  }
  return `${head}; the gradient shrinks at every layer on its way back from the loss: check the weights' initial scale (He for ReLU, Glorot for tanh), or add batchnorm or residual connections`;
}

function explodingWhy(ratio: number): string {
  return `gradient exploding: this node's parameter gradient is ${ratioText(ratio)} the later layers' (per parameter, against their median); it grows at every layer on its way back from the loss: lower the learning rate, set training.clipNorm, or add batchnorm`;
}
