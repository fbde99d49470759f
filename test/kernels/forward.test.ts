/** Forward values of every cpu kernel on cases small enough to compute by hand. */
import { describe, expect, it } from 'vitest';
import type { ConvGeometry, PoolGeometry } from '../../engine/kernels/backend';
import { cpuBackend as k } from '../../engine/kernels/cpu';
import { col2im, im2col } from '../../engine/kernels/cpu/conv';
import { Rng } from '../../engine/random/rng';

const f64 = (...v: number[]) => Float64Array.from(v);
const close = (actual: ArrayLike<number>, expected: number[], digits = 12) => {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, i) => expect(actual[i]).toBeCloseTo(e, digits));
};

function naiveMatmul(a: ArrayLike<number>, b: ArrayLike<number>, m: number, kk: number, n: number): number[] {
  const c = new Array<number>(m * n).fill(0);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) for (let p = 0; p < kk; p++) c[i * n + j] += a[i * kk + p] * b[p * n + j];
  return c;
}

function transpose(a: ArrayLike<number>, rows: number, cols: number): Float64Array {
  const t = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) t[c * rows + r] = a[r * cols + c];
  return t;
}

function conv(g: Partial<ConvGeometry> & Pick<ConvGeometry, 'inH' | 'inW' | 'inC' | 'outH' | 'outW' | 'outC' | 'kernelH' | 'kernelW'>): ConvGeometry {
  return { batch: 1, strideH: 1, strideW: 1, dilationH: 1, dilationW: 1, padTop: 0, padLeft: 0, ...g };
}

describe('matmul', () => {
  it('multiplies a 2×3 by a 3×2 matrix', () => {
    const c = new Float64Array(4);
    k.matmul(f64(1, 2, 3, 4, 5, 6), f64(7, 8, 9, 10, 11, 12), c, 2, 3, 2, false);
    close(c, [58, 64, 139, 154]);
  });

  it('accumulates when asked', () => {
    const c = f64(1, 1, 1, 1);
    k.matmul(f64(1, 0, 0, 1), f64(2, 3, 4, 5), c, 2, 2, 2, true);
    close(c, [3, 4, 5, 6]);
  });

  // Sizes off the 4×4 blocks, past the 256-long reduction panel and the 128-wide column panel.
  it.each([
    [1, 1, 1], [7, 9, 5], [5, 3, 6], [13, 300, 7], [9, 20, 130], [4, 4, 4],
  ])('A·B, A·Bᵀ and Aᵀ·B agree with the naive loop for m=%i k=%i n=%i', (m, kk, n) => {
    const rng = new Rng(m * 1000 + kk * 10 + n);
    const a = Float64Array.from({ length: m * kk }, () => rng.normal());
    const b = Float64Array.from({ length: kk * n }, () => rng.normal());
    const expected = naiveMatmul(a, b, m, kk, n);
    const c = new Float64Array(m * n);
    k.matmul(a, b, c, m, kk, n, false);
    close(c, expected, 10);
    k.matmulTransB(a, transpose(b, kk, n), c, m, kk, n, false);
    close(c, expected, 10);
    k.matmulTransA(transpose(a, m, kk), b, c, m, kk, n, false);
    close(c, expected, 10);
  });

  it('adds a bias per column and sums rows', () => {
    const y = f64(1, 2, 3, 4, 5, 6);
    k.addBias(y, f64(10, 20, 30), 2, 3);
    close(y, [11, 22, 33, 14, 25, 36]);
    const s = new Float64Array(3);
    k.sumRows(y, s, 2, 3);
    close(s, [25, 47, 69]);
  });
});

