/** Blocks that read an image as a vector (dense, maxout, flatten) see H·W·C features, row by row, channels innermost. */
import { formatCount, product } from '../../shape/format';
import type { Explanation, Shape } from '../../shape/types';
import { isImageShape } from '../../shape/types';

/** The number of features a shape flattens to, and how that number came about. */
export function flattened(shape: Shape): { n: number; explanation: Explanation | null } {
  const n = shape.reduce((a, b) => a * b, 1);
  if (!isImageShape(shape)) return { n, explanation: null };
  return {
    n,
    explanation: { quantity: 'inputs (flattened)', formula: 'n_in = H·W·C', substituted: `${product(shape)} = ${formatCount(n)}` },
  };
}
