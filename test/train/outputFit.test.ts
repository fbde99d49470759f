/** checkOutputFits: a graph output and a data set that disagree are named before the first batch. */
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../engine/data/types';
import { checkOutputFits } from '../../engine/train/outputFit';

function dataset(task: Dataset['task'], numClasses: number): Dataset {
  const split = { count: 0, x: new Float32Array(0), y: task === 'classification' ? new Int32Array(0) : new Float32Array(0) };
  return { name: 'Table t.csv', spec: 'csv:t.csv', inputShape: [2], task, numClasses, classNames: [], train: split, test: split };
}

describe('checkOutputFits', () => {
  it('says how to find the label that made a table a regression set when the output looks like classes', () => {
    expect(() => checkOutputFits({ outputId: 'd', outputShape: [2] }, dataset('regression', 1), 'mse')).toThrow(
      "the graph's output 'd' has shape [2] but the targets of Table t.csv have one value each; if its labels are meant as classes, one is not a whole number from 0: add ?task=classification to the data-set spec to be shown which",
    );
  });

  it('gives no such hint for a regression with several targets', () => {
    expect(() => checkOutputFits({ outputId: 'd', outputShape: [1] }, dataset('regression', 3), 'mse')).toThrow(
      /^the graph's output 'd' has shape \[1\] but the targets of Table t\.csv have 3 values each$/,
    );
  });

  it('names the class count when a classifier has the wrong number of units', () => {
    expect(() => checkOutputFits({ outputId: 'd', outputShape: [2] }, dataset('classification', 3), 'cross-entropy')).toThrow(
      "the graph's output 'd' has shape [2] but Table t.csv has 3 classes: end the graph with a dense layer of 3 units",
    );
    expect(() => checkOutputFits({ outputId: 'd', outputShape: [3] }, dataset('classification', 3), 'cross-entropy')).not.toThrow();
  });

  it('binary cross-entropy wants float targets, one per output value', () => {
    expect(() => checkOutputFits({ outputId: 'mask', outputShape: [4, 4, 1] }, dataset('classification', 3), 'binary-cross-entropy')).toThrow(
      'loss "binary-cross-entropy" needs a data set of float targets; Table t.csv has class labels (use "cross-entropy")',
    );
    expect(() => checkOutputFits({ outputId: 'mask', outputShape: [4, 4, 2] }, dataset('regression', 16), 'binary-cross-entropy')).toThrow(
      "the graph's output 'mask' has shape [4, 4, 2] but the targets of Table t.csv have 16 values each",
    );
    expect(() => checkOutputFits({ outputId: 'mask', outputShape: [4, 4, 1] }, dataset('regression', 16), 'binary-cross-entropy')).not.toThrow();
  });
});
