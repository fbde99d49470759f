/** What every data-set loader receives from loadDataset, already parsed and checked. */
import type { Shape } from '../shape/types';
import type { SpecOptions } from './spec';

export interface LoadContext {
  /** The spec as the user wrote it (for messages and Dataset.spec). */
  readonly spec: string;
  /** The kind's argument (paths), '' when absent. */
  readonly argument: string;
  /** Folder that relative paths start from: the graph file's folder. */
  readonly baseDir: string;
  readonly inputShape: Shape | undefined;
  readonly seed: number;
  readonly testFraction: number;
  /** `train=N` / `test=N`: sizes of a generated set, or caps on a loaded one. */
  readonly trainCount: number | undefined;
  readonly testCount: number | undefined;
  /** Where bundled data files live, when not next to the bundle. */
  readonly dataDir: string | undefined;
  /** Bytes a generated set may take; a loader refuses sizes beyond it before allocating. */
  readonly maxBytes: number;
  /** The spec's remaining `?key=value` options (each loader reads its own; unknown ones are rejected). */
  readonly options: SpecOptions;
}
