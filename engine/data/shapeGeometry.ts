/**
 * Signed distances for the generated shapes set: negative inside, positive outside, in pixels. Anti-aliasing then
 * costs one evaluation per pixel: coverage = clamp(0.5 − distance, 0, 1), the fraction of a pixel-wide box inside.
 */

export type Point = readonly [number, number];

/** Exact signed distance to a simple polygon (Inigo Quilez's sdPolygon: nearest edge, sign by crossing count). */
export function polygonDistance(px: number, py: number, vx: Float64Array, vy: Float64Array): number {
  const n = vx.length;
  let best = (px - vx[0]) ** 2 + (py - vy[0]) ** 2;
  let sign = 1;
  for (let i = 0, j = n - 1; i < n; j = i, i++) {
    const ex = vx[j] - vx[i];
    const ey = vy[j] - vy[i];
    const wx = px - vx[i];
    const wy = py - vy[i];
    const t = Math.max(0, Math.min(1, (wx * ex + wy * ey) / (ex * ex + ey * ey)));
    const bx = wx - ex * t;
    const by = wy - ey * t;
    best = Math.min(best, bx * bx + by * by);
    const c1 = py >= vy[i];
    const c2 = py < vy[j];
    const c3 = ex * wy > ey * wx;
    if ((c1 && c2 && c3) || (!c1 && !c2 && !c3)) sign = -sign;
  }
  return sign * Math.sqrt(best);
}

/** A regular star (or polygon when inner = outer·cos(π/n)) with `points` tips, tip 0 pointing up, unit outer radius. */
export function starPolygon(points: number, inner: number): Point[] {
  const vertices: Point[] = [];
  for (let k = 0; k < points * 2; k++) {
    const angle = -Math.PI / 2 + (k * Math.PI) / points;
    const r = k % 2 === 0 ? 1 : inner;
    vertices.push([r * Math.cos(angle), r * Math.sin(angle)]);
  }
  return vertices;
}

/** A regular polygon with unit circumradius, vertex 0 pointing up. */
export function regularPolygon(sides: number): Point[] {
  return Array.from({ length: sides }, (_, k) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * k) / sides;
    return [Math.cos(angle), Math.sin(angle)] as Point;
  });
}

/** A plus sign within the unit square, arms of half-thickness `t`. */
export function plusPolygon(t: number): Point[] {
  return [
    [-t, -1], [t, -1], [t, -t], [1, -t], [1, t], [t, t],
    [t, 1], [-t, 1], [-t, t], [-1, t], [-1, -t], [-t, -t],
  ];
}

/** Scales (sx, sy), rotates by `angle` and moves to (cx, cy): local unit coordinates → image pixels. */
export function placePolygon(local: readonly Point[], sx: number, sy: number, angle: number, cx: number, cy: number): { vx: Float64Array; vy: Float64Array } {
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const vx = new Float64Array(local.length);
  const vy = new Float64Array(local.length);
  local.forEach(([x, y], i) => {
    const ux = x * sx;
    const uy = y * sy;
    vx[i] = cx + ux * cos - uy * sin;
    vy[i] = cy + ux * sin + uy * cos;
  });
  return { vx, vy };
}

/** Signed distance to the nearest edge of stripes of width period/2 along the coordinate u (inside = the first half). */
export function stripeDistance(u: number, period: number): number {
  const t = u / period - Math.floor(u / period);
  return t < 0.5 ? -Math.min(t, 0.5 - t) * period : Math.min(t - 0.5, 1 - t) * period;
}

export function coverage(distance: number): number {
  return distance <= -0.5 ? 1 : distance >= 0.5 ? 0 : 0.5 - distance;
}
