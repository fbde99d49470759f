/**
 * How a block maps to the export formats: the slots the ONNX and PyTorch exports fill in each block's registry entry
 * (as engine/blocks/<family>/<type>.export.ts). Declared minimal here so the registry has a typed place for them;
 * the export work widens these interfaces to what it needs.
 */

/** The ONNX operator(s) a block becomes, e.g. ['Conv'] or ['BatchNormalization']. */
export interface OnnxMapping {
  readonly opTypes: readonly string[];
}

/** The torch.nn module a block becomes, e.g. 'nn.Conv2d'. */
export interface PytorchMapping {
  readonly module: string;
}
