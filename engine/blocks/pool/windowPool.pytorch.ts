/** maxpool2d, avgpool2d → nn.MaxPool2d / nn.AvgPool2d (padding counted in the mean: count_include_pad=True, PyTorch's default). */
import type { PytorchMapping } from '../core/exportMapping';
import { attr, isPads, isPair, keywords, padded, pyPair, symmetricPadding } from '../core/pytorchSource';

function windowPool(layer: 'MaxPool2d' | 'AvgPool2d', padValue: string): PytorchMapping {
  return {
    module({ node }) {
      const a = node.attrs;
      const kernel = attr(a, 'kernel', isPair, node.id);
      const sym = symmetricPadding(attr(a, 'padding', isPads, node.id)) ?? [0, 0];
      return `nn.${layer}(${pyPair(kernel)}${keywords([
        ['stride', pyPair(attr(a, 'stride', isPair, node.id)), pyPair(kernel)],
        ['padding', pyPair(sym), '0'],
      ])})`;
    },
    forward: ({ node, name, inputs }) => `self.${name}(${padded(inputs[0], attr(node.attrs, 'padding', isPads, node.id), padValue)})`,
  };
}

export const maxpool2dPytorch = windowPool('MaxPool2d', 'float("-inf")');
export const avgpool2dPytorch = windowPool('AvgPool2d', '0.0');
