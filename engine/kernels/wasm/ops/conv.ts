/**
 * Convolution on the WASM kernels: forward and both backward passes, tiled (receptive fields gathered a tile at a
 * time, no im2col matrix: the default) or through the layer's im2col matrix (im2col + GEMM per sample share), a 1×1
 * conv straight from x either way; and im2col for a backward that redoes it. How each splits between threads and
 * why tiled is the default: split.ts.
 */
import type { Backend, ConvGeometry } from '../../backend';
import { cpuBackend } from '../../cpu';
import { f32, type WasmContext } from '../context';
import { gemm, gemmFilter } from '../gemm';

/** A 1×1, stride-1, unpadded, undilated conv: its im2col matrix is x itself. */
const isPointwise = (g: ConvGeometry) =>
  g.kernelH === 1 && g.kernelW === 1 && g.strideH === 1 && g.strideW === 1 && g.dilationH === 1 && g.dilationW === 1 &&
  g.padTop === 0 && g.padLeft === 0 && g.outH === g.inH && g.outW === g.inW;
const sizes = (g: ConvGeometry) => {
  const pixels = g.outH * g.outW;
  const patch = g.kernelH * g.kernelW * g.inC;
  return { pixels, patch, rows: g.batch * pixels, inSize: g.inH * g.inW * g.inC, flops: 2 * g.batch * pixels * patch * g.outC };
};

