/** add → Add (model.py's helper: the sum of its inputs). */
import type { PytorchMapping } from '../core/exportMapping';

export const addPytorch: PytorchMapping = {
  module: () => 'Add()',
  forward: ({ name, inputs }) => `self.${name}(${inputs.join(', ')})`,
  helpers: ['Add'],
};
