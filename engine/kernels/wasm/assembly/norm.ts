// Batch normalisation over the last axis (rows × C, NHWC images seen as N·H·W rows), the formulas of
// engine/kernels/cpu/normalization.ts. Every kernel takes a range of channels [c0, c1): threads split the channels,
// so each owns its statistics and no partial sums need adding up. Rows are the outer loop (each row is read once,
// contiguously) and the per-channel sums sit in a float64 scratch array `acc` (3 × C doubles, indexed by channel,
// so threads with disjoint channel ranges share it; ACC_DOUBLES_PER_CHANNEL in the JS side): float64 as the TypeScript kernel sums, since a float32 sum
// over 32 768 rows (W3-sized images) drifts by ~1e-5 relative.

@inline function addRow(acc: usize, row: usize, c0: i32, c1: i32): void {
  let c = c0;
  for (; c + 4 <= c1; c += 4) {
    const v = v128.load(row + (<usize>c << 2));
    const a = acc + (<usize>c << 3);
    v128.store(a, f64x2.add(v128.load(a), f64x2.promote_low_f32x4(v)));
    v128.store(a, f64x2.add(v128.load(a, 16), f64x2.promote_low_f32x4(v128.shuffle<i32>(v, v, 2, 3, 2, 3))), 16);
  }
  for (; c < c1; c++) {
    const a = acc + (<usize>c << 3);
    store<f64>(a, load<f64>(a) + <f64>load<f32>(row + (<usize>c << 2)));
  }
}

/**
 * Training forward for channels [c0, c1): batch mean and (biased) variance, invStd = 1/√(var + ε), the running
 * statistics (momentum·running + (1 − momentum)·batch, the variance unbiased), then xhat and y = γ·xhat + β.
 */
export function batchNormTrainForward(
  x: usize, gamma: usize, beta: usize, y: usize, xhat: usize, invStd: usize, runMean: usize, runVar: usize,
  rows: i32, C: i32, epsilon: f64, momentum: f64, acc: usize, c0: i32, c1: i32,
): void {
  const rowBytes = <usize>C << 2;
  const sum = acc, sq = acc + (<usize>C << 3), mean32 = acc + (<usize>C << 4);
  for (let c = c0; c < c1; c++) {
    store<f64>(sum + (<usize>c << 3), 0);
    store<f64>(sq + (<usize>c << 3), 0);
  }
  let row = x;
  for (let r = 0; r < rows; r++, row += rowBytes) addRow(sum, row, c0, c1);
  for (let c = c0; c < c1; c++) store<f64>(sum + (<usize>c << 3), load<f64>(sum + (<usize>c << 3)) / <f64>rows);
  // Σ (x − mean)², two passes as the reference (no cancellation of E[x²] − mean²).
  row = x;
  for (let r = 0; r < rows; r++, row += rowBytes) {
    for (let c = c0; c < c1; c++) {
      const d = <f64>load<f32>(row + (<usize>c << 2)) - load<f64>(sum + (<usize>c << 3));
      const a = sq + (<usize>c << 3);
      store<f64>(a, load<f64>(a) + d * d);
    }
  }
  const unbias: f64 = rows > 1 ? <f64>rows / <f64>(rows - 1) : 1;
  for (let c = c0; c < c1; c++) {
    const o = <usize>c << 2;
    const mean = load<f64>(sum + (<usize>c << 3));
    const v = load<f64>(sq + (<usize>c << 3)) / <f64>rows;
    store<f32>(invStd + o, <f32>(1 / Math.sqrt(v + epsilon)));
    store<f32>(runMean + o, <f32>(momentum * <f64>load<f32>(runMean + o) + (1 - momentum) * mean));
    store<f32>(runVar + o, <f32>(momentum * <f64>load<f32>(runVar + o) + (1 - momentum) * v * unbias));
    store<f32>(mean32 + o, <f32>mean);
  }
  normalize(x, gamma, beta, y, xhat, mean32, invStd, rows, C, c0, c1);
}

