// Optimizer updates over one parameter tensor (f32, 4 lanes at a time), the formulas of engine/optim/sgd.ts and
// adam.ts. The learning rate and coefficients arrive as f64 and are rounded to f32 once.

/** θ −= η(g + λθ). */
export function sgd(theta: usize, grad: usize, n: i32, lr: f64, decay: f64): void {
  const lrv = f32x4.splat(<f32>lr), dv = f32x4.splat(<f32>decay);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const off = <usize>i << 2;
    const t = v128.load(theta + off);
    const g = f32x4.add(v128.load(grad + off), f32x4.mul(dv, t));
    v128.store(theta + off, f32x4.sub(t, f32x4.mul(lrv, g)));
  }
  for (; i < n; i++) {
    const off = <usize>i << 2;
    const t = load<f32>(theta + off);
    store<f32>(theta + off, t - <f32>lr * (load<f32>(grad + off) + <f32>decay * t));
  }
}

/** g = ∇ + λθ; b = μb + g; θ −= η(nesterov ? g + μb : b). */
export function sgdMomentum(theta: usize, grad: usize, buffer: usize, n: i32, lr: f64, decay: f64, mu: f64, nesterov: bool): void {
  const lrv = f32x4.splat(<f32>lr), dv = f32x4.splat(<f32>decay), muv = f32x4.splat(<f32>mu);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const off = <usize>i << 2;
    const t = v128.load(theta + off);
    const g = f32x4.add(v128.load(grad + off), f32x4.mul(dv, t));
    const b = f32x4.add(f32x4.mul(muv, v128.load(buffer + off)), g);
    v128.store(buffer + off, b);
    const step = nesterov ? f32x4.add(g, f32x4.mul(muv, b)) : b;
    v128.store(theta + off, f32x4.sub(t, f32x4.mul(lrv, step)));
  }
  for (; i < n; i++) {
    const off = <usize>i << 2;
    const t = load<f32>(theta + off);
    const g = load<f32>(grad + off) + <f32>decay * t;
    const b = <f32>mu * load<f32>(buffer + off) + g;
    store<f32>(buffer + off, b);
    store<f32>(theta + off, t - <f32>lr * (nesterov ? g + <f32>mu * b : b));
  }
}

/** Adam with bias correction: stepSize = η/(1 − β₁ᵗ), root = √(1 − β₂ᵗ). */
export function adam(
  theta: usize, grad: usize, m: usize, v: usize, n: i32,
  stepSize: f64, root: f64, beta1: f64, beta2: f64, epsilon: f64, decay: f64,
): void {
  const b1 = f32x4.splat(<f32>beta1), c1 = f32x4.splat(<f32>(1 - beta1));
  const b2 = f32x4.splat(<f32>beta2), c2 = f32x4.splat(<f32>(1 - beta2));
  const ss = f32x4.splat(<f32>stepSize), inv = f32x4.splat(<f32>(1 / root)), eps = f32x4.splat(<f32>epsilon);
  const dv = f32x4.splat(<f32>decay);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const off = <usize>i << 2;
    const t = v128.load(theta + off);
    const g = f32x4.add(v128.load(grad + off), f32x4.mul(dv, t));
    const mi = f32x4.add(f32x4.mul(b1, v128.load(m + off)), f32x4.mul(c1, g));
    const vi = f32x4.add(f32x4.mul(b2, v128.load(v + off)), f32x4.mul(c2, f32x4.mul(g, g)));
    v128.store(m + off, mi);
    v128.store(v + off, vi);
    const denom = f32x4.add(f32x4.mul(f32x4.sqrt(vi), inv), eps);
    v128.store(theta + off, f32x4.sub(t, f32x4.div(f32x4.mul(ss, mi), denom)));
  }
  for (; i < n; i++) {
    const off = <usize>i << 2;
    const t = load<f32>(theta + off);
    const g = load<f32>(grad + off) + <f32>decay * t;
    const mi = <f32>beta1 * load<f32>(m + off) + <f32>(1 - beta1) * g;
    const vi = <f32>beta2 * load<f32>(v + off) + <f32>(1 - beta2) * g * g;
    store<f32>(m + off, mi);
    store<f32>(v + off, vi);
    store<f32>(theta + off, t - (<f32>stepSize * mi) / (Mathf.sqrt(vi) * <f32>(1 / root) + <f32>epsilon));
  }
}