describe('conv2d', () => {
  it('convolves a 3×3 image with a 2×2 kernel (valid, stride 1)', () => {
    // x = 1..9 row by row; w = [[1, 0], [0, −1]]: y = x[i][j] − x[i+1][j+1] = −4 everywhere.
    const g = conv({ inH: 3, inW: 3, inC: 1, outH: 2, outW: 2, outC: 1, kernelH: 2, kernelW: 2 });
    const y = new Float64Array(4);
    k.conv2dForward({ x: f64(1, 2, 3, 4, 5, 6, 7, 8, 9), weight: f64(1, 0, 0, -1), bias: f64(0.5), y, col: new Float64Array(16) }, g);
    close(y, [-3.5, -3.5, -3.5, -3.5]);
  });

  it('pads with zeros and strides', () => {
    // 3×3 ones, 3×3 kernel of ones, padding 1, stride 2 → 2×2 output: corners see 4 ones each.
    const g = conv({ inH: 3, inW: 3, inC: 1, outH: 2, outW: 2, outC: 1, kernelH: 3, kernelW: 3, strideH: 2, strideW: 2, padTop: 1, padLeft: 1 });
    const y = new Float64Array(4);
    k.conv2dForward({ x: new Float64Array(9).fill(1), weight: new Float64Array(9).fill(1), bias: null, y, col: new Float64Array(36) }, g);
    close(y, [4, 4, 4, 4]);
  });

  it('dilates the kernel taps', () => {
    // 1×5 row 1..5, 1×2 kernel [1, 1] with dilation 3 → x[j] + x[j+3]: [1+4, 2+5].
    const g = conv({ inH: 1, inW: 5, inC: 1, outH: 1, outW: 2, outC: 1, kernelH: 1, kernelW: 2, dilationW: 3 });
    const y = new Float64Array(2);
    k.conv2dForward({ x: f64(1, 2, 3, 4, 5), weight: f64(1, 1), bias: null, y, col: new Float64Array(4) }, g);
    close(y, [5, 7]);
  });

  it('mixes channels through the HWIO weight', () => {
    // 1×1 pixel with channels (2, 3); 1×1 kernel, weight [C_in=2, K=2] = [[1, 10], [100, 1000]].
    const g = conv({ inH: 1, inW: 1, inC: 2, outH: 1, outW: 1, outC: 2, kernelH: 1, kernelW: 1 });
    const y = new Float64Array(2);
    k.conv2dForward({ x: f64(2, 3), weight: f64(1, 10, 100, 1000), bias: f64(1, 2), y, col: new Float64Array(2) }, g);
    close(y, [2 + 300 + 1, 20 + 3000 + 2]);
  });

  it('col2im is the adjoint of im2col: ⟨im2col(x), c⟩ = ⟨x, col2im(c)⟩', () => {
    const g = conv({ batch: 2, inH: 5, inW: 4, inC: 3, outH: 3, outW: 2, outC: 1, kernelH: 3, kernelW: 2, strideH: 2, strideW: 3, dilationH: 1, dilationW: 2, padTop: 1, padLeft: 1 });
    const rng = new Rng(5);
    const x = Float64Array.from({ length: 2 * 5 * 4 * 3 }, () => rng.normal());
    const c = Float64Array.from({ length: 2 * 3 * 2 * 3 * 2 * 3 }, () => rng.normal());
    const col = new Float64Array(c.length);
    im2col(x, col, g);
    const dx = new Float64Array(x.length);
    col2im(c, dx, g);
    const lhs = col.reduce((s, v, i) => s + v * c[i], 0);
    const rhs = x.reduce((s, v, i) => s + v * dx[i], 0);
    expect(lhs).toBeCloseTo(rhs, 10);
  });
});

describe('pooling', () => {
  const pool = (p: Partial<PoolGeometry> & Pick<PoolGeometry, 'inH' | 'inW' | 'outH' | 'outW' | 'kernelH' | 'kernelW'>): PoolGeometry => ({
    batch: 1, channels: 1, strideH: p.kernelH, strideW: p.kernelW, padTop: 0, padLeft: 0, ...p,
  });

  it('max pools 4×4 → 2×2 and records the winners', () => {
    const x = f64(1, 2, 5, 6, 3, 4, 8, 7, -1, -2, 0, 0, -3, -4, 0, 0);
    const g = pool({ inH: 4, inW: 4, outH: 2, outW: 2, kernelH: 2, kernelW: 2 });
    const y = new Float64Array(4);
    const at = new Int32Array(4);
    k.maxPoolForward(x, y, at, g);
    close(y, [4, 8, -1, 0]);
    // The 0-tie in the last window goes to the first 0 (index 10).
    expect(Array.from(at)).toEqual([5, 6, 8, 10]);
    const dx = new Float64Array(16);
    k.maxPoolBackward(f64(1, 2, 3, 4), at, dx, g);
    expect(Array.from(dx)).toEqual([0, 0, 0, 0, 0, 1, 2, 0, 3, 0, 4, 0, 0, 0, 0, 0]);
  });

  it('max pool padding never wins (−∞), even over negative values', () => {
    const g = pool({ inH: 2, inW: 2, outH: 2, outW: 2, kernelH: 2, kernelW: 2, strideH: 1, strideW: 1, padTop: 1, padLeft: 1 });
    const y = new Float64Array(4);
    k.maxPoolForward(f64(-5, -6, -7, -8), y, new Int32Array(4), g);
    close(y, [-5, -5, -5, -5]);
  });

  it('average pooling counts padding in the divisor (count_include_pad)', () => {
    // 2×2 image 1..4, kernel 2, stride 1, padding 1 → 3×3; the corner window holds only x[0] = 1: 1/4.
    const g = pool({ inH: 2, inW: 2, outH: 3, outW: 3, kernelH: 2, kernelW: 2, strideH: 1, strideW: 1, padTop: 1, padLeft: 1 });
    const y = new Float64Array(9);
    k.avgPoolForward(f64(1, 2, 3, 4), y, g);
    close(y, [0.25, 0.75, 0.5, 1, 2.5, 1.5, 0.75, 1.75, 1]);
    const dx = new Float64Array(4);
    k.avgPoolBackward(new Float64Array(9).fill(1), dx, g);
    close(dx, [1, 1, 1, 1]);
  });

  it('global average pools each channel', () => {
    const y = new Float64Array(2);
    k.globalAvgPoolForward(f64(1, 10, 2, 20, 3, 30, 6, 60), y, 1, 4, 2);
    close(y, [3, 30]);
    const dx = new Float64Array(8);
    k.globalAvgPoolBackward(f64(4, 8), dx, 1, 4, 2);
    close(dx, [1, 2, 1, 2, 1, 2, 1, 2]);
  });
});

