/**
 * The checks the host's validators are built from. Written by hand (no schema library): each check names what was
 * wrong, for the output channel, by throwing `Invalid`, which the message parser turns into `ok: false`.
 */
import type { JsonValue } from '../../engine/graph/types';

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

const MAX_ID = 200;
export const MAX_ITEMS = 10_000;
const MAX_DEPTH = 16;

export class Invalid extends Error {}

export function fail(reason: string): never {
  throw new Invalid(reason);
}

export function record(v: unknown, what: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(`${what} must be an object`);
  return v as Record<string, unknown>;
}

/**
 * Whether `v` has more than `max` own enumerable keys, stopping at the first one past `max`: free-form records
 * (positions, attrs, JSON values) are refused by their size before their entries are validated one by one.
 */
export function moreKeysThan(v: object, max: number): boolean {
  let n = 0;
  for (const key in v) if (Object.prototype.hasOwnProperty.call(v, key) && ++n > max) return true;
  return false;
}

/** A value as a message may quote it: JSON.stringify throws on a BigInt and says nothing useful of a symbol. */
export function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined) return String(v);
  return `a ${typeof v}`;
}

export function str(v: unknown, what: string, max = MAX_ID): string {
  if (typeof v !== 'string' || v.length === 0 || v.length > max) fail(`${what} must be a non-empty string of at most ${max} characters`);
  return v;
}

export function finite(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(`${what} must be a finite number`);
  return v;
}

export function list(v: unknown, what: string, max = MAX_ITEMS): unknown[] {
  if (!Array.isArray(v) || v.length > max) fail(`${what} must be an array of at most ${max} items`);
  return v;
}

/** A plain JSON value (what a file can hold): no undefined, functions, NaN or cycles; bounded depth. */
export function isJsonValue(v: unknown, depth = 0): v is JsonValue {
  if (depth > MAX_DEPTH) return false;
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.length <= MAX_ITEMS && v.every((x) => isJsonValue(x, depth + 1));
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    return !moreKeysThan(v, MAX_ITEMS) && Object.values(v as object).every((x) => isJsonValue(x, depth + 1));
  }
  return false;
}

export function json(v: unknown, what: string): JsonValue {
  if (!isJsonValue(v)) fail(`${what} must be a JSON value`);
  return v;
}

export function jsonRecord(v: unknown, what: string): Record<string, JsonValue> {
  const r = record(v, what);
  if (moreKeysThan(r, MAX_ITEMS)) fail(`${what} has more than ${MAX_ITEMS} entries`);
  for (const [k, x] of Object.entries(r)) json(x, `${what}.${k}`);
  return r as Record<string, JsonValue>;
}
