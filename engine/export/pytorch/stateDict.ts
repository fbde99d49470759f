/**
 * wiregrad's tensors ↔ PyTorch's state_dict: which key each tensor has in PyTorch and its layout (engine/export/
 * layout.ts). `tensorTable` is also written into train.py, which uses it to bring trained weights back.
 */
import type { NamedTensor } from '../../checkpoint/safetensors';
import type { FloatArray } from '../../tensor/types';
import { tensorLayout, toTorch, type TensorLayout } from './tensorLayout';
import type { ExportableGraph, ExportableNode } from './exportable';

export interface TensorEntry {
  /** `node.param` in wiregrad's weights file. */
  readonly wiregrad: string;
  /** The key in the PyTorch model's state_dict. */
  readonly torch: string;
  /** The shape in wiregrad's layout. */
  readonly shape: readonly number[];
  readonly layout: TensorLayout;
}

export function tensorTable(g: ExportableGraph): TensorEntry[] {
  return g.nodes.flatMap((n) => entriesOf(g, n));
}

function entriesOf(g: ExportableGraph, n: ExportableNode): TensorEntry[] {
  return n.node.paramTensors.map((spec) => ({
    wiregrad: `${n.node.id}.${spec.name}`,
    torch: `${n.name}.${n.mapping.tensorNames?.[spec.name] ?? spec.name}`,
    shape: spec.shape,
    layout: tensorLayout(n.node, spec.name, g.plan),
  }));
}

/** The PyTorch state_dict of wiregrad's tensors (by key), in the order the model declares them. */
export function torchStateDict(
  g: ExportableGraph,
  tensors: ReadonlyMap<string, { readonly data: FloatArray }>,
  batchesTracked: number,
): NamedTensor[] {
  const out: NamedTensor[] = [];
  for (const n of g.nodes) {
    for (const entry of entriesOf(g, n)) {
      const value = tensors.get(entry.wiregrad);
      if (!value) throw new Error(`tensor '${entry.wiregrad}' is missing`);
      const laid = toTorch(value.data, entry.shape, entry.layout);
      out.push({ name: entry.torch, shape: laid.shape, data: laid.data });
    }
    for (const buffer of n.mapping.extraBuffers ?? []) {
      out.push({ name: `${n.name}.${buffer}`, shape: [], data: BigInt64Array.of(BigInt(batchesTracked)) });
    }
  }
  return out;
}
