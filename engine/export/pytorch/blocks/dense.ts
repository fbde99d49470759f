/** dense → nn.Linear ([n_out, n_in] weights), maxout → Maxout (a Linear of units·pieces outputs), flatten → an explicit flatten. */
import type { PytorchMapping } from '../mapping';
import { keywords, pyBool } from '../python';
import { attr, flattened, isBoolean, isNumber } from './shared';

const features = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

export const dense: PytorchMapping = {
  module: ({ node }) =>
    `nn.Linear(${features(node.inputShapes[0])}, ${attr(node.attrs, 'units', isNumber, node.id)}${keywords([
      ['bias', pyBool(attr(node.attrs, 'bias', isBoolean, node.id)), 'True'],
    ])})`,
  forward: ({ name, inputs, flatten }) => `self.${name}(${flattened(inputs[0], flatten)})`,
};

export const maxout: PytorchMapping = {
  module: ({ node }) =>
    `Maxout(${features(node.inputShapes[0])}, units=${attr(node.attrs, 'units', isNumber, node.id)}, pieces=${attr(node.attrs, 'pieces', isNumber, node.id)})`,
  forward: ({ name, inputs, flatten }) => `self.${name}(${flattened(inputs[0], flatten)})`,
  helpers: ['Maxout'],
};

export const flatten: PytorchMapping = {
  module: () => 'nn.Flatten()',
  // Channels-last where the order is observable (engine/export/layout.ts): transpose to NHWC, then flatten.
  forward: ({ name, inputs, flatten: order }) => `self.${name}(${order === 'channels-last' ? `${inputs[0]}.permute(0, 2, 3, 1)` : inputs[0]})`,
};
