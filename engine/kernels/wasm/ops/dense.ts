/**
 * Dense products (the three GEMM forms), bias and bias gradient on the WASM kernels.
 */
import type { Backend } from '../../backend';
import { cpuBackend } from '../../cpu';
import { f32, type WasmContext } from '../context';
import { gemm } from '../gemm';

export function denseOps(c: WasmContext): Partial<Backend> {
  const { k, stage } = c;
  return {
    matmul(a, b, out, m, kk, n, accumulate) {
      if (!f32(a) || !f32(b) || !f32(out)) return cpuBackend.matmul(a, b, out, m, kk, n, accumulate);
      stage.begin();
      const pa = stage.input(a, m * kk), pb = stage.input(b, kk * n), pc = stage.output(out, m * n, accumulate);
      gemm(c, pa, kk, 1, pb, n, 1, pc, m, n, kk, accumulate);
      stage.end();
    },
    matmulTransB(a, b, out, m, kk, n, accumulate) {
      if (!f32(a) || !f32(b) || !f32(out)) return cpuBackend.matmulTransB(a, b, out, m, kk, n, accumulate);
      stage.begin();
      const pa = stage.input(a, m * kk), pb = stage.input(b, n * kk), pc = stage.output(out, m * n, accumulate);
      gemm(c, pa, kk, 1, pb, 1, kk, pc, m, n, kk, accumulate);
      stage.end();
    },
    matmulTransA(a, b, out, m, kk, n, accumulate) {
      if (!f32(a) || !f32(b) || !f32(out)) return cpuBackend.matmulTransA(a, b, out, m, kk, n, accumulate);
      stage.begin();
      const pa = stage.input(a, kk * m), pb = stage.input(b, kk * n), pc = stage.output(out, m * n, accumulate);
      gemm(c, pa, 1, m, pb, n, 1, pc, m, n, kk, accumulate);
      stage.end();
    },
    addBias(y, bias, rows, cols) {
      if (!f32(y) || !f32(bias)) return cpuBackend.addBias(y, bias, rows, cols);
      stage.begin();
      const pb = stage.input(bias, cols), py = stage.output(y, rows * cols, true);
      k.addBias(py, pb, 0, rows, cols);
      stage.end();
    },
    sumRows(x, out, rows, cols) {
      if (!f32(x) || !f32(out)) return cpuBackend.sumRows(x, out, rows, cols);
      stage.begin();
      const px = stage.input(x, rows * cols), po = stage.output(out, cols, false);
      k.sumRows(px, po, rows, cols, 0, cols, 0);
      stage.end();
    },
  };
}
