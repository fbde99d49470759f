/** relu, leakyrelu, sigmoid, tanh, elu → their nn modules. */
import type { PytorchMapping } from '../core/exportMapping';
import { attr, isNumber, pyNumber } from '../core/pytorchSource';

const simple = (module: string): PytorchMapping => ({ module: () => module });

export const reluPytorch = simple('nn.ReLU()');
export const sigmoidPytorch = simple('nn.Sigmoid()');
export const tanhPytorch = simple('nn.Tanh()');
export const leakyreluPytorch: PytorchMapping = { module: ({ node }) => `nn.LeakyReLU(${pyNumber(attr(node.attrs, 'alpha', isNumber, node.id))})` };
export const eluPytorch: PytorchMapping = { module: ({ node }) => `nn.ELU(${pyNumber(attr(node.attrs, 'alpha', isNumber, node.id))})` };
/** Exact GELU (erf, PyTorch's default approximate="none"), SiLU (x·σ(x)), ReLU6 (min(max(x, 0), 6)). */
export const geluPytorch = simple('nn.GELU()');
export const siluPytorch = simple('nn.SiLU()');
export const relu6Pytorch = simple('nn.ReLU6()');
