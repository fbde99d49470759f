/** conv2d → nn.Conv2d (OIHW weights); asymmetric "same" padding goes through F.pad first. */
import type { PytorchMapping } from '../mapping';
import { keywords, pyBool, pyPair } from '../python';
import { attr, isBoolean, isNumber, isPads, isPair, padded, symmetricPadding } from './shared';

export const conv2d: PytorchMapping = {
  module({ node }) {
    const a = node.attrs;
    const pads = attr(a, 'padding', isPads, node.id);
    const sym = symmetricPadding(pads) ?? [0, 0];
    const inC = node.inputShapes[0][2];
    return `nn.Conv2d(${inC}, ${attr(a, 'filters', isNumber, node.id)}, kernel_size=${pyPair(attr(a, 'kernel', isPair, node.id))}${keywords([
      ['stride', pyPair(attr(a, 'stride', isPair, node.id)), '1'],
      ['padding', pyPair(sym), '0'],
      ['dilation', pyPair(attr(a, 'dilation', isPair, node.id)), '1'],
      ['bias', pyBool(attr(a, 'bias', isBoolean, node.id)), 'True'],
    ])})`;
  },
  forward: ({ node, name, inputs }) => `self.${name}(${padded(inputs[0], attr(node.attrs, 'padding', isPads, node.id))})`,
};
