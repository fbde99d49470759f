/**
 * What `--resume` reads back: the training-state file's metadata (config, position, history) checked against the
 * weights file and the run about to start, so that an incompatible resume is refused with the reason.
 */
import fs from 'node:fs';
import { readTrainingState, type TrainingState } from '../checkpoint/training-state';
import type { WeightsFile } from '../checkpoint/weights';
import type { TrainingConfig } from './config';
import { TrainingError } from './errors';
import type { EpochMetrics, TrainingPosition } from './trainer';

export interface SavedRun {
  /** The run both files belong to (undefined for files written before run ids). */
  readonly runId: string | undefined;
  readonly state: TrainingState;
  readonly config: TrainingConfig;
  readonly position: TrainingPosition;
  readonly history: readonly EpochMetrics[];
}

/** The metadata strings the trainer stores in the training-state file. */
export function runMetadata(config: TrainingConfig, position: TrainingPosition, history: readonly EpochMetrics[], runId: string): Record<string, string> {
  return { runId, config: JSON.stringify(config), position: JSON.stringify(position), history: JSON.stringify(history) };
}

export function readSavedRun(stateFile: string, weights: WeightsFile, weightsFile: string, expectedValues?: number): SavedRun {
  const state = readTrainingState(stateFile, expectedValues);
  const parse = <T>(key: string): T => {
    try {
      return JSON.parse(state.extra[key] ?? '') as T;
    } catch {
      throw new TrainingError(`${stateFile}: __metadata__.${key} is missing or not JSON; cannot resume`);
    }
  };
  // Paired by the run's id, not by the step count alone: two runs stopped at the same update (or a crash between the
  // two writes of different runs) have matching counts but weights and optimizer state that do not belong together.
  const stateRun = state.extra.runId;
  if (stateRun !== weights.info.runId) {
    const short = (id: string | undefined) => (id === undefined ? 'an unnamed run' : `run ${id.slice(0, 8)}`);
    throw new TrainingError(
      `cannot resume: ${weightsFile} is from ${short(weights.info.runId)} but ${stateFile} is from ${short(stateRun)} ` +
        '(the files of two runs were mixed, or a run was interrupted between the two writes); train from scratch without --resume',
    );
  }
  if (state.globalStep !== weights.info.globalStep) {
    throw new TrainingError(
      `cannot resume: ${weightsFile} is at update ${weights.info.globalStep} but ${stateFile} is at update ${state.globalStep} ` +
        '(a run was interrupted between the two writes); train from scratch without --resume',
    );
  }
  return { runId: stateRun, state, config: parse<TrainingConfig>('config'), position: parse<TrainingPosition>('position'), history: parse<EpochMetrics[]>('history') };
}

/** Refuses a resume whose settings would not continue the same run. */
export function checkResumable(saved: SavedRun, config: TrainingConfig): void {
  const changed = (field: keyof TrainingConfig) => {
    const before = JSON.stringify(saved.config[field]);
    const now = JSON.stringify(config[field]);
    if (before !== now) {
      throw new TrainingError(`cannot resume: ${field} was ${before} and is now ${now}; set it back, or train from scratch without --resume`);
    }
  };
  for (const field of ['optimizer', 'batchSize', 'dataset', 'seed', 'validationSplit', 'normalize'] as const) changed(field);
  if (saved.position.epoch >= config.epochs) {
    throw new TrainingError(`nothing to resume: the saved run already finished ${saved.position.epoch} epochs; raise --epochs to train longer`);
  }
}

/**
 * The training-state file a checkpoint keeps of the save before: the trainer renames the current state file to this
 * before it writes the new state and then the weights, so a run stopped between those writes (a window reload kills
 * the extension host mid-save) still leaves a state file that pairs with the weights on disk.
 */
export function previousStatePath(stateFile: string): string {
  return stateFile.endsWith('.safetensors') ? `${stateFile.slice(0, -'.safetensors'.length)}.prev.safetensors` : `${stateFile}.prev`;
}

/**
 * Whether a Resume has a training state to try: the current state file, or the previous save's when a run was
 * stopped after renaming the current one away and before writing the new one (a window reload killed the extension
 * host mid-save). Only existence: readSavedRunOrPrevious judges whether either pairs with the weights, and says why not.
 */
export function savedStateExists(stateFile: string): boolean {
  return fs.existsSync(stateFile) || fs.existsSync(previousStatePath(stateFile));
}

/**
 * readSavedRun, falling back to the previous save's state file when the current one is missing or does not pair
 * with the weights (the run was interrupted between the two writes); the current file's problem is reported when
 * neither pairs.
 */
export function readSavedRunOrPrevious(stateFile: string, weights: WeightsFile, weightsFile: string, expectedValues?: number): SavedRun {
  try {
    return readSavedRun(stateFile, weights, weightsFile, expectedValues);
  } catch (err) {
    const previous = previousStatePath(stateFile);
    if (!fs.existsSync(previous)) throw err;
    try {
      return readSavedRun(previous, weights, weightsFile, expectedValues);
    } catch {
      throw err;
    }
  }
}
