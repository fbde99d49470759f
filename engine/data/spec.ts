/**
 * Parses a data-set spec: `KIND[:ARGUMENT][?key=value&key=value]`, e.g. `mnist`, `shapes?train=2000`,
 * `folder:./images`, `csv:iris.csv?label=species`, `idx:images.idx,labels.idx`.
 */
import { DataError } from './errors';

export const DATASET_KINDS = ['mnist', 'shapes', 'segmentation', 'x2', 'folder', 'csv', 'idx'] as const;
export type DatasetKind = (typeof DATASET_KINDS)[number];

export interface DataSpec {
  readonly kind: DatasetKind;
  /** What follows `KIND:` (a path or a list of paths), '' when absent. */
  readonly argument: string;
  readonly params: ReadonlyMap<string, string>;
}

const NEEDS_ARGUMENT: ReadonlySet<DatasetKind> = new Set(['folder', 'csv', 'idx']);

export function parseDataSpec(spec: string): DataSpec {
  const text = spec.trim();
  if (!text) throw new DataError(`empty data-set spec; use one of: ${DATASET_KINDS.join(', ')}`);
  const colon = text.indexOf(':');
  const question = text.indexOf('?');
  const kindEnd = [colon, question, text.length].filter((i) => i >= 0).reduce((a, b) => Math.min(a, b));
  const kind = text.slice(0, kindEnd).trim().toLowerCase();
  if (!(DATASET_KINDS as readonly string[]).includes(kind)) {
    throw new DataError(`data-set spec '${spec}': unknown kind '${kind}'; use one of: ${DATASET_KINDS.join(', ')}`);
  }
  const rest = text.slice(kindEnd);
  const q = rest.indexOf('?');
  const argumentPart = q >= 0 ? rest.slice(0, q) : rest;
  const query = q >= 0 ? rest.slice(q + 1) : '';
  const argument = argumentPart.startsWith(':') ? argumentPart.slice(1).trim() : argumentPart.trim();
  if (NEEDS_ARGUMENT.has(kind as DatasetKind) && !argument) {
    throw new DataError(`data-set spec '${spec}': '${kind}' needs a path, e.g. '${kind}:${kind === 'idx' ? 'images.idx,labels.idx' : kind === 'csv' ? 'data.csv' : './images'}'`);
  }
  if (!NEEDS_ARGUMENT.has(kind as DatasetKind) && argument) {
    throw new DataError(`data-set spec '${spec}': '${kind}' takes no path (options go after '?', e.g. '${kind}?train=1000')`);
  }
  const params = new Map<string, string>();
  for (const pair of query.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const key = (eq >= 0 ? pair.slice(0, eq) : pair).trim();
    const value = eq >= 0 ? decodeURIComponent(pair.slice(eq + 1).trim()) : '';
    if (params.has(key)) throw new DataError(`data-set spec '${spec}': option '${key}' is given twice`);
    params.set(key, value);
  }
  return { kind: kind as DatasetKind, argument, params };
}

/** Reads the spec's options, rejecting unknown ones so that a typo is reported instead of silently ignored. */
export class SpecOptions {
  private readonly used = new Set<string>();

  constructor(
    private readonly spec: string,
    private readonly params: ReadonlyMap<string, string>,
  ) {}

  string(key: string): string | undefined {
    this.used.add(key);
    return this.params.get(key);
  }

  /** A whole number in [min, max], or undefined when absent. */
  integer(key: string, min: number, max: number): number | undefined {
    const raw = this.string(key);
    if (raw === undefined) return undefined;
    const value = Number(raw);
    if (raw === '' || !Number.isInteger(value) || value < min || value > max) {
      throw new DataError(`data-set spec '${this.spec}': option '${key}' must be a whole number from ${min} to ${max}, not '${raw}'`);
    }
    return value;
  }

  choice<T extends string>(key: string, choices: readonly T[]): T | undefined {
    const raw = this.string(key);
    if (raw === undefined) return undefined;
    const value = raw.toLowerCase();
    if (!(choices as readonly string[]).includes(value)) {
      throw new DataError(`data-set spec '${this.spec}': option '${key}' must be one of ${choices.join(', ')}, not '${raw}'`);
    }
    return value as T;
  }

  /** Call after reading every option the loader knows. */
  rejectUnknown(): void {
    const unknown = [...this.params.keys()].filter((k) => !this.used.has(k));
    if (unknown.length) {
      const known = [...this.used].sort().join(', ');
      throw new DataError(`data-set spec '${this.spec}': unknown option '${unknown[0]}' (this kind accepts: ${known || 'none'})`);
    }
  }
}
