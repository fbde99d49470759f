/**
 * Numbers and values as the lab shows them: short (3 significant digits on the canvas, more in the CLI's text), exact
 * integers kept whole. JSON output never goes through here: it carries the full float64.
 */
import { toJson, type Tensor, type ValueJson } from './tensor';

export function formatNumber(x: number, digits = 3): string {
  if (Object.is(x, -0) || x === 0) return '0';
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x) && Math.abs(x) < 1e6) return String(x);
  const a = Math.abs(x);
  if (a >= 1e6 || a < 1e-3) return x.toExponential(digits - 1).replace(/\.?0+e/, 'e');
  // toPrecision then drop trailing zeros: 0.7310585 → "0.731", 0.2 → "0.2", 12.5 → "12.5".
  return String(Number(x.toPrecision(digits)));
}

/** A value in one line: "-4", "[0.22, 0.26]", "[[0.1, 0.5], [-0.3, 0.8]]". */
export function formatValue(t: Tensor, digits = 3): string {
  const show = (v: ValueJson): string => (typeof v === 'number' ? formatNumber(v, digits) : `[${(v as ValueJson[]).map(show).join(', ')}]`);
  return show(toJson(t));
}
