/**
 * "Check numerically": every leaf's analytic gradient beside a centred difference (f(v + h) − f(v − h)) / 2h, one
 * element at a time, with the relative error |a − n| / max(|a|, |n|). Centred differences err by O(h²); with
 * h = 1e-5·max(1, |v|) in float64 a correct gradient agrees to about 1e-9 relative, unless a kink (max, min, relu)
 * lies within h of the point, where the two one-sided slopes differ and the check says so by disagreeing.
 */
import { forwardValues, type ExpressionResult } from './evaluate';
import type { Prepared } from './structure';
import { tensor, type Tensor } from './tensor';

export interface ElementCheck {
  readonly analytic: number;
  /** NaN when f is undefined at v ± h (the nudge crossed a pole or left log's domain). */
  readonly numeric: number;
  readonly relativeError: number;
}

export interface LeafCheck {
  readonly id: string;
  readonly type: string;
  /** Row-major, one per element of the leaf's value. */
  readonly elements: readonly ElementCheck[];
  /** The largest relative error over the elements. */
  readonly worst: number;
}

/** Below this magnitude both gradients count as zero (round-off, not disagreement). */
const ZERO = 1e-10;

export function relativeError(analytic: number, numeric: number): number {
  if (!Number.isFinite(numeric)) return Infinity;
  const scale = Math.max(Math.abs(analytic), Math.abs(numeric));
  return scale < ZERO ? 0 : Math.abs(analytic - numeric) / scale;
}

/** f with one leaf replaced, or NaN when the graph has no value there. */
function fAt(prepared: Prepared, id: string, value: Tensor): number {
  const { values, diagnostics } = forwardValues(prepared, new Map([[id, value]]));
  const f = prepared.output ? values.get(prepared.output) : undefined;
  return diagnostics.length || !f ? NaN : f.data[0];
}

export function checkNumerically(prepared: Prepared, result: ExpressionResult): LeafCheck[] {
  if (result.hasErrors || !prepared.output) return [];
  return result.nodes.flatMap((node) => {
    const leaf = prepared.nodes.get(node.id)!;
    if (leaf.gate || !leaf.leafValue || !node.grad) return [];
    const v = leaf.leafValue;
    const elements = Array.from(v.data, (x, i) => {
      const h = 1e-5 * Math.max(1, Math.abs(x));
      const nudged = (d: number) => {
        const data = v.data.slice();
        data[i] = x + d;
        return tensor(v.shape, data);
      };
      const numeric = (fAt(prepared, node.id, nudged(h)) - fAt(prepared, node.id, nudged(-h))) / (2 * h);
      const analytic = node.grad!.data[i];
      return { analytic, numeric, relativeError: relativeError(analytic, numeric) };
    });
    return [{ id: node.id, type: node.type, elements, worst: Math.max(...elements.map((e) => e.relativeError)) }];
  });
}
