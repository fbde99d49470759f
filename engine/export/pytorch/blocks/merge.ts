/** add → Add (Σ inputs), concat → Concat along channels (dim 1) in the graph's edge order; input → the forward's `x`. */
import type { PytorchMapping } from '../mapping';

export const add: PytorchMapping = {
  module: () => 'Add()',
  forward: ({ name, inputs }) => `self.${name}(${inputs.join(', ')})`,
  helpers: ['Add'],
};

export const concat: PytorchMapping = {
  module: () => 'Concat()',
  forward: ({ name, inputs }) => `self.${name}(${inputs.join(', ')})`,
  helpers: ['Concat'],
};

export const input: PytorchMapping = {
  forward: () => 'x',
};
