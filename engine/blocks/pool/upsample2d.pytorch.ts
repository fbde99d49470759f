/** upsample2d → nn.Upsample by a whole scale factor: "nearest", or "bilinear" with align_corners=False (wiregrad's rule). */
import type { PytorchMapping } from '../core/exportMapping';
import { attr, isPair, pyNumber } from '../core/pytorchSource';

export const upsample2dPytorch: PytorchMapping = {
  module({ node }) {
    const [sh, sw] = attr(node.attrs, 'scale', isPair, node.id);
    const scale = sh === sw ? `${pyNumber(sh)}.0` : `(${pyNumber(sh)}.0, ${pyNumber(sw)}.0)`;
    return node.attrs.mode === 'bilinear' ? `nn.Upsample(scale_factor=${scale}, mode="bilinear", align_corners=False)` : `nn.Upsample(scale_factor=${scale}, mode="nearest")`;
  },
};
