/**
 * batchnorm → nn.BatchNorm2d on images, nn.BatchNorm1d on vectors: the same ε, the momentum converted from Keras'
 * convention (engine/export/layout.ts torchMomentum), γ and β as PyTorch's weight and bias, and the batch counter
 * PyTorch keeps beside the running statistics.
 */
import { torchMomentum } from '../../export/layout';
import type { PytorchMapping } from '../core/exportMapping';
import { attr, isNumber, keywords, pyNumber } from '../core/pytorchSource';

export const batchnormPytorch: PytorchMapping = {
  module({ node }) {
    const shape = node.outputShape ?? node.inputShapes[0];
    return `nn.${shape.length === 3 ? 'BatchNorm2d' : 'BatchNorm1d'}(${shape[shape.length - 1]}${keywords([
      ['eps', pyNumber(attr(node.attrs, 'epsilon', isNumber, node.id)), pyNumber(1e-5)],
      ['momentum', pyNumber(torchMomentum(attr(node.attrs, 'momentum', isNumber, node.id))), '0.1'],
    ])})`;
  },
  tensorNames: { gamma: 'weight', beta: 'bias' },
  extraBuffers: ['num_batches_tracked'],
};