/** xhat = (x − mean)·invStd and y = γ·xhat + β for channels [c0, c1) (mean as float32 at `mean`). */
function normalize(
  x: usize, gamma: usize, beta: usize, y: usize, xhat: usize, mean: usize, invStd: usize, rows: i32, C: i32, c0: i32, c1: i32,
): void {
  const rowBytes = <usize>C << 2;
  let off: usize = 0;
  for (let r = 0; r < rows; r++, off += rowBytes) {
    let c = c0;
    for (; c + 4 <= c1; c += 4) {
      const o = <usize>c << 2;
      const h = f32x4.mul(f32x4.sub(v128.load(x + off + o), v128.load(mean + o)), v128.load(invStd + o));
      v128.store(xhat + off + o, h);
      v128.store(y + off + o, f32x4.add(f32x4.mul(v128.load(gamma + o), h), v128.load(beta + o)));
    }
    for (; c < c1; c++) {
      const o = <usize>c << 2;
      const h = (load<f32>(x + off + o) - load<f32>(mean + o)) * load<f32>(invStd + o);
      store<f32>(xhat + off + o, h);
      store<f32>(y + off + o, load<f32>(gamma + o) * h + load<f32>(beta + o));
    }
  }
}

/**
 * y = x·scale + shift with scale = γ/√(running var + ε), shift = β − running mean·scale, for channels [c0, c1).
 * `acc` holds 2 × C floats of scratch (scale, shift).
 */
export function batchNormEvalForward(
  x: usize, gamma: usize, beta: usize, runMean: usize, runVar: usize, y: usize, rows: i32, C: i32, epsilon: f64,
  acc: usize, c0: i32, c1: i32,
): void {
  const scale = acc, shift = acc + (<usize>C << 2);
  for (let c = c0; c < c1; c++) {
    const o = <usize>c << 2;
    const s = <f64>load<f32>(gamma + o) / Math.sqrt(<f64>load<f32>(runVar + o) + epsilon);
    store<f32>(scale + o, <f32>s);
    store<f32>(shift + o, <f32>(<f64>load<f32>(beta + o) - <f64>load<f32>(runMean + o) * s));
  }
  affine(x, scale, shift, y, rows, C, c0, c1);
}

/** y = x·scale + shift per channel, channels [c0, c1). */
function affine(x: usize, scale: usize, shift: usize, y: usize, rows: i32, C: i32, c0: i32, c1: i32): void {
  const rowBytes = <usize>C << 2;
  let off: usize = 0;
  for (let r = 0; r < rows; r++, off += rowBytes) {
    let c = c0;
    for (; c + 4 <= c1; c += 4) {
      const o = <usize>c << 2;
      v128.store(y + off + o, f32x4.add(f32x4.mul(v128.load(x + off + o), v128.load(scale + o)), v128.load(shift + o)));
    }
    for (; c < c1; c++) {
      const o = <usize>c << 2;
      store<f32>(y + off + o, load<f32>(x + off + o) * load<f32>(scale + o) + load<f32>(shift + o));
    }
  }
}

/**
 * Backward through the batch statistics for channels [c0, c1): dβ = Σ dy, dγ = Σ dy·xhat (float64 sums, stored
 * float32), then dx = γ·invStd/R · (R·dy − dβ − xhat·dγ), computed in float64 as the reference does (R·dy and
 * dβ + xhat·dγ nearly cancel).
 */
