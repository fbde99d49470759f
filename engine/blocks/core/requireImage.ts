/** Blocks that slide a window need an H×W×C input; a vector input is a clear error, not a crash. */
import { diagnostic, type Diagnostic } from '../../shape/diagnostics';
import { formatShape } from '../../shape/format';
import { isImageShape, type ImageShape } from '../../shape/types';
import type { BlockInput } from './block';

export function requireImage(node: string, type: string, input: BlockInput): { image: ImageShape } | { error: Diagnostic } {
  if (isImageShape(input.shape)) return { image: input.shape };
  return {
    error: diagnostic(
      node,
      'error',
      'wrong-input-rank',
      `${type} needs an image input (H×W×C), but '${input.id}' gives a vector of ${formatShape(input.shape)}. ` +
        'Move this block before the flatten/dense layers, or set the input shape to [height, width, channels].',
    ),
  };
}
