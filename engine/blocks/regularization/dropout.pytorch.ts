/** dropout → nn.Dropout (inverted dropout in both). */
import type { PytorchMapping } from '../core/exportMapping';
import { attr, isNumber, pyNumber } from '../core/pytorchSource';

export const dropoutPytorch: PytorchMapping = { module: ({ node }) => `nn.Dropout(${pyNumber(attr(node.attrs, 'rate', isNumber, node.id))})` };