export function convOps(c: WasmContext): Partial<Backend> {
  const { k, stage, threads, packs, geoAt } = c;
  /** Output rows per tile: the scratch within tileBytes, in whole MR-row blocks of the GEMM, at least one block. */
  const tileRows = (patch: number) => Math.max(c.mr, Math.floor(c.policy.tileBytes / (4 * patch) / c.mr) * c.mr);
  /** The tiled kernels run when the policy says so, or when the caller gave no im2col matrix. */
  const tiledFor = (col: unknown) => c.policy.conv === 'tiled' || !col;
  /** Wᵀ for the tiled input gradient (assembly transposeWeight), one block grown on demand. */
  let transposed = { at: 0, floats: 0 };
  const transposedAt = (floats: number) => {
    if (transposed.floats < floats) transposed = { at: c.heap.alloc(floats * 4), floats };
    return transposed.at;
  };
  return {
    conv2dForward(args, g) {
      const { x, weight: w, bias, y, col } = args;
      if (!f32(x) || !f32(w) || !f32(y) || (col && !f32(col)) || (bias && !f32(bias))) return cpuBackend.conv2dForward(args, g);
      const { rows, patch, inSize, flops } = sizes(g);
      const K = g.outC;
      stage.begin();
      const px = stage.input(x, g.batch * inSize), pw = stage.input(w, patch * K);
      const pb = bias ? stage.input(bias, K) : 0;
      const py = stage.output(y, rows * K, false);
      if (isPointwise(g)) {
        // 1×1: y = x·W straight from the NHWC input (no im2col); the filter gradient reads x too.
        gemm(c, px, patch, 1, pw, K, 1, py, rows, K, patch, false);
        if (pb) k.addBias(py, pb, 0, rows, K);
      } else if (tiledFor(col)) {
        c.writeConvGeometry(g);
        const tile = tileRows(patch);
        const shares = c.rowShares(rows, flops);
        for (let t = 0; t < shares; t++) c.put(t, px, pw, pb, py, geoAt, c.lo[t], c.hi[t], c.tileAt(t, tile * patch * 4), tile, packs[t]);
        c.dispatch('convForwardTiled', shares);
      } else {
        const pc = stage.output(col!, rows * patch, false);
        c.writeConvGeometry(g);
        const shares = c.sampleShares(g.batch, flops);
        if (c.policy.conv === 'gemm' && shares > 1) {
          c.runShares('im2colRange', shares, px, pc, geoAt);
          gemm(c, pc, patch, 1, pw, K, 1, py, rows, K, patch, false);
          if (pb) {
            const parts = c.split(rows, 1);
            for (let t = 0; t < parts; t++) c.put(t, py, pb, c.lo[t], c.hi[t], K);
            c.dispatch('addBias', parts);
          }
        } else {
          for (let t = 0; t < shares; t++) c.put(t, px, pw, pb, py, pc, geoAt, c.lo[t], c.hi[t], packs[t]);
          c.dispatch('convForwardRange', shares);
        }
      }
      stage.end();
    },
    conv2dBackwardInput(args, g) {
      const { dy, weight: w, dx, dcol } = args;
      if (!f32(dy) || !f32(w) || !f32(dx) || (dcol && !f32(dcol))) return cpuBackend.conv2dBackwardInput(args, g);
      const { rows, patch, inSize, flops } = sizes(g);
      const K = g.outC;
      stage.begin();
      const pdy = stage.input(dy, rows * K), pw = stage.input(w, patch * K), pdx = stage.output(dx, g.batch * inSize, false);
      if (isPointwise(g)) {
        gemm(c, pdy, K, 1, pw, 1, K, pdx, rows, patch, K, false);
      } else if (tiledFor(dcol)) {
        c.writeConvGeometry(g);
        const tile = tileRows(patch);
        const pwt = transposedAt(patch * K);
        k.transposeWeight(pw, pwt, patch, K);
        const shares = c.sampleShares(g.batch, flops);
        for (let t = 0; t < shares; t++) c.put(t, pdy, pwt, pdx, geoAt, c.lo[t], c.hi[t], c.tileAt(t, tile * patch * 4), tile, packs[t]);
        c.dispatch('convBackwardInputTiled', shares);
      } else {
        const pdc = stage.output(dcol!, rows * patch, false);
        c.writeConvGeometry(g);
        const shares = c.sampleShares(g.batch, flops);
        if (c.policy.conv === 'gemm' && shares > 1) {
          gemm(c, pdy, K, 1, pw, 1, K, pdc, rows, patch, K, false);
          c.sampleShares(g.batch, flops); // the GEMM's split overwrote the ranges
          c.runShares('col2imRange', shares, pdc, pdx, geoAt);
        } else {
          for (let t = 0; t < shares; t++) c.put(t, pdy, pw, pdx, pdc, geoAt, c.lo[t], c.hi[t], packs[t]);
          c.dispatch('convBackwardInputRange', shares);
        }
      }
      stage.end();
    },
    conv2dBackwardFilter(args, g, accumulate) {
      const { dy, x, col, dweight: dw, dbias: db } = args;
      if (!f32(dy) || !f32(x) || (col && !f32(col)) || !f32(dw) || (db && !f32(db))) return cpuBackend.conv2dBackwardFilter(args, g, accumulate);
      const { rows, patch, inSize } = sizes(g);
      const K = g.outC;
      const pointwise = isPointwise(g);
      const tiled = !pointwise && tiledFor(col);
      stage.begin();
      // A 1×1 conv's receptive fields are x itself; the tiled kernel gathers them from x.
      const pcol = pointwise || tiled ? stage.input(x, g.batch * inSize) : stage.input(col!, rows * patch);
      const pdy = stage.input(dy, rows * K);
      const pdw = stage.output(dw, patch * K, accumulate);
      const pdb = db ? stage.output(db, K, accumulate) : 0;
      const work = 2 * patch * K * rows;
      const parallel = threads > 1 && work >= c.policy.parallelFlops;
      if (tiled || (parallel && c.policy.filter === 'batch' && rows >= threads)) {
        // Each thread's share of the rows (samples' pixels) into its own partial; thread 0 straight into dW.
        const size = patch * K + K;
        const shares = tiled ? c.rowShares(rows, work) : c.split(rows, 1);
        const tile = tileRows(patch);
        if (tiled) c.writeConvGeometry(g);
        for (let t = 0; t < shares; t++) {
          const first = t === 0;
          const outW = first ? pdw : c.partialAt(t, size);
          const outB = !pdb ? 0 : first ? pdb : outW + patch * K * 4;
          const acc = first && accumulate ? 1 : 0;
          if (tiled) c.put(t, pcol, pdy, outW, outB, geoAt, c.lo[t], c.hi[t], acc, c.tileAt(t, tile * patch * 4), tile, packs[t]);
          else c.put(t, pcol, pdy, outW, outB, patch, K, c.lo[t], c.hi[t], acc, packs[t]);
        }
        c.dispatch(tiled ? 'convFilterTiled' : 'convFilterRange', shares);
        for (let t = 1; t < shares; t++) {
          k.addInto(pdw, c.partialAt(t, size), 0, patch * K);
          if (pdb) k.addInto(pdb, c.partialAt(t, size) + patch * K * 4, 0, K);
        }
      } else {
        gemmFilter(c, pcol, pdy, pdw, patch, K, rows, accumulate);
        if (pdb) k.sumRows(pdy, pdb, rows, K, 0, K, accumulate ? 1 : 0);
      }
      stage.end();
    },
    im2col(x, col, g) {
      if (!f32(x) || !f32(col)) return cpuBackend.im2col(x, col, g);
      const { rows, patch, inSize } = sizes(g);
      stage.begin();
      const px = stage.input(x, g.batch * inSize), pc = stage.output(col, rows * patch, false);
      c.writeConvGeometry(g);
      c.runShares('im2colRange', c.sampleShares(g.batch, rows * patch * 8), px, pc, geoAt);
      stage.end();
    },
  };
}
