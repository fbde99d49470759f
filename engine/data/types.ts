/**
 * A data set as the trainer consumes it: dense float32 inputs in the graph's layout (NHWC images or vectors)
 * and integer class labels (classification) or float targets (regression).
 */
import type { Shape } from '../shape/types';

export interface DataSplit {
  readonly count: number;
  /** count × size(inputShape) values, sample after sample. */
  readonly x: Float32Array;
  /** Classification: class index per sample. Regression: count × targetSize values. */
  readonly y: Int32Array | Float32Array;
}

export interface Dataset {
  /** Human name, e.g. "MNIST (bundled, 10,000 digits)". */
  readonly name: string;
  /** The spec it was loaded from, e.g. "mnist", "shapes", "folder:./images". */
  readonly spec: string;
  readonly inputShape: Shape;
  readonly task: 'classification' | 'regression';
  /** Classification: number of classes; regression: values per target. */
  readonly numClasses: number;
  readonly classNames: readonly string[];
  /** The split used for training (the trainer carves its validation split from it). */
  readonly train: DataSplit;
  /** The held-out split for the final evaluation. */
  readonly test: DataSplit;
}
