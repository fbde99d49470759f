/**
 * Transposed convolution (PyTorch's ConvTranspose2d) as the adjoint of an ordinary convolution. Take the conv that
 * maps an outH×outW×K image to an inH×inW×C_in one with kernel F, stride S and padding P and HWIO weight
 * W [F_h, F_w, K, C_in]; its input gradient spreads each of its output pixels back over a kernel window. That spread
 * is the transposed convolution, with the same weight and im2col/col2im geometry with the roles of "in" and "out"
 * swapped:
 *   forward          col = x · Wᵀ  (rows = input pixels, [F_h·F_w·K] per row),  y = col2im(col) (+ bias)
 *   backward input   col = im2col(dy),  dx = col · W           (an ordinary convolution of dy)
 *   backward filter  dW = colᵀ · x,  db = Σ_pixels dy
 * outputPadding only makes outH larger by up to S − 1 rows that no window reaches past; col2im clips to outH.
 */
import type { FloatArray } from '../../tensor/types';
import type { ConvGeometry, TransposedConvGeometry } from '../backend';
import { col2im, im2col } from './conv';
import { addBias, matmul, matmulTransA, matmulTransB, sumRows } from './matmul';

/** The ordinary convolution whose input gradient this transposed convolution is. */
export function adjointConv(g: TransposedConvGeometry): ConvGeometry {
  return {
    batch: g.batch, inH: g.outH, inW: g.outW, inC: g.outC, outH: g.inH, outW: g.inW, outC: g.inC,
    kernelH: g.kernelH, kernelW: g.kernelW, strideH: g.strideH, strideW: g.strideW, dilationH: 1, dilationW: 1,
    padTop: g.padTop, padLeft: g.padLeft,
  };
}

export function conv2dTransposeForward(
  a: { x: FloatArray; weight: FloatArray; bias: FloatArray | null; y: FloatArray; col: FloatArray }, g: TransposedConvGeometry,
): void {
  const rows = g.batch * g.inH * g.inW;
  const patch = g.kernelH * g.kernelW * g.outC;
  matmulTransB(a.x, a.weight, a.col, rows, g.inC, patch, false);
  col2im(a.col, a.y, adjointConv(g));
  if (a.bias) addBias(a.y, a.bias, g.batch * g.outH * g.outW, g.outC);
}

export function conv2dTransposeBackward(
  a: {
    dy: FloatArray; x: FloatArray; weight: FloatArray; dx: FloatArray | null; dweight: FloatArray; dbias: FloatArray | null;
    col: FloatArray;
  },
  g: TransposedConvGeometry,
  accumulate: boolean,
): void {
  const rows = g.batch * g.inH * g.inW;
  const patch = g.kernelH * g.kernelW * g.outC;
  im2col(a.dy, a.col, adjointConv(g));
  if (a.dx) matmul(a.col, a.weight, a.dx, rows, patch, g.inC, false);
  matmulTransA(a.col, a.x, a.dweight, patch, rows, g.inC, accumulate);
  if (!a.dbias) return;
  const outRows = g.batch * g.outH * g.outW;
  if (!accumulate) {
    sumRows(a.dy, a.dbias, outRows, g.outC);
    return;
  }
  for (let r = 0, o = 0; r < outRows; r++) for (let c = 0; c < g.outC; c++, o++) a.dbias[c] += a.dy[o];
}