export function batchNormBackward(
  dy: usize, xhat: usize, gamma: usize, invStd: usize, dx: usize, dgamma: usize, dbeta: usize, rows: i32, C: i32,
  acc: usize, c0: i32, c1: i32,
): void {
  const rowBytes = <usize>C << 2;
  const sb = acc, sg = acc + (<usize>C << 3);
  for (let c = c0; c < c1; c++) {
    store<f64>(sb + (<usize>c << 3), 0);
    store<f64>(sg + (<usize>c << 3), 0);
  }
  let off: usize = 0;
  for (let r = 0; r < rows; r++, off += rowBytes) {
    let c = c0;
    for (; c + 4 <= c1; c += 4) {
      const o = <usize>c << 2;
      const g = v128.load(dy + off + o);
      const gh = f32x4.mul(g, v128.load(xhat + off + o));
      const b = sb + (<usize>c << 3), q = sg + (<usize>c << 3);
      v128.store(b, f64x2.add(v128.load(b), f64x2.promote_low_f32x4(g)));
      v128.store(b, f64x2.add(v128.load(b, 16), f64x2.promote_low_f32x4(v128.shuffle<i32>(g, g, 2, 3, 2, 3))), 16);
      v128.store(q, f64x2.add(v128.load(q), f64x2.promote_low_f32x4(gh)));
      v128.store(q, f64x2.add(v128.load(q, 16), f64x2.promote_low_f32x4(v128.shuffle<i32>(gh, gh, 2, 3, 2, 3))), 16);
    }
    for (; c < c1; c++) {
      const o = <usize>c << 2;
      const g = load<f32>(dy + off + o);
      const b = sb + (<usize>c << 3), q = sg + (<usize>c << 3);
      store<f64>(b, load<f64>(b) + <f64>g);
      store<f64>(q, load<f64>(q) + <f64>(g * load<f32>(xhat + off + o)));
    }
  }
  const R = <f64>rows;
  for (let c = c0; c < c1; c++) {
    const o = <usize>c << 2;
    store<f32>(dbeta + o, <f32>load<f64>(sb + (<usize>c << 3)));
    store<f32>(dgamma + o, <f32>load<f64>(sg + (<usize>c << 3)));
    // k = γ·invStd/R in the first C doubles (their sums are stored above).
    store<f64>(sb + (<usize>c << 3), (<f64>load<f32>(gamma + o) * <f64>load<f32>(invStd + o)) / R);
  }
  const rv = f64x2.splat(R);
  off = 0;
  for (let r = 0; r < rows; r++, off += rowBytes) {
    let c = c0;
    for (; c + 2 <= c1; c += 2) {
      // Two channels at a time in float64.
      const o = <usize>c << 2;
      const g = f64x2.promote_low_f32x4(v128.load64_zero(dy + off + o));
      const h = f64x2.promote_low_f32x4(v128.load64_zero(xhat + off + o));
      const db = f64x2.promote_low_f32x4(v128.load64_zero(dbeta + o));
      const dg = f64x2.promote_low_f32x4(v128.load64_zero(dgamma + o));
      const k = v128.load(sb + (<usize>c << 3));
      const v = f64x2.mul(k, f64x2.sub(f64x2.sub(f64x2.mul(rv, g), db), f64x2.mul(h, dg)));
      v128.store64_lane(dx + off + o, f32x4.demote_f64x2_zero(v), 0);
    }
    for (; c < c1; c++) {
      const o = <usize>c << 2;
      const v = load<f64>(sb + (<usize>c << 3)) *
        (R * <f64>load<f32>(dy + off + o) - <f64>load<f32>(dbeta + o) - <f64>load<f32>(xhat + off + o) * <f64>load<f32>(dgamma + o));
      store<f32>(dx + off + o, <f32>v);
    }
  }
}

/**
 * Backward of the eval form for channels [c0, c1): inv = 1/√(running var + ε); dx = dy·γ·inv;
 * dβ = Σ dy; dγ = Σ dy·(x − running mean)·inv (float64 sums in `acc`).
 */
export function batchNormEvalBackward(
  dy: usize, x: usize, gamma: usize, runMean: usize, runVar: usize, dx: usize, dgamma: usize, dbeta: usize,
  rows: i32, C: i32, epsilon: f64, acc: usize, c0: i32, c1: i32,
): void {
  const rowBytes = <usize>C << 2;
  const sb = acc, sg = acc + (<usize>C << 3), invs = acc + (<usize>C << 4);
  for (let c = c0; c < c1; c++) {
    store<f64>(sb + (<usize>c << 3), 0);
    store<f64>(sg + (<usize>c << 3), 0);
    store<f64>(invs + (<usize>c << 3), 1 / Math.sqrt(<f64>load<f32>(runVar + (<usize>c << 2)) + epsilon));
  }
  let off: usize = 0;
  for (let r = 0; r < rows; r++, off += rowBytes) {
    for (let c = c0; c < c1; c++) {
      const o = <usize>c << 2;
      const inv = load<f64>(invs + (<usize>c << 3));
      const g = <f64>load<f32>(dy + off + o);
      const b = sb + (<usize>c << 3), q = sg + (<usize>c << 3);
      store<f64>(b, load<f64>(b) + g);
      store<f64>(q, load<f64>(q) + g * (<f64>load<f32>(x + off + o) - <f64>load<f32>(runMean + o)) * inv);
      store<f32>(dx + off + o, <f32>(g * <f64>load<f32>(gamma + o) * inv));
    }
  }
  for (let c = c0; c < c1; c++) {
    const o = <usize>c << 2;
    store<f32>(dbeta + o, <f32>load<f64>(sb + (<usize>c << 3)));
    store<f32>(dgamma + o, <f32>load<f64>(sg + (<usize>c << 3)));
  }
}