describe('activations', () => {
  const x = f64(-2, -0.5, 0, 0.5, 2);
  const run = (kind: Parameters<typeof k.activationForward>[0], alpha = 0) => {
    const y = new Float64Array(5);
    k.activationForward(kind, x, y, 5, alpha);
    return y;
  };

  it('relu, leakyrelu, elu', () => {
    close(run('relu'), [0, 0, 0, 0.5, 2]);
    close(run('leakyrelu', 0.1), [-0.2, -0.05, 0, 0.5, 2]);
    close(run('elu', 1), [Math.exp(-2) - 1, Math.exp(-0.5) - 1, 0, 0.5, 2]);
  });

  it('sigmoid and tanh', () => {
    close(run('sigmoid'), [0.11920292202211755, 0.3775406687981454, 0.5, 0.6224593312018546, 0.8807970779778823]);
    close(run('tanh'), [-0.9640275800758169, -0.46211715726000974, 0, 0.46211715726000974, 0.9640275800758169]);
  });

  it('relu routes the gradient only where x > 0 (relu′(0) = 0)', () => {
    const dx = new Float64Array(5);
    k.activationBackward({ kind: 'relu', x, y: run('relu'), dy: f64(1, 1, 1, 1, 1), dx, n: 5, alpha: 0 });
    close(dx, [0, 0, 0, 1, 1]);
  });

  it('maxout takes the max of each unit’s pieces, ties to the first', () => {
    // 1 row, 2 units × 3 pieces: unit 0 = max(1, 5, 2) at column 1, unit 1 = max(7, 7, 0) at column 3.
    const y = new Float64Array(2);
    const at = new Int32Array(2);
    k.maxoutForward(f64(1, 5, 2, 7, 7, 0), y, at, 1, 2, 3);
    close(y, [5, 7]);
    expect(Array.from(at)).toEqual([1, 3]);
    const dz = new Float64Array(6);
    k.maxoutBackward(f64(10, 20), at, dz, 1, 2, 3);
    close(dz, [0, 10, 0, 20, 0, 0]);
  });
});

describe('batchnorm', () => {
  it('normalises with batch statistics and updates the running ones (unbiased variance)', () => {
    // One channel, rows 1, 2, 3, 4: mean 2.5, biased var 1.25, unbiased 5/3.
    const y = new Float64Array(4);
    const xhat = new Float64Array(4);
    const invStd = new Float64Array(1);
    const rm = f64(0);
    const rv = f64(1);
    k.batchNormTrainForward({ x: f64(1, 2, 3, 4), gamma: f64(2), beta: f64(1), y, xhat, invStd, runningMean: rm, runningVar: rv, rows: 4, channels: 1, epsilon: 0, momentum: 0.9 });
    const s = Math.sqrt(1.25);
    close(xhat, [-1.5 / s, -0.5 / s, 0.5 / s, 1.5 / s]);
    close(y, [1 - 3 / s, 1 - 1 / s, 1 + 1 / s, 1 + 3 / s]);
    close(rm, [0.25]);
    close(rv, [0.9 + 0.1 * (5 / 3)]);
  });

  it('normalises per channel over N·H·W rows', () => {
    // Two channels interleaved: channel 0 = (0, 2), channel 1 = (10, 30).
    const xhat = new Float64Array(4);
    k.batchNormTrainForward({
      x: f64(0, 10, 2, 30), gamma: f64(1, 1), beta: f64(0, 0), y: new Float64Array(4), xhat, invStd: new Float64Array(2),
      runningMean: f64(0, 0), runningVar: f64(1, 1), rows: 2, channels: 2, epsilon: 0, momentum: 0.5,
    });
    close(xhat, [-1, -1, 1, 1]);
  });

  it('evaluates with the running statistics', () => {
    const y = new Float64Array(2);
    k.batchNormEvalForward({ x: f64(3, 5), gamma: f64(2), beta: f64(1), runningMean: f64(1), runningVar: f64(4), y, rows: 2, channels: 1, epsilon: 0 });
    close(y, [2 * (2 / 2) + 1, 2 * (4 / 2) + 1]);
  });
});

