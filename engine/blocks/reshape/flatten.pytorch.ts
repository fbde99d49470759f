/** flatten → nn.Flatten(); channels-last where the order is observable (engine/export/pytorch/tensorLayout.ts). */
import type { PytorchMapping } from '../core/exportMapping';

export const flattenPytorch: PytorchMapping = {
  module: () => 'nn.Flatten()',
  forward: ({ name, inputs, flatten }) => `self.${name}(${flatten === 'channels-last' ? `${inputs[0]}.permute(0, 2, 3, 1)` : inputs[0]})`,
};
