/** The `--threads N` flag shared by train, evaluate and predict, and the kernels it selects. */
import { createBackend, type SelectedBackend } from '../engine/kernels/select';
import { CliError } from './errors';

/** Parses --threads (a whole number ≥ 1), or undefined for the default (every core). */
export function threadsFlag(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new CliError(`--threads must be a whole number from 1 to 256, got ${value}.`);
  return n;
}

/** The fastest kernels this runtime has, on `threads` threads (engine/kernels/select.ts). */
export function selectKernels(threads: number | undefined): Promise<SelectedBackend> {
  return createBackend({ threads });
}
