/**
 * wiregrad_data.py of a PyTorch export: wiregrad's readers of the user's data sets (folder:, csv:, idx:) in Python,
 * so train.py reads the user's files where they are instead of wiregrad copying them into .npy files (a folder of
 * 100,000 photos would be written again as gigabytes of floats). The bundled sets (mnist, shapes, segmentation, x2)
 * are still exported as .npy: their generators and files live in wiregrad. The module is written only when the
 * graph's data set is one of the user's; test/export/pytorchData.test.ts checks that it yields wiregrad's arrays
 * bit for bit.
 */
import { DATA_PY_COMMON } from './dataPyCommon';
import { DATA_PY_IMAGES } from './dataPyImages';
import { DATA_PY_TABLES } from './dataPyTables';

/** The data-set kinds train.py reads itself (engine/data/spec.ts DatasetKind). */
export const NATIVE_DATA_KINDS: readonly string[] = ['folder', 'csv', 'idx'];

export function generateDataPy(): string {
  return DATA_PY_COMMON + DATA_PY_IMAGES + DATA_PY_TABLES;
}
