/**
 * Attribute specifications: how each attribute of a block is read from the file, validated, defaulted and
 * described (for the JSON Schema, the inspector and error messages). A block declares a record of these; the
 * shape engine reads them in declaration order, so a default may depend on attributes declared before it
 * (a pool's stride defaults to its kernel).
 *
 * Bounds are documented and enforced before any arithmetic: the engine never allocates anything from a user's
 * number, and no count here can exceed 2⁵³ (65,536³ < 2⁵³), so every count is exact.
 */
import type { JsonObject, JsonValue } from '../../graph/types';
import { formatCount } from '../../shape/format';
import { describeValue } from '../../graph/describeValue';

/** The largest filters, units, kernel, stride, padding or dimension accepted anywhere in a graph. */
export const MAX_DIM = 65_536;

export type ReadResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string; readonly suggestion?: JsonValue };

export interface AttrSpec<T> {
  readonly doc: string;
  /** JSON Schema of the value as written in the file. */
  readonly schema: JsonObject;
  /** The value used when the attribute is absent; `undefined` makes the attribute required. */
  readonly fallback?: (resolved: Readonly<Record<string, unknown>>) => T;
  /** A sensible value to propose when the attribute is missing (quick fix, palette). */
  readonly example: JsonValue;
  read(value: JsonValue): ReadResult<T>;
}

export type AttrSpecs = Readonly<Record<string, AttrSpec<unknown>>>;
export type AttrsOf<S extends AttrSpecs> = { readonly [K in keyof S]: S[K] extends AttrSpec<infer T> ? T : never };

/** Per-axis pair [height, width]. */
export type Pair = readonly [number, number];

/** Padding as written: explicit per-axis amounts (each side), or "same" (resolved against the input later). */
export type PaddingSpec = { readonly kind: 'explicit'; readonly h: number; readonly w: number } | { readonly kind: 'same' };

function isWhole(v: JsonValue): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

function describe(v: JsonValue): string {
  return describeValue(v);
}

function nearestInRange(v: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.round(v)));
}

interface IntOptions {
  readonly min?: number;
  readonly max?: number;
  readonly example: number;
  readonly fallback?: (resolved: Readonly<Record<string, unknown>>) => number;
}

/** A whole number in [min, max] (default [1, MAX_DIM]). */
export function int(doc: string, o: IntOptions): AttrSpec<number> {
  const min = o.min ?? 1;
  const max = o.max ?? MAX_DIM;
  const range = `a whole number from ${formatCount(min)} to ${formatCount(max)}`;
  return {
    doc,
    schema: { type: 'integer', minimum: min, maximum: max, description: doc },
    example: o.example,
    fallback: o.fallback,
    read(v) {
      if (isWhole(v) && v >= min && v <= max) return { ok: true, value: v };
      const suggestion = typeof v === 'number' && Number.isFinite(v) ? nearestInRange(v, min, max) : o.example;
      return { ok: false, error: `must be ${range}; got ${describe(v)}`, suggestion };
    },
  };
}

/** A whole number or a [height, width] pair of whole numbers, each in [min, max]. */
export function pair(
  doc: string,
  o: Omit<IntOptions, 'fallback'> & { readonly fallback?: (resolved: Readonly<Record<string, unknown>>) => number | Pair },
): AttrSpec<Pair> {
  const min = o.min ?? 1;
  const max = o.max ?? MAX_DIM;
  const range = `a whole number from ${formatCount(min)} to ${formatCount(max)}, or [height, width] of such numbers`;
  const fallback = o.fallback;
  return {
    doc,
    schema: {
      description: doc,
      oneOf: [
        { type: 'integer', minimum: min, maximum: max },
        { type: 'array', items: { type: 'integer', minimum: min, maximum: max }, minItems: 2, maxItems: 2 },
      ],
    },
    example: o.example,
    fallback: fallback
      ? (r) => {
          const v = fallback(r);
          return typeof v === 'number' ? ([v, v] as const) : v;
        }
      : undefined,
    read(v) {
      if (isWhole(v) && v >= min && v <= max) return { ok: true, value: [v, v] };
      if (Array.isArray(v) && v.length === 2 && v.every((x) => isWhole(x) && x >= min && x <= max)) {
        return { ok: true, value: [v[0] as number, v[1] as number] };
      }
      let suggestion: JsonValue = o.example;
      if (typeof v === 'number' && Number.isFinite(v)) suggestion = nearestInRange(v, min, max);
      if (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'number' && Number.isFinite(x))) {
        suggestion = v.map((x) => nearestInRange(x as number, min, max));
      }
      return { ok: false, error: `must be ${range}; got ${describe(v)}`, suggestion };
    },
  };
}