describe('softmax and losses', () => {
  it('softmax of [1, 2, 3]', () => {
    const y = new Float64Array(3);
    k.softmaxForward(f64(1, 2, 3), y, 1, 3);
    close(y, [0.09003057317038046, 0.24472847105479764, 0.6652409557748219]);
  });

  it('stays finite for huge logits', () => {
    const y = new Float64Array(2);
    k.softmaxForward(f64(1000, 1001), y, 1, 2);
    close(y, [1 / (1 + Math.E), Math.E / (1 + Math.E)]);
    const r = k.softmaxCrossEntropy(f64(1000, -1000), Int32Array.of(1), null, 1, 2, 1);
    expect(r.lossSum).toBeCloseTo(2000, 9);
  });

  it('cross-entropy is −log p(target), its gradient (p − onehot)·scale, and counts argmax hits', () => {
    const d = new Float64Array(6);
    const r = k.softmaxCrossEntropy(f64(1, 2, 3, 0, 0, 0), Int32Array.of(2, 0), d, 2, 3, 0.5);
    const p = [0.09003057317038046, 0.24472847105479764, 0.6652409557748219];
    expect(r.lossSum).toBeCloseTo(-Math.log(p[2]) + Math.log(3), 12);
    expect(r.correct).toBe(2); // row 2 is a three-way tie: the argmax is the first class, the target.
    close(d, [p[0] / 2, p[1] / 2, (p[2] - 1) / 2, 1 / 6, 1 / 6, 1 / 6].map((v, i) => (i === 3 ? v - 0.5 : v)));
  });

  it('squared error and its gradient', () => {
    const d = new Float64Array(2);
    expect(k.squaredError(f64(1, 4), f64(3, 3), d, 2, 0.5)).toBe(5);
    close(d, [-2, 1]);
  });

  it('softmax backward is y ⊙ (dy − ⟨dy, y⟩)', () => {
    const y = f64(0.2, 0.3, 0.5);
    const dx = new Float64Array(3);
    k.softmaxBackward(y, f64(1, 0, 0), dx, 1, 3);
    close(dx, [0.2 * 0.8, -0.3 * 0.2, -0.5 * 0.2]);
  });
});

describe('elementwise and channel layout', () => {
  it('multiplies, adds, concatenates and slices channels', () => {
    const out = new Float64Array(3);
    k.multiply(f64(1, 2, 3), f64(4, 5, 6), out, 3);
    close(out, [4, 10, 18]);
    k.addInto(out, f64(1, 1, 1), 3);
    close(out, [5, 11, 19]);
    // Two rows: a has 1 channel, b has 2 → out rows [a, b0, b1].
    const cat = new Float64Array(6);
    k.copyColumns(f64(1, 2), cat, 2, 1, 3, 0);
    k.copyColumns(f64(10, 11, 20, 21), cat, 2, 2, 3, 1);
    close(cat, [1, 10, 11, 2, 20, 21]);
    const back = new Float64Array(4);
    k.sliceColumns(cat, back, 2, 2, 3, 1);
    close(back, [10, 11, 20, 21]);
  });
});

describe('branch-free relu and leakyrelu are exact', () => {
  it('give exactly max(v, 0) and v or α·v on random values', () => {
    const rng = new Rng(12);
    const x = Float64Array.from({ length: 1000 }, () => rng.normal() * 10 ** rng.int(6));
    const y = new Float64Array(1000);
    k.activationForward('relu', x, y, 1000, 0);
    expect(Array.from(y)).toEqual(Array.from(x, (v) => (v > 0 ? v : 0)));
    k.activationForward('leakyrelu', x, y, 1000, 0.1);
    expect(Array.from(y)).toEqual(Array.from(x, (v) => (v > 0 ? v : 0.1 * v)));
    const dy = Float64Array.from({ length: 1000 }, () => rng.normal());
    k.activationBackward({ kind: 'leakyrelu', x, y, dy, dx: y, n: 1000, alpha: 0.3 });
    expect(Array.from(y)).toEqual(Array.from(x, (v, i) => (v > 0 ? dy[i] : 0.3 * dy[i])));
  });
});
