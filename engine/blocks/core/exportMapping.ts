/**
 * How a block maps to the export formats: the slots the ONNX and PyTorch exports fill in each block's registry entry
 * (engine/blocks/<family>/<type>.onnx.ts, …). The ONNX slot is the block's export function: it emits the block's
 * ops through the context and says how its output is laid out (engine/export/onnx/mapping.ts).
 */
import type { OnnxExport } from '../../export/onnx/mapping';

/** The block's ONNX op(s), e.g. Conv; engine/export/onnx/exportOnnx.ts calls it once per node. */
export type OnnxMapping = OnnxExport;

/** The torch.nn module a block becomes, e.g. 'nn.Conv2d'. */
export interface PytorchMapping {
  readonly module: string;
}
