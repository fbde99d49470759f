/** The data layer's public face: loading, normalisation, augmentation, and the error they throw. */
export type { DataSplit, Dataset } from './types';
export { DataError } from './errors';
export { loadDataset, type LoadDatasetOptions } from './load';
export { parseDataSpec, DATASET_KINDS, type DatasetKind } from './spec';
export { computeNormalization, applyNormalization, normalizeDataset, type Normalization } from './normalize';
export { augmentBatch, shiftAndFlip, type AugmentOptions } from './augment';
export { SHAPE_CLASSES, generateShapes, renderShapeImage } from './shapes';
export { MNIST_FILE, MNIST_TEST_COUNT } from './mnist';
export { readImageAs } from './folder';
export { formatShape } from './imageFit';
