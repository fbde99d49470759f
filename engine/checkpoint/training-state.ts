/**
 * The training state needed by `--resume`, in a sibling file `NAME.ckpt.safetensors` (so that `NAME.safetensors`
 * stays a clean weights file): the optimizer's slot buffers as tensors named `optimizer/<slot>/<param key>`, and as
 * `__metadata__` strings the optimizer kind and step count plus whatever the trainer records (config, progress,
 * history) as JSON. The weights themselves are read from `NAME.safetensors`; both files carry `globalStep`, and a
 * mismatch (a crash between the two writes) is reported rather than resumed from.
 */
import type { OptimizerKind, OptimizerState } from '../optim/types';
import { OPTIMIZER_KINDS } from '../optim/types';
import type { FloatArray } from '../tensor/types';
import { writeFileAtomic } from './atomic';
import { CheckpointError } from './errors';
import { decodeSafetensors, encodeSafetensors, type NamedTensor } from './safetensors';
import { readFileOrFail } from './weights';

export const TRAINING_STATE_FORMAT = 'wiregrad.training-state/1';

export interface TrainingState {
  readonly optimizer: OptimizerState;
  readonly globalStep: number;
  /** Trainer-defined JSON strings (config, progress, history). */
  readonly extra: Readonly<Record<string, string>>;
}

export function saveTrainingState(file: string, state: TrainingState, shapes: ReadonlyMap<string, readonly number[]>): void {
  const tensors: NamedTensor[] = [];
  for (const [key, slots] of Object.entries(state.optimizer.slots)) {
    for (const [slot, data] of Object.entries(slots)) {
      tensors.push({ name: `optimizer/${slot}/${key}`, shape: shapes.get(key) ?? [data.length], data });
    }
  }
  const metadata: Record<string, string> = {
    ...state.extra,
    format: TRAINING_STATE_FORMAT,
    optimizer: state.optimizer.kind,
    optimizerStep: String(state.optimizer.step),
    globalStep: String(state.globalStep),
  };
  writeFileAtomic(file, encodeSafetensors(tensors, metadata));
}

/** The most slot buffers an optimizer keeps per weight (Adam: two), with room for one more. */
const MAX_SLOTS = 3;

/** Reads the training state; `expectedValues` (the graph's parameter count) bounds the read as for weights. */
export function readTrainingState(file: string, expectedValues?: number): TrainingState {
  const parsed = decodeSafetensors(readFileOrFail(file, 'training state', expectedValues, MAX_SLOTS), file);
  const meta = parsed.metadata;
  if (meta.format !== TRAINING_STATE_FORMAT) throw new CheckpointError(`${file}: not a wiregrad training-state file`);
  const kind = meta.optimizer as OptimizerKind;
  if (!OPTIMIZER_KINDS.includes(kind)) throw new CheckpointError(`${file}: unknown optimizer '${meta.optimizer}'`);
  const slots: Record<string, Record<string, FloatArray>> = {};
  for (const [name, tensor] of parsed.tensors) {
    const match = /^optimizer\/([^/]+)\/(.+)$/.exec(name);
    if (!match) throw new CheckpointError(`${file}: unexpected tensor '${name}'`);
    const [, slot, key] = match;
    (slots[key] ??= {})[slot] = tensor.data;
  }
  const { format: _format, optimizer: _kind, optimizerStep, globalStep, ...extra } = meta;
  return {
    optimizer: { kind, step: Number(optimizerStep) || 0, slots },
    globalStep: Number(globalStep) || 0,
    extra,
  };
}
