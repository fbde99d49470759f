/**
 * layernorm → nn.LayerNorm over wiregrad's last axis: the features of a vector, or each pixel's channels of an image
 * (PyTorch normalises the trailing dims, so an NCHW image goes through NHWC and back). γ, β as weight and bias.
 */
import type { PytorchMapping } from '../core/exportMapping';
import { attr, isNumber, keywords, pyNumber } from '../core/pytorchSource';

export const layernormPytorch: PytorchMapping = {
  module: ({ node }) => {
    const shape = node.outputShape ?? node.inputShapes[0];
    return `nn.LayerNorm(${shape[shape.length - 1]}${keywords([['eps', pyNumber(attr(node.attrs, 'epsilon', isNumber, node.id)), pyNumber(1e-5)]])})`;
  },
  forward: ({ node, name, inputs }) =>
    node.inputShapes[0].length === 3 ? `self.${name}(${inputs[0]}.permute(0, 2, 3, 1)).permute(0, 3, 1, 2)` : `self.${name}(${inputs[0]})`,
  tensorNames: { gamma: 'weight', beta: 'bias' },
};
