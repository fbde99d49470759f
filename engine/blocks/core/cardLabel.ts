/**
 * Pieces of a card label in the lecture's shorthand ("5×5 /1 pad 2 ×10"), shared by the blocks' `cardLabel`s.
 * They read resolved attributes (ResolvedAttrs) and check every value, so a half-read node still gets a label.
 */
import type { ResolvedAttrs } from './block';

type Pair = readonly [number, number];

export function isPairValue(v: unknown): v is Pair {
  return Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'number');
}

/** 5×5 for a square or [5, 3] kernel. */
function size(p: Pair): string {
  return `${p[0]}×${p[1]}`;
}

/** "2" for a square stride, "2,1" otherwise. */
function axis(p: Pair): string {
  return p[0] === p[1] ? String(p[0]) : `${p[0]},${p[1]}`;
}

/** Resolved padding [top, bottom, left, right] → "pad 2", "pad 1,2" or "pad 0,1,0,1"; null for none. */
function pad(p: unknown): string | null {
  if (!Array.isArray(p) || p.length !== 4) return null;
  const [t, b, l, r] = p as number[];
  if (t === 0 && b === 0 && l === 0 && r === 0) return null;
  if (t === b && l === r) return `pad ${t === l ? t : `${t},${l}`}`;
  return `pad ${p.join(',')}`;
}

/** A sliding window's kernel, stride, padding and (when not 1) dilation: ["5×5", "/1", "pad 2"]. */
export function windowParts(a: ResolvedAttrs): string[] {
  const parts: string[] = [];
  if (isPairValue(a.kernel)) parts.push(size(a.kernel));
  if (isPairValue(a.stride)) parts.push(`/${axis(a.stride)}`);
  const p = pad(a.padding);
  if (p) parts.push(p);
  if (isPairValue(a.dilation) && (a.dilation[0] !== 1 || a.dilation[1] !== 1)) parts.push(`dil ${axis(a.dilation)}`);
  return parts;
}

/** "no bias" when a layer's bias is switched off. */
export function biasPart(a: ResolvedAttrs): string[] {
  return a.bias === false ? ['no bias'] : [];
}

/** "<prefix> <value>" for a numeric attribute, e.g. "rate 0.5"; nothing when it is not a number. */
export function numberPart(a: ResolvedAttrs, name: string, prefix: string): string[] {
  const v = a[name];
  return typeof v === 'number' ? [`${prefix} ${v}`] : [];
}

/** Joins the parts of a label with spaces. */
export function label(...parts: readonly string[][]): string {
  return parts.flat().join(' ');
}
