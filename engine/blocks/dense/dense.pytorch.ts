/** dense → nn.Linear ([n_out, n_in] weights); an image input is flattened explicitly first. */
import type { PytorchMapping } from '../core/exportMapping';
import { attr, flattened, isBoolean, isNumber, keywords, pyBool } from '../core/pytorchSource';

export const densePytorch: PytorchMapping = {
  module: ({ node }) =>
    `nn.Linear(${node.inputShapes[0].reduce((a, b) => a * b, 1)}, ${attr(node.attrs, 'units', isNumber, node.id)}${keywords([
      ['bias', pyBool(attr(node.attrs, 'bias', isBoolean, node.id)), 'True'],
    ])})`,
  forward: ({ name, inputs, flatten }) => `self.${name}(${flattened(inputs[0], flatten)})`,
};
