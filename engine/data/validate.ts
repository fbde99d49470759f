/** A last check that a loaded data set keeps the Dataset contract (sizes agree, labels in range), before anyone trains. */
import { sizeOf } from '../tensor/types';
import { DataError } from './errors';
import type { DataSplit, Dataset } from './types';

function checkSplit(ds: Dataset, name: 'train' | 'test', split: DataSplit): void {
  const fail = (what: string) => new DataError(`data set '${ds.spec}', ${name} split: ${what}`);
  const size = sizeOf(ds.inputShape);
  if (split.x.length !== split.count * size) throw fail(`${split.x.length} input values for ${split.count} samples of ${size}`);
  const targets = ds.task === 'classification' ? 1 : ds.numClasses;
  if (split.y.length !== split.count * targets) throw fail(`${split.y.length} targets for ${split.count} samples`);
  if (ds.task === 'classification') {
    if (!(split.y instanceof Int32Array)) throw fail('class labels must be whole numbers');
    for (let i = 0; i < split.y.length; i++) {
      if (split.y[i] < 0 || split.y[i] >= ds.numClasses) throw fail(`label ${split.y[i]} of sample ${i} is outside 0..${ds.numClasses - 1}`);
    }
  }
  for (let i = 0; i < split.x.length; i++) if (!Number.isFinite(split.x[i])) throw fail(`input value ${i} is not a finite number`);
}

export function validateDataset(ds: Dataset): void {
  if (ds.train.count === 0) throw new DataError(`data set '${ds.spec}': no training samples`);
  if (ds.task === 'classification' && ds.classNames.length !== ds.numClasses) {
    throw new DataError(`data set '${ds.spec}': ${ds.classNames.length} class names for ${ds.numClasses} classes`);
  }
  checkSplit(ds, 'train', ds.train);
  checkSplit(ds, 'test', ds.test);
}
