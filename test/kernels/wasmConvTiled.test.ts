/**
 * The tiled conv kernels (engine/kernels/wasm/assembly/convTiled.ts: receptive fields gathered a tile of output rows
 * at a time, no im2col matrix) and the im2col-matrix paths they replace, against the TypeScript reference at 1e-4
 * relative, on every backend variant of wasmVariants.ts and several tile sizes: tiles of MR = 5 or 4 rows (the least,
 * whatever the patch: every case's patch is larger than such a tile's byte budget), tiles of a few rows that do not
 * divide a sample's pixels (so tiles straddle samples and a thread's share ends inside a tile), and the default
 * tile. Sizes are odd, strides 1–3, with padding, dilation, batch 1 and 7. A tile boundary off by one row would
 * gather, multiply or scatter a row twice or not at all, which these comparisons see.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend, ConvGeometry } from '../../engine/kernels/backend';
import { cpuBackend as ref } from '../../engine/kernels/cpu';
import { createBackend, type SelectedBackend } from '../../engine/kernels/select';
import type { SplitPolicy } from '../../engine/kernels/wasm/backend';
import { Rng } from '../../engine/random/rng';
import { expectClose, place, random, variants } from './wasmVariants';

interface Config {
  readonly label: string;
  readonly split: Partial<SplitPolicy>;
}
const configs: Config[] = [
  { label: 'tiled, MR-row tiles', split: { conv: 'tiled', tileBytes: 1 } },
  { label: 'tiled, ~3 KB tiles', split: { conv: 'tiled', tileBytes: 3000 } },
  { label: 'tiled, default tiles', split: { conv: 'tiled' } },
  { label: 'im2col matrix by samples', split: { conv: 'batch', filter: 'batch' } },
  { label: 'im2col matrix, GEMM split', split: { conv: 'gemm', filter: 'rows' } },
];
const cases = variants.flatMap((v) => configs.map((c) => ({ label: `${v.label}, ${c.label}`, v, c, selected: null as SelectedBackend | null })));

beforeAll(async () => {
  for (const c of cases) {
    const threaded = c.v.everyOpThreaded ? { parallelFlops: 0, parallelElements: 0 } : {};
    c.selected = await createBackend({ threads: c.v.threads, plainSimd: c.v.plainSimd, split: { ...threaded, ...c.c.split } });
  }
});
afterAll(async () => {
  for (const c of cases) await c.selected?.dispose();
});

function geometry(p: Partial<ConvGeometry> & { batch: number; inH: number; inW: number; inC: number; outC: number; kernelH: number; kernelW: number }, padBottom = 0, padRight = 0): ConvGeometry {
  const g = { strideH: 1, strideW: 1, dilationH: 1, dilationW: 1, padTop: 0, padLeft: 0, ...p };
  const outH = Math.floor((g.inH + g.padTop + padBottom - g.dilationH * (g.kernelH - 1) - 1) / g.strideH) + 1;
  const outW = Math.floor((g.inW + g.padLeft + padRight - g.dilationW * (g.kernelW - 1) - 1) / g.strideW) + 1;
  return { ...g, outH, outW };
}

const convCases: [string, ConvGeometry][] = [
  ['3×3 pad 1, batch 7, 5→13 channels (35 pixels a sample)', geometry({ batch: 7, inH: 5, inW: 7, inC: 5, outC: 13, kernelH: 3, kernelW: 3, padTop: 1, padLeft: 1 }, 1, 1)],
  ['5×5 no pad, batch 1', geometry({ batch: 1, inH: 12, inW: 10, inC: 3, outC: 6, kernelH: 5, kernelW: 5 })],
  ['3×2 stride 2×3, pad 2/1, batch 7', geometry({ batch: 7, inH: 13, inW: 14, inC: 4, outC: 9, kernelH: 3, kernelW: 2, strideH: 2, strideW: 3, padTop: 2, padLeft: 1 }, 1, 0)],
  ['3×3 dilation 2, stride 3, batch 7', geometry({ batch: 7, inH: 15, inW: 16, inC: 3, outC: 10, kernelH: 3, kernelW: 3, strideH: 3, strideW: 3, dilationH: 2, dilationW: 2, padTop: 1, padLeft: 2 }, 1, 2)],
  ['1×1 stride 2 (gathered, not pointwise), batch 7', geometry({ batch: 7, inH: 7, inW: 7, inC: 6, outC: 5, kernelH: 1, kernelW: 1, strideH: 2, strideW: 2 })],
  ['1×1 pointwise, batch 7', geometry({ batch: 7, inH: 6, inW: 5, inC: 11, outC: 17, kernelH: 1, kernelW: 1 })],
  ['3×3 pad 1, 33→19 channels, batch 7 (patch 297: past KC = 256)', geometry({ batch: 7, inH: 9, inW: 6, inC: 33, outC: 19, kernelH: 3, kernelW: 3, padTop: 1, padLeft: 1 }, 1, 1)],
  ['W3 conv2 shape, batch 3 (3×3 pad 1, 32→32 on 32×32)', geometry({ batch: 3, inH: 32, inW: 32, inC: 32, outC: 32, kernelH: 3, kernelW: 3, padTop: 1, padLeft: 1 }, 1, 1)],
];

describe.each(cases)('conv2d ($label)', (c) => {
  const b = (): Backend => c.selected!.backend;

  it('gathers its own fields exactly when the policy is tiled', () => {
    expect(b().convGathersFields).toBe(c.c.split.conv === 'tiled');
  });

  describe.each(convCases)('%s', (_label, g) => {
    it('forward, input gradient and filter gradient (overwrite and accumulate)', () => {
      const rng = new Rng(g.inH * 131 + g.outC * 7 + g.batch);
      const inSize = g.batch * g.inH * g.inW * g.inC;
      const rows = g.batch * g.outH * g.outW;
      const patch = g.kernelH * g.kernelW * g.inC;
      const K = g.outC;
      const x = random(inSize, rng), w = random(patch * K, rng), bias = random(K, rng), dy = random(rows * K, rng);
      const colRef = new Float32Array(rows * patch);
      const yRef = new Float32Array(rows * K);
      ref.conv2dForward({ x, weight: w, bias, y: yRef, col: colRef }, g);
      const dxRef = new Float32Array(inSize);
      ref.conv2dBackwardInput({ dy, weight: w, dx: dxRef, dcol: new Float32Array(rows * patch) }, g);

      const gathers = b().convGathersFields === true;
      const xs = place(b(), x, true), ws = place(b(), w, true), dys = place(b(), dy, true);
      const col = gathers ? null : place(b(), new Float32Array(rows * patch), true);
      const y = place(b(), new Float32Array(rows * K).fill(5), true); // overwritten, not added to
      b().conv2dForward({ x: xs, weight: ws, bias: place(b(), bias, true), y, col }, g);
      expectClose(y, yRef, 'y');

      const dx = place(b(), new Float32Array(inSize).fill(7), true);
      b().conv2dBackwardInput({ dy: dys, weight: ws, dx, dcol: gathers ? null : place(b(), new Float32Array(rows * patch), true) }, g);
      expectClose(dx, dxRef, 'dx');

      for (const accumulate of [false, true]) {
        const start = random(patch * K, rng), startB = random(K, rng);
        const dwRef = start.slice(), dbRef = startB.slice();
        ref.conv2dBackwardFilter({ dy, x, col: colRef, dweight: dwRef, dbias: dbRef }, g, accumulate);
        const dw = place(b(), start, true), db = place(b(), startB, true);
        b().conv2dBackwardFilter({ dy: dys, x: xs, col, dweight: dw, dbias: db }, g, accumulate);
        expectClose(dw, dwRef, `dw (accumulate ${accumulate})`);
        expectClose(db, dbRef, `db (accumulate ${accumulate})`);
      }
    });
  });

  it('works on ordinary arrays too (staged through the heap)', () => {
    const g = convCases[2][1];
    const rng = new Rng(5);
    const inSize = g.batch * g.inH * g.inW * g.inC, rows = g.batch * g.outH * g.outW, patch = g.kernelH * g.kernelW * g.inC;
    const x = random(inSize, rng), w = random(patch * g.outC, rng), dy = random(rows * g.outC, rng);
    const colRef = new Float32Array(rows * patch), yRef = new Float32Array(rows * g.outC);
    ref.conv2dForward({ x, weight: w, bias: null, y: yRef, col: colRef }, g);
    const gathers = b().convGathersFields === true;
    const col = gathers ? null : new Float32Array(rows * patch);
    const y = new Float32Array(rows * g.outC);
    b().conv2dForward({ x, weight: w, bias: null, y, col }, g);
    expectClose(y, yRef, 'y');
    const dwRef = new Float32Array(patch * g.outC), dw = new Float32Array(patch * g.outC);
    ref.conv2dBackwardFilter({ dy, x, col: colRef, dweight: dwRef, dbias: null }, g, false);
    b().conv2dBackwardFilter({ dy, x, col, dweight: dw, dbias: null }, g, false);
    expectClose(dw, dwRef, 'dw');
  });
});
