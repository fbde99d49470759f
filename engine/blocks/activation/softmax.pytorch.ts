/** softmax over wiregrad's last axis (channels of an image, features of a vector) = PyTorch's dim 1. */
import type { PytorchMapping } from '../core/exportMapping';

export const softmaxPytorch: PytorchMapping = { module: () => 'nn.Softmax(dim=1)' };
