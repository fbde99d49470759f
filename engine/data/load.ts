/**
 * The one entry point for data: `loadDataset(spec, options)`.
 *
 * Specs (`KIND[:PATHS][?key=value&…]`; relative paths start from `options.baseDir`, the graph file's folder):
 *  - `mnist`                 bundled MNIST: 8,000 train / 2,000 test digits, [28, 28, 1] (or [784], 3 channels,
 *                            or a larger canvas such as LeNet-5's [32, 32, 1]); a fixed split (see mnist.ts).
 *  - `shapes`                generated 32×32×3 colour shapes, 10 classes, 5,000 / 1,000, from `options.seed`.
 *  - `segmentation`          the shapes' objects with their masks (targets [S·S], 1 = shape), S×S×3 as the input
 *                            asks (default 32), 2,000 / 400, from `options.seed`.
 *  - `x2`                    regression toy f(x) = x² on [−1, 1], input [1], target [1], 1,000 / 200.
 *  - `folder:PATH`           one sub-folder of PNG/JPEG images per class (or PATH/train + PATH/test so laid out).
 *  - `csv:PATH?label=COL`    feature columns + a label column (also task=, header=, sep=, classes=; see csv.ts).
 *  - `idx:IMAGES,LABELS`     IDX files (MNIST format, .gz allowed); `idx:TRAIN_IM,TRAIN_LB;TEST_IM,TEST_LB`.
 * Every kind also takes `train=N` and `test=N`: the sizes of a generated set, or caps on a loaded one.
 * Examples: `shapes?train=2000&test=500`, `csv:data/iris.csv?label=species`, `idx:train-images.gz,train-labels.gz`.
 *
 * Failures throw a DataError whose message names the file (and line, column, node) and the problem; nothing is
 * returned half-loaded.
 */
import os from 'node:os';
import type { Shape } from '../shape/types';
import type { LoadContext } from './context';
import { loadCsv } from './csv';
import { DataError } from './errors';
import { loadFolder } from './folder';
import { loadIdx } from './idx';
import { shapeAsWritten } from '../shape/format';
import { loadMnist } from './mnist';
import { loadX2 } from './regressionToy';
import { loadSegmentation } from './segmentation';
import { loadShapes } from './shapes';
import { parseDataSpec, SpecOptions, type DatasetKind } from './spec';
import type { Dataset } from './types';
import { validateDataset } from './validate';

export interface LoadDatasetOptions {
  /** Folder that relative paths in the spec start from (the graph file's folder). */
  readonly baseDir: string;
  /** The graph's input shape; the data are delivered in it, or a DataError says why they cannot be. */
  readonly inputShape?: Shape;
  /** Seeds generated sets and the train/test split of the user's data (default 0). */
  readonly seed?: number;
  /** Share of the user's data held out for testing when it has no split of its own (default 0.2). */
  readonly testFraction?: number;
  /** Folder of the bundled data files, when not next to the bundle (also WIREGRAD_DATA_DIR). */
  readonly dataDir?: string;
  /** Bytes a generated set may take (default half the free memory): `shapes?train=1000000` is refused, not generated. */
  readonly maxBytes?: number;
}

const LOADERS: Record<DatasetKind, (ctx: LoadContext) => Dataset> = {
  mnist: loadMnist,
  shapes: loadShapes,
  segmentation: loadSegmentation,
  x2: loadX2,
  folder: loadFolder,
  csv: loadCsv,
  idx: loadIdx,
};

export async function loadDataset(spec: string, options: LoadDatasetOptions): Promise<Dataset> {
  try {
    const parsed = parseDataSpec(spec);
    const testFraction = options.testFraction ?? 0.2;
    if (!(testFraction >= 0 && testFraction < 1)) throw new DataError(`testFraction must be at least 0 and below 1, not ${testFraction}`);
    const { inputShape } = options;
    if (inputShape && (inputShape.length === 0 || inputShape.some((d) => !Number.isInteger(d) || d < 1))) {
      throw new DataError(`the graph's input shape ${shapeAsWritten(inputShape)} is not a list of positive whole numbers`);
    }
    const specOptions = new SpecOptions(spec, parsed.params);
    const ctx: LoadContext = {
      spec,
      argument: parsed.argument,
      baseDir: options.baseDir,
      inputShape,
      seed: options.seed ?? 0,
      testFraction,
      trainCount: specOptions.integer('train', 1, 10_000_000),
      testCount: specOptions.integer('test', 0, 10_000_000),
      dataDir: options.dataDir,
      maxBytes: options.maxBytes ?? Math.floor(os.freemem() * 0.5),
      options: specOptions,
    };
    const dataset = LOADERS[parsed.kind](ctx);
    validateDataset(dataset);
    return dataset;
  } catch (err) {
    if (err instanceof DataError) throw err;
    // Out of memory on a huge folder, or a bug: still a message, not a stack trace.
    throw new DataError(`data set '${spec}': ${err instanceof Error ? err.message : String(err)}`);
  }
}
