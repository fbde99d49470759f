/** maxout → Maxout (model.py's helper: a Linear of units·pieces outputs, maxed over each unit's pieces). */
import type { PytorchMapping } from '../core/exportMapping';
import { attr, flattened, isNumber } from '../core/pytorchSource';

export const maxoutPytorch: PytorchMapping = {
  module: ({ node }) =>
    `Maxout(${node.inputShapes[0].reduce((a, b) => a * b, 1)}, units=${attr(node.attrs, 'units', isNumber, node.id)}, pieces=${attr(node.attrs, 'pieces', isNumber, node.id)})`,
  forward: ({ name, inputs, flatten }) => `self.${name}(${flattened(inputs[0], flatten)})`,
  helpers: ['Maxout'],
};
