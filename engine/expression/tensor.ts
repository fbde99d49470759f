/**
 * The values on an expression graph's wires: a scalar, a vector or a matrix (rows), in float64. Shapes are `[]`,
 * `[n]` and `[rows, cols]`; data is row-major. In files and in `wiregrad grad --json` a value is a number, an array
 * or an array of rows — `toJson`/`fromJson` convert.
 */
import type { JsonValue } from '../graph/types';

export type Shape = readonly [] | readonly [number] | readonly [number, number];

export interface Tensor {
  readonly shape: Shape;
  readonly data: Float64Array;
}

/** The JSON form of a value: a number, a vector or a matrix given as rows. */
export type ValueJson = number | number[] | number[][];

export function sizeOf(shape: Shape): number {
  return shape.reduce<number>((n, d) => n * d, 1);
}

export function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

export function isScalar(shape: Shape): boolean {
  return shape.length === 0;
}

export function tensor(shape: Shape, data: Float64Array | readonly number[]): Tensor {
  return { shape, data: data instanceof Float64Array ? data : Float64Array.from(data) };
}

export function scalar(x: number): Tensor {
  return tensor([], [x]);
}

export function zeros(shape: Shape): Tensor {
  return { shape, data: new Float64Array(sizeOf(shape)) };
}

/** "a scalar", "a vector of 3", "a 2×3 matrix": for messages. */
export function describeShape(shape: Shape): string {
  if (shape.length === 0) return 'a scalar';
  if (shape.length === 1) return `a vector of ${shape[0]}`;
  return `a ${shape[0]}×${shape[1]} matrix`;
}

/** "scalar", "[3]", "2×3": short, for the canvas and tables. */
export function formatShape(shape: Shape): string {
  if (shape.length === 0) return 'scalar';
  if (shape.length === 1) return `[${shape[0]}]`;
  return `${shape[0]}×${shape[1]}`;
}

export function toJson(t: Tensor): ValueJson {
  if (t.shape.length === 0) return t.data[0];
  if (t.shape.length === 1) return Array.from(t.data);
  const [rows, cols] = t.shape;
  return Array.from({ length: rows }, (_, r) => Array.from(t.data.subarray(r * cols, (r + 1) * cols)));
}

/** Largest size a vector or matrix side may have: a lab value is typed by hand, not a data set. */
export const MAX_SIDE = 4096;

/**
 * A value from the file, or a sentence saying what is wrong with it ("row 2 has 3 numbers, row 1 has 2").
 * Accepted: a finite number, a non-empty array of finite numbers, a non-empty array of equally long such arrays.
 */
export function fromJson(value: JsonValue | undefined): Tensor | string {
  if (typeof value === 'number') return Number.isFinite(value) ? scalar(value) : `${value} is not a finite number`;
  if (!Array.isArray(value)) return 'expected a number, a vector [a, b, …] or a matrix [[a, b], [c, d]] given as rows';
  if (value.length === 0) return 'an empty array has no values; give at least one number';
  if (value.length > MAX_SIDE) return `${value.length} entries is more than the ${MAX_SIDE} a lab value may have`;
  if (value.every((v) => typeof v === 'number')) {
    const bad = value.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) return `entry ${bad + 1} is not a finite number`;
    return tensor([value.length], value as number[]);
  }
  if (!value.every((row) => Array.isArray(row))) return 'mixes numbers and arrays; a matrix is an array of rows, each an array of numbers';
  const rows = value as JsonValue[][];
  const cols = rows[0].length;
  if (cols === 0) return 'row 1 is empty; give at least one number per row';
  if (cols > MAX_SIDE) return `row 1 has ${cols} numbers, more than the ${MAX_SIDE} a lab value may have`;
  const data = new Float64Array(rows.length * cols);
  for (const [r, row] of rows.entries()) {
    if (row.length !== cols) return `row ${r + 1} has ${row.length} number${row.length === 1 ? '' : 's'}, row 1 has ${cols}; every row of a matrix has the same length`;
    for (const [c, v] of row.entries()) {
      if (typeof v !== 'number' || !Number.isFinite(v)) return `row ${r + 1}, entry ${c + 1} is not a finite number`;
      data[r * cols + c] = v;
    }
  }
  return { shape: [rows.length, cols], data };
}

/** The index of the first non-finite entry, or -1. */
export function firstNonFinite(t: Tensor): number {
  for (let i = 0; i < t.data.length; i++) if (!Number.isFinite(t.data[i])) return i;
  return -1;
}

/** "element 2" / "row 1, column 2" (1-based) for messages about one entry; "" for a scalar. */
export function describeIndex(shape: Shape, i: number): string {
  if (shape.length === 0) return '';
  if (shape.length === 1) return `element ${i + 1}`;
  return `row ${Math.floor(i / shape[1]) + 1}, column ${(i % shape[1]) + 1}`;
}