/** Zero padding on each side: a whole number, [height, width], "same" or "valid" (= 0). */
export function padding(doc: string, o: { readonly allowSame: boolean; readonly max?: number }): AttrSpec<PaddingSpec> {
  const max = o.max ?? MAX_DIM;
  const base = `a whole number from 0 to ${formatCount(max)}, or [height, width] of such numbers`;
  const range = o.allowSame ? `${base}, "same" or "valid"` : base;
  const numeric: JsonObject[] = [
    { type: 'integer', minimum: 0, maximum: max },
    { type: 'array', items: { type: 'integer', minimum: 0, maximum: max }, minItems: 2, maxItems: 2 },
  ];
  return {
    doc,
    schema: { description: doc, oneOf: o.allowSame ? [...numeric, { enum: ['same', 'valid'] }] : numeric },
    example: 0,
    fallback: () => ({ kind: 'explicit', h: 0, w: 0 }),
    read(v) {
      if (isWhole(v) && v >= 0 && v <= max) return { ok: true, value: { kind: 'explicit', h: v, w: v } };
      if (Array.isArray(v) && v.length === 2 && v.every((x) => isWhole(x) && x >= 0 && x <= max)) {
        return { ok: true, value: { kind: 'explicit', h: v[0] as number, w: v[1] as number } };
      }
      if (o.allowSame && v === 'same') return { ok: true, value: { kind: 'same' } };
      if (o.allowSame && v === 'valid') return { ok: true, value: { kind: 'explicit', h: 0, w: 0 } };
      const suggestion = typeof v === 'number' && Number.isFinite(v) ? nearestInRange(v, 0, max) : 0;
      return { ok: false, error: `must be ${range}; got ${describe(v)}`, suggestion };
    },
  };
}

export function flag(doc: string, fallback: boolean): AttrSpec<boolean> {
  return {
    doc,
    schema: { type: 'boolean', default: fallback, description: doc },
    example: fallback,
    fallback: () => fallback,
    read(v) {
      return typeof v === 'boolean' ? { ok: true, value: v } : { ok: false, error: `must be true or false; got ${describe(v)}`, suggestion: fallback };
    },
  };
}

interface RealOptions {
  readonly min: number;
  readonly max: number;
  /** Whether min / max themselves are allowed. */
  readonly minOpen?: boolean;
  readonly maxOpen?: boolean;
  readonly fallback: number;
}

/** A finite real number in a range, e.g. dropout's rate in [0, 1). */
export function real(doc: string, o: RealOptions): AttrSpec<number> {
  const range = `${o.minOpen ? '(' : '['}${o.min}, ${o.max}${o.maxOpen ? ')' : ']'}`;
  const schema: JsonObject = { type: 'number', default: o.fallback, description: doc };
  schema[o.minOpen ? 'exclusiveMinimum' : 'minimum'] = o.min;
  schema[o.maxOpen ? 'exclusiveMaximum' : 'maximum'] = o.max;
  return {
    doc,
    schema,
    example: o.fallback,
    fallback: () => o.fallback,
    read(v) {
      const inRange =
        typeof v === 'number' &&
        Number.isFinite(v) &&
        (o.minOpen ? v > o.min : v >= o.min) &&
        (o.maxOpen ? v < o.max : v <= o.max);
      if (inRange) return { ok: true, value: v as number };
      return { ok: false, error: `must be a number in ${range}; got ${describe(v)}`, suggestion: o.fallback };
    },
  };
}

/** A tensor shape: [H, W, C] for images or [N] for vectors, each dimension a whole number in [1, MAX_DIM]. */
export function shape(doc: string, example: readonly number[]): AttrSpec<readonly number[]> {
  const dim = { type: 'integer', minimum: 1, maximum: MAX_DIM };
  return {
    doc,
    schema: {
      description: doc,
      oneOf: [
        { type: 'array', items: dim, minItems: 3, maxItems: 3, description: '[height, width, channels]' },
        { type: 'array', items: dim, minItems: 1, maxItems: 1, description: '[features]' },
      ],
    },
    example: [...example],
    read(v) {
      const ok =
        Array.isArray(v) && (v.length === 3 || v.length === 1) && v.every((x) => isWhole(x) && x >= 1 && x <= MAX_DIM);
      if (ok) return { ok: true, value: v as number[] };
      return {
        ok: false,
        error: `must be [height, width, channels] or [features], each a whole number from 1 to ${formatCount(MAX_DIM)}; got ${describe(v)}`,
        suggestion: [...example],
      };
    },
  };
}

/** One of a fixed list of words, e.g. upsampling's mode "nearest" | "bilinear". */
export function choice<T extends string>(doc: string, values: readonly T[], fallback: T): AttrSpec<T> {
  const listed = values.map((v) => `"${v}"`).join(' or ');
  return {
    doc,
    schema: { enum: [...values], default: fallback, description: doc },
    example: fallback,
    fallback: () => fallback,
    read(v) {
      if (typeof v === 'string' && (values as readonly string[]).includes(v)) return { ok: true, value: v as T };
      const near = typeof v === 'string' ? values.find((x) => x.toLowerCase() === v.trim().toLowerCase()) : undefined;
      return { ok: false, error: `must be ${listed}; got ${describe(v)}`, suggestion: near ?? fallback };
    },
  };
}
