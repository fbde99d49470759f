/** conv2d → nn.Conv2d (OIHW weights; `groups` for grouped and depthwise convs); asymmetric "same" padding (an even kernel) goes through F.pad first. */
import type { PytorchMapping } from '../core/exportMapping';
import { attr, isBoolean, isNumber, isPads, isPair, keywords, padded, pyBool, pyPair, symmetricPadding } from '../core/pytorchSource';

export const conv2dPytorch: PytorchMapping = {
  module({ node }) {
    const a = node.attrs;
    const sym = symmetricPadding(attr(a, 'padding', isPads, node.id)) ?? [0, 0];
    return `nn.Conv2d(${node.inputShapes[0][2]}, ${attr(a, 'filters', isNumber, node.id)}, kernel_size=${pyPair(attr(a, 'kernel', isPair, node.id))}${keywords([
      ['stride', pyPair(attr(a, 'stride', isPair, node.id)), '1'],
      ['padding', pyPair(sym), '0'],
      ['dilation', pyPair(attr(a, 'dilation', isPair, node.id)), '1'],
      ['groups', String(typeof a.groups === 'number' ? a.groups : 1), '1'],
      ['bias', pyBool(attr(a, 'bias', isBoolean, node.id)), 'True'],
    ])})`;
  },
  forward: ({ node, name, inputs }) => `self.${name}(${padded(inputs[0], attr(node.attrs, 'padding', isPads, node.id))})`,
};
