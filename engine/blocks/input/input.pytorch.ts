/** input → the forward's argument `x` (NCHW, or [N, n] for vectors). */
import type { PytorchMapping } from '../core/exportMapping';

export const inputPytorch: PytorchMapping = { forward: () => 'x' };
