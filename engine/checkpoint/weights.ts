/**
 * Model weights on disk: every ParamTensor of the model (trainable or not) under its key `${node}.${name}` in a
 * `NAME.safetensors` file beside the graph `NAME.nn.json`, plus what inference needs to use them (class names, input
 * normalisation) as `__metadata__` strings. The file holds nothing else, so PyTorch users can load it as is.
 */
import type { ParamTensor } from '../model/params';
import { readBytesCapped } from '../io/readCapped';
import { NotRegularFileError } from '../io/regularFile';
import { writeFileAtomic } from './atomic';
import { CheckpointError } from './errors';
import { decodeSafetensors, encodeSafetensors, type SafetensorsFile } from './safetensors';

export const WEIGHTS_FORMAT = 'wiregrad.weights/1';

/** What inference needs besides the tensors. */
export interface WeightsInfo {
  /** The graph's name, for messages. */
  readonly graph: string;
  /** The data-set spec the weights were trained on, and the seed it was loaded with (generated sets and splits
   * depend on it, so evaluation must reuse it to see the same test split). */
  readonly dataset?: string;
  readonly seed?: number;
  readonly task?: 'classification' | 'regression';
  readonly classNames?: readonly string[];
  /** Per-channel input normalisation applied during training (x − mean) / std, to apply again at inference. */
  readonly normalization?: { readonly mean: readonly number[]; readonly std: readonly number[] };
  /** Updates the weights have seen; the training-state file must agree with it on resume. */
  readonly globalStep: number;
  /** The run that wrote them (kept across --resume); the training-state file carries the same id. */
  readonly runId?: string;
}

export function saveWeights(file: string, params: readonly ParamTensor[], info: WeightsInfo): void {
  const metadata: Record<string, string> = { format: WEIGHTS_FORMAT, graph: info.graph, globalStep: String(info.globalStep) };
  if (info.dataset !== undefined) metadata.dataset = info.dataset;
  if (info.seed !== undefined) metadata.seed = String(info.seed);
  if (info.task !== undefined) metadata.task = info.task;
  if (info.classNames !== undefined) metadata.classNames = JSON.stringify(info.classNames);
  if (info.normalization !== undefined) metadata.normalization = JSON.stringify(info.normalization);
  if (info.runId !== undefined) metadata.runId = info.runId;
  const tensors = params.map((p) => ({ name: p.key, shape: p.shape, data: p.value }));
  writeFileAtomic(file, encodeSafetensors(tensors, metadata));
}

export interface WeightsFile extends SafetensorsFile {
  readonly info: WeightsInfo;
}

/**
 * Reads and checks a weights file. `expectedValues` (the graph's parameter count) bounds the read: a file larger than
 * those tensors plus WEIGHTS_HEADER_CAP is refused before it is read (a symlink to a huge file, a wrong file). Without
 * it (tools and tests), MAX_UNSIZED_BYTES bounds it.
 */
export function readWeights(file: string, expectedValues?: number): WeightsFile {
  const parsed = decodeSafetensors(readFileOrFail(file, 'weights', expectedValues), file);
  return { ...parsed, info: parseInfo(parsed.metadata, file) };
}

/**
 * Copies saved tensors into the model's parameters. Every parameter must be in the file with the same shape, and the
 * file must hold nothing the graph lacks (that means the graph changed since training).
 */
export function applyWeights(params: readonly ParamTensor[], file: SafetensorsFile, fileName: string): void {
  const wanted = new Set(params.map((p) => p.key));
  for (const name of file.tensors.keys()) {
    if (!wanted.has(name)) throw new CheckpointError(`${fileName}: tensor '${name}' is not a parameter of the graph (did the graph change since training?)`);
  }
  for (const p of params) {
    const saved = file.tensors.get(p.key);
    if (!saved) throw new CheckpointError(`${fileName}: tensor '${p.key}' (shape [${p.shape.join(', ')}]) is missing`);
    if (saved.shape.length !== p.shape.length || saved.shape.some((d, i) => d !== p.shape[i])) {
      throw new CheckpointError(
        `${fileName}: tensor '${p.key}' has shape [${saved.shape.join(', ')}] in the file but the graph needs [${p.shape.join(', ')}]`,
      );
    }
    // Training never saves a NaN or an infinity (it stops at the last good weights), so one here means a damaged file;
    // loading it would silently turn every prediction into NaN.
    const bad = saved.data.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw new CheckpointError(`${fileName}: tensor '${p.key}' holds ${saved.data[bad]} at element ${bad}; the file is damaged (train again)`);
  }
  for (const p of params) p.value.set(file.tensors.get(p.key)!.data);
}

/** Metadata (class names, normalisation, the training history) fits in this; the reference reader allows 100 MB. */
export const WEIGHTS_HEADER_CAP = 16 * 1024 * 1024;
/** The bound when no graph says how large the tensors are. */
const MAX_UNSIZED_BYTES = 2 ** 31 - 1;

/**
 * The file's bytes, bounded by what `expectedValues` float32 values in `slots` tensors each can take plus the header
 * (8 bytes of length + WEIGHTS_HEADER_CAP); pipes and devices are refused by stat, every failure is a CheckpointError.
 */
