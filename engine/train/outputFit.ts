/**
 * Whether a graph's output can be trained or evaluated against a data set's targets with a loss: checked before
 * the first batch, so a mismatch is a message naming the output node and the data set rather than a TargetError
 * from deep inside the loss on the first step.
 */
import type { Dataset } from '../data/types';
import { shapeAsWritten } from '../shape/format';
import type { Model } from '../model/model';
import type { TrainingLoss } from './config';
import { TrainingError } from './errors';

export function checkOutputFits(model: Pick<Model, 'outputId' | 'outputShape'>, dataset: Dataset, loss: TrainingLoss): void {
  const outputs = model.outputShape.reduce((a, b) => a * b, 1);
  const what = `the graph's output '${model.outputId}' has shape ${shapeAsWritten(model.outputShape)}`;
  if (loss === 'cross-entropy') {
    if (dataset.task !== 'classification') throw new TrainingError(`loss "cross-entropy" needs a classification data set; ${dataset.name} is a regression set (use "mse")`);
    if (model.outputShape.length !== 1 || outputs !== dataset.numClasses) {
      throw new TrainingError(`${what} but ${dataset.name} has ${dataset.numClasses} classes: end the graph with a dense layer of ${dataset.numClasses} units`, {
        kind: 'output-units',
        units: dataset.numClasses,
      });
    }
  } else {
    if (dataset.task !== 'regression') throw new TrainingError(`loss "${loss}" needs a data set of float targets; ${dataset.name} has class labels (use "cross-entropy")`);
    if (outputs !== dataset.numClasses) {
      const each = dataset.numClasses === 1 ? 'one value' : `${dataset.numClasses} values`;
      // A label column read as regression because one label is not a class index (-1, 1.5): the usual cause.
      const hint = dataset.numClasses === 1 && outputs > 1
        ? `; if its labels are meant as classes, one is not a whole number from 0: add ?task=classification to the data-set spec to be shown which`
        : '';
      throw new TrainingError(`${what} but the targets of ${dataset.name} have ${each} each${hint}`);
    }
  }
}
