/**
 * Python source fragments for the blocks' PyTorch mappings: literals written the way a person writes them, padding
 * PyTorch's layers cannot express, the flatten before a dense layer, and resolved attributes read with a check.
 */
import type { FlattenOrder } from './exportMapping';

/** A number as a Python literal: integers as such, others in JavaScript's shortest round-trip form (valid Python). */
export function pyNumber(value: number): string {
  return String(value);
}

export function pyBool(value: boolean): string {
  return value ? 'True' : 'False';
}

/** A [h, w] pair as PyTorch takes it: `5` when both are equal, `(5, 3)` otherwise. */
export function pyPair(pair: readonly number[]): string {
  return pair[0] === pair[1] ? pyNumber(pair[0]) : `(${pyNumber(pair[0])}, ${pyNumber(pair[1])})`;
}

/** A Python tuple of numbers (`(1,)` for one). */
export function pyTuple(values: readonly number[]): string {
  return values.length === 1 ? `(${pyNumber(values[0])},)` : `(${values.map(pyNumber).join(', ')})`;
}

/** A Python string literal (double quotes, escapes for backslashes, quotes and control characters). */
export function pyString(text: string): string {
  return JSON.stringify(text);
}

/** Keyword arguments whose value differs from PyTorch's default, in order: `stride=2, padding=1`. */
export function keywords(args: readonly (readonly [string, string, string])[]): string {
  return args
    .filter(([, value, fallback]) => value !== fallback)
    .map(([name, value]) => `, ${name}=${value}`)
    .join('');
}

/** [top, bottom, left, right] → PyTorch's padding argument when symmetric per axis, or null (F.pad needed). */
export function symmetricPadding(pads: readonly number[]): readonly [number, number] | null {
  const [top, bottom, left, right] = pads;
  return top === bottom && left === right ? [top, left] : null;
}

/** `F.pad(x, (left, right, top, bottom))` for asymmetric padding ("same" with an even kernel), else `x`. */
export function padded(input: string, pads: readonly number[], value?: string): string {
  if (symmetricPadding(pads)) return input;
  const [top, bottom, left, right] = pads;
  return `F.pad(${input}, (${left}, ${right}, ${top}, ${bottom})${value ? `, value=${value}` : ''})`;
}

/** An image turned into a vector: channels-first (the weights that read it were reordered) or channels-last. */
export function flattened(input: string, order: FlattenOrder | undefined): string {
  if (order === undefined) return input;
  return order === 'channels-first' ? `torch.flatten(${input}, 1)` : `${input}.permute(0, 2, 3, 1).flatten(1)`;
}

export const isPads = (v: unknown): v is readonly number[] => Array.isArray(v) && v.length === 4;
export const isPair = (v: unknown): v is readonly number[] => Array.isArray(v) && v.length === 2;

/** A resolved attribute the mapping needs (the analysis guarantees it for a graph without errors). */
export function attr<T>(attrs: Readonly<Record<string, unknown>>, name: string, check: (v: unknown) => v is T, node: string): T {
  const v = attrs[name];
  if (!check(v)) throw new Error(`node '${node}': attribute '${name}' is missing or invalid (${JSON.stringify(v)})`);
  return v;
}

export const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
export const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