export function readFileOrFail(file: string, what: string, expectedValues?: number, slots = 1): Buffer {
  const limit = expectedValues === undefined ? MAX_UNSIZED_BYTES : 8 + WEIGHTS_HEADER_CAP + 4 * slots * expectedValues;
  const tooLarge = (f: string, l: number, size?: number) =>
    new CheckpointError(
      `${f}: ${size ?? `more than ${l}`} bytes, more than the ${l} bytes ` +
        (expectedValues === undefined ? 'a weights file may have' : `the graph's ${expectedValues} weights can take (${4 * slots} bytes each plus ${WEIGHTS_HEADER_CAP / (1024 * 1024)} MB of header)`),
    );
  try {
    return readBytesCapped(file, limit, tooLarge);
  } catch (err) {
    if (err instanceof CheckpointError) throw err;
    if (err instanceof NotRegularFileError) throw new CheckpointError(err.message);
    const code = (err as NodeJS.ErrnoException).code;
    throw new CheckpointError(code === 'ENOENT' ? `${file}: no saved ${what} (train the graph first)` : `${file}: cannot read ${what} (${code ?? String(err)})`);
  }
}

/** Bounds on what a weights file may claim: more classes or longer names than this are a damaged or hostile file. */
const MAX_CLASS_NAMES = 100_000;
const MAX_CLASS_NAME_LENGTH = 1000;
const MAX_CHANNELS = 65_536;

/**
 * The metadata checked as strictly as the tensors: a std of 0 or a mean that is not a number would make every
 * prediction NaN ("NaN%" reported as a result), class names that are not strings or are millions would flood the
 * output. Each problem is a CheckpointError naming the file and the field.
 */
function parseInfo(metadata: Readonly<Record<string, string>>, file: string): WeightsInfo {
  const fail = (field: string, why: string): never => {
    throw new CheckpointError(`${file}: __metadata__.${field} ${why}`);
  };
  const json = (key: string): unknown => {
    const text = metadata[key];
    if (text === undefined) return undefined;
    try {
      return JSON.parse(text);
    } catch {
      return fail(key, 'is not valid JSON');
    }
  };
  const task = metadata.task;
  if (task !== undefined && task !== 'classification' && task !== 'regression') fail('task', `must be "classification" or "regression", got ${JSON.stringify(task)}`);
  const seedText = metadata.seed;
  if (seedText !== undefined && !(/^-?\d+$/.test(seedText) && Number.isSafeInteger(Number(seedText)))) fail('seed', `must be a whole number, got ${JSON.stringify(seedText)}`);
  const stepText = metadata.globalStep ?? '0';
  if (!(/^\d+$/.test(stepText) && Number.isSafeInteger(Number(stepText)))) fail('globalStep', `must be a whole number ≥ 0, got ${JSON.stringify(stepText)}`);
  const runId = metadata.runId;
  if (runId !== undefined && !/^[0-9A-Za-z-]{1,64}$/.test(runId)) fail('runId', 'must be 1 to 64 letters, digits or dashes');
  return {
    runId,
    graph: metadata.graph ?? '',
    dataset: metadata.dataset,
    seed: seedText === undefined ? undefined : Number(seedText),
    task: task as WeightsInfo['task'],
    classNames: classNamesOf(json('classNames'), fail),
    normalization: normalizationOf(json('normalization'), fail),
    globalStep: Number(stepText),
  };
}

type Fail = (field: string, why: string) => never;

function classNamesOf(value: unknown, fail: Fail): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) return fail('classNames', 'must be a list of strings');
  if (value.length > MAX_CLASS_NAMES) fail('classNames', `has ${value.length} names, more than ${MAX_CLASS_NAMES}`);
  value.forEach((name: unknown, i) => {
    if (typeof name !== 'string') fail(`classNames[${i}]`, `must be a string, got ${JSON.stringify(name)}`);
    else if (name.length > MAX_CLASS_NAME_LENGTH) fail(`classNames[${i}]`, `is longer than ${MAX_CLASS_NAME_LENGTH} characters`);
  });
  return value as string[];
}

function normalizationOf(value: unknown, fail: Fail): WeightsInfo['normalization'] {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('normalization', 'must be an object { mean, std }');
  const { mean, std } = value as { mean?: unknown; std?: unknown };
  const numbers = (name: 'mean' | 'std', list: unknown): number[] => {
    if (!Array.isArray(list) || list.length < 1 || list.length > MAX_CHANNELS) return fail(`normalization.${name}`, `must be a list of 1 to ${MAX_CHANNELS} numbers`);
    list.forEach((v: unknown, i) => {
      const finite = typeof v === 'number' && Number.isFinite(v);
      if (name === 'mean' && !finite) fail(`normalization.mean[${i}]`, `must be a finite number, got ${String(v)}`);
      if (name === 'std' && !(finite && (v as number) > 0)) fail(`normalization.std[${i}]`, `must be a finite number > 0, got ${String(v)}`);
    });
    return list as number[];
  };
  const m = numbers('mean', mean);
  const s = numbers('std', std);
  if (m.length !== s.length) fail('normalization', `has ${m.length} means but ${s.length} standard deviation${s.length === 1 ? '' : 's'}`);
  return { mean: m, std: s };
}
