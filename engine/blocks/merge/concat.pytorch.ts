/** concat → Concat (model.py's helper: torch.cat along the channels, dim 1) with its inputs in the graph's edge order. */
import type { PytorchMapping } from '../core/exportMapping';

export const concatPytorch: PytorchMapping = {
  module: () => 'Concat()',
  forward: ({ name, inputs }) => `self.${name}(${inputs.join(', ')})`,
  helpers: ['Concat'],
};
