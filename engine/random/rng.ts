/**
 * A small seeded random number generator (sfc32 seeded through splitmix32), so that the same seed, data and thread
 * count give the identical loss curve. Math.random is never used by the engine.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spareNormal: number | null = null;

  constructor(seed: number) {
    // splitmix32 spreads even a small seed (0, 1, 2…) over all four words of state.
    let s = seed >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** Uniform integer in [0, 2³²). */
  nextUint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** Uniform in [0, 1). */
  uniform(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** Standard normal (Box–Muller; the second value of each pair is kept for the next call). */
  normal(): number {
    if (this.spareNormal !== null) {
      const v = this.spareNormal;
      this.spareNormal = null;
      return v;
    }
    let u = 0;
    while (u === 0) u = this.uniform();
    const v = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /**
   * Fills `out` with `normal() * scale`, value for value the numbers as many normal() calls would give (the state and
   * the spare value end the same too), in one loop over local copies of the state: initialising AlexNet's 61 M
   * weights one call at a time spent most of its time loading and storing the generator's fields.
   */
  fillNormal(out: Float32Array | Float64Array, scale: number): void {
    let i = 0;
    if (this.spareNormal !== null && out.length > 0) {
      out[i++] = this.spareNormal * scale;
      this.spareNormal = null;
    }
    let { a, b, c, d } = this;
    const n = out.length;
    while (i < n) {
      // u = uniform() ≠ 0, then v = uniform(): the sfc32 steps of nextUint32 written out.
      let u = 0;
      while (u === 0) {
        const t = (((a + b) >>> 0) + d) >>> 0;
        d = (d + 1) >>> 0;
        a = b ^ (b >>> 9);
        b = (c + (c << 3)) >>> 0;
        c = ((c << 21) | (c >>> 11)) >>> 0;
        c = (c + t) >>> 0;
        u = t / 4294967296;
      }
      const t = (((a + b) >>> 0) + d) >>> 0;
      d = (d + 1) >>> 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) >>> 0;
      c = ((c << 21) | (c >>> 11)) >>> 0;
      c = (c + t) >>> 0;
      const v = t / 4294967296;
      const r = Math.sqrt(-2 * Math.log(u));
      out[i++] = r * Math.cos(2 * Math.PI * v) * scale;
      if (i < n) out[i++] = r * Math.sin(2 * Math.PI * v) * scale;
      else this.spareNormal = r * Math.sin(2 * Math.PI * v);
    }
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
  }

  /** Fills `out` with `(2 * uniform() - 1) * limit`, the same numbers as the calls one by one, in one loop. */
  fillSymmetricUniform(out: Float32Array | Float64Array, limit: number): void {
    let { a, b, c, d } = this;
    for (let i = 0; i < out.length; i++) {
      const t = (((a + b) >>> 0) + d) >>> 0;
      d = (d + 1) >>> 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) >>> 0;
      c = ((c << 21) | (c >>> 11)) >>> 0;
      c = (c + t) >>> 0;
      out[i] = (2 * (t / 4294967296) - 1) * limit;
    }
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
  }

  /** Shuffles in place (Fisher–Yates). */
  shuffle<T>(items: { length: number; [i: number]: T }): void {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = items[i];
      items[i] = items[j];
      items[j] = t;
    }
  }

  /** A new generator whose stream is independent of this one's (for a worker, a layer, a data loader). */
  fork(): Rng {
    return new Rng(this.nextUint32());
  }
}
