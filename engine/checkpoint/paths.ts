/** Where a graph's checkpoint files live: beside the graph, named after it (`lenet5.nn.json` → `lenet5.safetensors`). */
import path from 'node:path';

export interface CheckpointPaths {
  /** The weights, readable by PyTorch's safetensors. */
  readonly weights: string;
  /** Optimizer state and progress, for `--resume`. */
  readonly state: string;
}

export function checkpointPaths(graphFile: string): CheckpointPaths {
  const dir = path.dirname(graphFile);
  const base = path.basename(graphFile).replace(/\.nn\.json$|\.json$/i, '');
  return { weights: path.join(dir, `${base}.safetensors`), state: path.join(dir, `${base}.ckpt.safetensors`) };
}
