/**
 * conv2dtranspose → nn.ConvTranspose2d. wiregrad's weight [F_h, F_w, K, C_in] is the HWIO kernel of the convolution
 * it is the adjoint of (K → C_in channels); its OIHW form [C_in, K, F_h, F_w] is PyTorch's ConvTranspose2d weight.
 */
import type { PytorchMapping } from '../core/exportMapping';
import { attr, isBoolean, isNumber, isPads, isPair, keywords, pyBool, pyPair } from '../core/pytorchSource';

export const conv2dtransposePytorch: PytorchMapping = {
  module({ node }) {
    const a = node.attrs;
    const pads = attr(a, 'padding', isPads, node.id);
    return `nn.ConvTranspose2d(${node.inputShapes[0][2]}, ${attr(a, 'filters', isNumber, node.id)}, kernel_size=${pyPair(attr(a, 'kernel', isPair, node.id))}${keywords([
      ['stride', pyPair(attr(a, 'stride', isPair, node.id)), '1'],
      ['padding', pyPair([pads[0], pads[2]]), '0'],
      ['output_padding', pyPair(isPair(a.outputPadding) ? a.outputPadding : [0, 0]), '0'],
      ['dilation', pyPair(isPair(a.dilation) ? a.dilation : [1, 1]), '1'],
      ['bias', pyBool(attr(a, 'bias', isBoolean, node.id)), 'True'],
    ])})`;
  },
};
