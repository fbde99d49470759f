/**
 * From a loaded data set to what the loop consumes: the validation split carved off the end of the training split
 * (the loaders deliver it shuffled, so the tail holds every class), then per-channel standardisation with statistics
 * of the remaining training samples only, applied to all three splits.
 */
import { applyNormalization, computeNormalization, type Normalization } from '../data/normalize';
import type { DataSplit, Dataset } from '../data/types';
import type { TrainingData } from './trainer';

export interface PreparedData {
  readonly data: TrainingData;
  /** The statistics applied, to be saved with the weights; `null` when normalisation is off. */
  readonly normalization: Normalization | null;
}

export function prepareTrainingData(
  dataset: Dataset,
  options: { readonly validationSplit: number; readonly normalize: boolean; readonly normalization?: Normalization | null },
): PreparedData {
  const total = dataset.train.count;
  const held = Math.min(total - 1, Math.round(total * options.validationSplit));
  let train = slice(dataset.train, 0, total - held, dataset);
  let validation = held > 0 ? slice(dataset.train, total - held, total, dataset) : null;
  let test = dataset.test;
  let normalization: Normalization | null = null;
  if (options.normalize) {
    normalization = options.normalization ?? computeNormalization(train, dataset.inputShape);
    const stats = normalization;
    const apply = (split: DataSplit): DataSplit => ({ ...split, x: applyNormalization(split.x, stats) });
    train = apply(train);
    validation = validation && apply(validation);
    test = apply(test);
  }
  return {
    data: { task: dataset.task, numClasses: dataset.numClasses, inputShape: dataset.inputShape, train, validation, test },
    normalization,
  };
}

function slice(split: DataSplit, from: number, to: number, dataset: Dataset): DataSplit {
  const sampleSize = split.x.length / Math.max(1, split.count);
  const targetSize = dataset.task === 'classification' ? 1 : split.y.length / Math.max(1, split.count);
  return {
    count: to - from,
    x: split.x.subarray(from * sampleSize, to * sampleSize),
    y: split.y.subarray(from * targetSize, to * targetSize),
  };
}
