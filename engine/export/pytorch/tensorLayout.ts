/**
 * Which layout each tensor of a PyTorch export has, and where an image is flattened in which order. The conversions
 * themselves are engine/export/layout.ts (shared with the ONNX export and import); train.py receives the same table
 * to bring trained weights back.
 *
 * The flatten order: where a flattened image only reaches dense (or maxout) layers, possibly through elementwise
 * layers, the exported model flattens channels-first (torch.flatten of NCHW) and those layers' weight rows are
 * reordered, as a hand-written PyTorch model would be. Anywhere else (the vector is the output, concatenated,
 * normalised per feature…) the order is observable, so the model transposes to channels-last before flattening.
 */
import type { Graph } from '../../graph/types';
import type { GraphAnalysis, NodeAnalysis } from '../../shape/types';
import type { FloatArray } from '../../tensor/types';
import { convWeightFromOihw, convWeightToOihw, denseWeightFromOutIn, denseWeightToOutIn, type Hwc } from '../layout';

export type TensorLayout =
  | { readonly kind: 'same' }
  | { readonly kind: 'conv' }
  | { readonly kind: 'dense' }
  | { readonly kind: 'dense-after-image'; readonly image: Hwc };

export interface LaidOut {
  readonly data: Float32Array;
  readonly shape: readonly number[];
}

/** wiregrad layout (`shape` is wiregrad's) → PyTorch's. */
export function toTorch(data: FloatArray, shape: readonly number[], layout: TensorLayout): LaidOut {
  switch (layout.kind) {
    case 'same':
      return { data: Float32Array.from(data), shape: [...shape] };
    case 'conv':
      return { data: convWeightToOihw(data, shape), shape: [shape[3], shape[2], shape[0], shape[1]] };
    case 'dense':
    case 'dense-after-image':
      return { data: denseWeightToOutIn(data, shape[0], shape[1], layout.kind === 'dense' ? null : layout.image), shape: [shape[1], shape[0]] };
  }
}

/** PyTorch's layout (`shape` is PyTorch's) → wiregrad's; the inverse of toTorch. */
export function fromTorch(data: FloatArray, shape: readonly number[], layout: TensorLayout): LaidOut {
  switch (layout.kind) {
    case 'same':
      return { data: Float32Array.from(data), shape: [...shape] };
    case 'conv':
      return { data: convWeightFromOihw(data, shape), shape: [shape[2], shape[3], shape[1], shape[0]] };
    case 'dense':
    case 'dense-after-image':
      return { data: denseWeightFromOutIn(data, shape[1], shape[0], layout.kind === 'dense' ? null : layout.image), shape: [shape[1], shape[0]] };
  }
}

/** How an image becomes a vector at a node: channels-first (weights reordered) or channels-last (transposed first). */
import type { FlattenOrder } from '../../blocks/core/exportMapping';

export type { FlattenOrder };

export interface FlattenPlan {
  /** Nodes that read an image as a vector (flatten; dense or maxout on an image) → the order they flatten in. */
  readonly order: ReadonlyMap<string, FlattenOrder>;
  /** Dense and maxout nodes whose weight rows are reordered, with the image whose channels-first order they take. */
  readonly afterImage: ReadonlyMap<string, Hwc>;
}

/** Layers that map each value on its own: a permutation of their input passes through them unchanged. */
const ELEMENTWISE: ReadonlySet<string> = new Set(['relu', 'leakyrelu', 'elu', 'sigmoid', 'tanh', 'dropout', 'gelu', 'silu', 'relu6']);
/** Layers whose weight rows can absorb a permutation of their input vector. */
const AFFINE: ReadonlySet<string> = new Set(['dense', 'maxout']);

export function flattenPlan(graph: Graph, analysis: GraphAnalysis): FlattenPlan {
  const consumers = new Map<string, string[]>();
  for (const e of graph.edges) consumers.set(e.from, [...(consumers.get(e.from) ?? []), e.to]);
  const order = new Map<string, FlattenOrder>();
  const afterImage = new Map<string, Hwc>();
  for (const id of analysis.order) {
    const node = analysis.byId.get(id)!;
    if (node.inputShapes.length !== 1 || node.inputShapes[0].length !== 3) continue;
    const image = node.inputShapes[0] as unknown as Hwc;
    if (AFFINE.has(node.type)) {
      order.set(id, 'channels-first');
      afterImage.set(id, image);
    } else if (node.type === 'flatten') {
      const reached = affineConsumers(id, consumers, analysis);
      order.set(id, reached ? 'channels-first' : 'channels-last');
      for (const d of reached ?? []) afterImage.set(d, image);
    }
  }
  return { order, afterImage };
}

/** The dense/maxout layers a flattened vector reaches through elementwise layers only, or null if it reaches anything else. */
function affineConsumers(id: string, consumers: ReadonlyMap<string, readonly string[]>, analysis: GraphAnalysis): string[] | null {
  const next = consumers.get(id) ?? [];
  if (next.length === 0) return null; // the graph's output: its order is what the user sees
  const found: string[] = [];
  for (const to of next) {
    const type = analysis.byId.get(to)?.type ?? '';
    if (AFFINE.has(type)) found.push(to);
    else if (ELEMENTWISE.has(type)) {
      const deeper = affineConsumers(to, consumers, analysis);
      if (!deeper) return null;
      found.push(...deeper);
    } else return null;
  }
  return found;
}

/** The layout of one of a node's parameter tensors (by wiregrad name). */
export function tensorLayout(node: NodeAnalysis, name: string, plan: FlattenPlan): TensorLayout {
  if (name !== 'weight') return { kind: 'same' };
  if (node.paramTensors.find((p) => p.name === 'weight')?.shape.length === 4) return { kind: 'conv' };
  const image = plan.afterImage.get(node.id);
  return image ? { kind: 'dense-after-image', image } : { kind: 'dense' };
}
