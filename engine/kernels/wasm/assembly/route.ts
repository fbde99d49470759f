// The max gates that record a winner: maxout (the max over each unit's pieces) and global max pooling (the max over
// each channel's pixels), the formulas of engine/kernels/cpu/activation.ts and pool.ts; ties go to the first. Their
// backwards route dy to the recorded winner, zero elsewhere. Every call works on rows (maxout) or samples (global
// max pooling) [r0, r1), whose outputs and gradients no other range touches.

/** y[r,u] = max_j z[r, u·pieces + j]; argmax gets the winning column (an index into z). */
export function maxoutForward(z: usize, y: usize, argmax: usize, units: i32, pieces: i32, r0: i32, r1: i32): void {
  for (let o = r0 * units, end = r1 * units; o < end; o++) {
    let best = o * pieces;
    let v = load<f32>(z + (<usize>best << 2));
    for (let j = 1, i = best + 1; j < pieces; j++, i++) {
      const w = load<f32>(z + (<usize>i << 2));
      if (w > v) { v = w; best = i; }
    }
    store<f32>(y + (<usize>o << 2), v);
    store<i32>(argmax + (<usize>o << 2), best);
  }
}

export function maxoutBackward(dy: usize, argmax: usize, dz: usize, units: i32, pieces: i32, r0: i32, r1: i32): void {
  memory.fill(dz + (<usize>(r0 * units * pieces) << 2), 0, <usize>((r1 - r0) * units * pieces) << 2);
  for (let o = r0 * units, end = r1 * units; o < end; o++) {
    store<f32>(dz + (<usize>load<i32>(argmax + (<usize>o << 2)) << 2), load<f32>(dy + (<usize>o << 2)));
  }
}

/** y[n,c] = max over the pixels of x[n,·,c]; argmax gets the winning input index. */
export function globalMaxPoolForward(x: usize, y: usize, argmax: usize, pixels: i32, channels: i32, s0: i32, s1: i32): void {
  for (let n = s0; n < s1; n++) {
    const o = n * channels, image = n * pixels * channels;
    for (let c = 0; c < channels; c++) {
      store<f32>(y + (<usize>(o + c) << 2), load<f32>(x + (<usize>(image + c) << 2)));
      store<i32>(argmax + (<usize>(o + c) << 2), image + c);
    }
    for (let p = 1, i = image + channels; p < pixels; p++) {
      for (let c = 0; c < channels; c++, i++) {
        const v = load<f32>(x + (<usize>i << 2));
        const yo = y + (<usize>(o + c) << 2);
        if (v > load<f32>(yo)) {
          store<f32>(yo, v);
          store<i32>(argmax + (<usize>(o + c) << 2), i);
        }
      }
    }
  }
}

export function globalMaxPoolBackward(dy: usize, argmax: usize, dx: usize, pixels: i32, channels: i32, s0: i32, s1: i32): void {
  memory.fill(dx + (<usize>(s0 * pixels * channels) << 2), 0, <usize>((s1 - s0) * pixels * channels) << 2);
  for (let o = s0 * channels, end = s1 * channels; o < end; o++) {
    store<f32>(dx + (<usize>load<i32>(argmax + (<usize>o << 2)) << 2), load<f32>(dy + (<usize>o << 2)));
  }
}
