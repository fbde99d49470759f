/**
 * dropout → nn.Dropout (inverted dropout in both); batchnorm → nn.BatchNorm2d on images, nn.BatchNorm1d on vectors,
 * with the same ε and the momentum converted from Keras' convention (engine/export/layout.ts torchMomentum).
 */
import { torchMomentum } from '../../layout';
import type { PytorchMapping } from '../mapping';
import { keywords, pyNumber } from '../python';
import { attr, isNumber } from './shared';

export const dropout: PytorchMapping = {
  module: ({ node }) => `nn.Dropout(${pyNumber(attr(node.attrs, 'rate', isNumber, node.id))})`,
};

export const batchnorm: PytorchMapping = {
  module({ node }) {
    const shape = node.outputShape ?? node.inputShapes[0];
    const kind = shape.length === 3 ? 'BatchNorm2d' : 'BatchNorm1d';
    return `nn.${kind}(${shape[shape.length - 1]}${keywords([
      ['eps', pyNumber(attr(node.attrs, 'epsilon', isNumber, node.id)), pyNumber(1e-5)],
      ['momentum', pyNumber(torchMomentum(attr(node.attrs, 'momentum', isNumber, node.id))), '0.1'],
    ])})`;
  },
  tensorNames: { gamma: 'weight', beta: 'bias' },
  extraBuffers: ['num_batches_tracked'],
};
