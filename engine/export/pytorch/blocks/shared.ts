/** Pieces several block mappings share: padding that PyTorch's layers cannot express, and the flatten before a dense layer. */
import type { FlattenOrder } from '../tensorLayout';

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
