/** globalmaxpool → nn.AdaptiveMaxPool2d(1), flattened to [N, C]. */
import type { PytorchMapping } from '../core/exportMapping';

export const globalmaxpoolPytorch: PytorchMapping = {
  module: () => 'nn.AdaptiveMaxPool2d(1)',
  forward: ({ name, inputs }) => `torch.flatten(self.${name}(${inputs[0]}), 1)`,
};
