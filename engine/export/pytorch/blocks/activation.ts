/** Activations → their nn modules; softmax over the last wiregrad axis is PyTorch's dim 1 (channels or features). */
import type { PytorchMapping } from '../mapping';
import { pyNumber } from '../python';
import { attr, isNumber } from './shared';

const simple = (module: string): PytorchMapping => ({ module: () => module });

export const relu = simple('nn.ReLU()');
export const sigmoid = simple('nn.Sigmoid()');
export const tanh = simple('nn.Tanh()');
export const softmax = simple('nn.Softmax(dim=1)');
export const leakyrelu: PytorchMapping = { module: ({ node }) => `nn.LeakyReLU(${pyNumber(attr(node.attrs, 'alpha', isNumber, node.id))})` };
export const elu: PytorchMapping = { module: ({ node }) => `nn.ELU(${pyNumber(attr(node.attrs, 'alpha', isNumber, node.id))})` };
