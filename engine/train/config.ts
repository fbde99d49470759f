/**
 * The `training` section of a graph file: how the graph trains. The graph parser keeps it verbatim; this module
 * defines it, validates it (every bad field gets a message naming it) and applies defaults that work for the bundled
 * data sets. CLI flags arrive as a second, already-typed layer of overrides.
 */
import type { OptimizerKind } from '../optim/types';
import { OPTIMIZER_KINDS } from '../optim/types';
import type { Schedule } from '../optim/schedule';
import { closestName } from '../shape/closest';
import { describeValue } from '../graph/describeValue';

export type TrainingLoss = 'cross-entropy' | 'mse' | 'binary-cross-entropy';

export interface Augmentation {
  /** Random horizontal flips (for images whose meaning survives a mirror: not digits). */
  readonly flip: boolean;
  /** Random crops after zero-padding by this many pixels on each side (0 = off). */
  readonly crop: number;
}

export interface TrainingConfig {
  /** Data-set spec (engine/data/spec.ts); required to train, from the file or `--data`. */
  readonly dataset: string | undefined;
  readonly optimizer: OptimizerKind;
  readonly learningRate: number;
  /** μ for "momentum" and "nesterov". */
  readonly momentum: number;
  /** L2 coefficient λ, applied to weights (not biases or batchnorm γ/β). */
  readonly weightDecay: number;
  readonly batchSize: number;
  readonly epochs: number;
  readonly seed: number;
  /** Share of the training split held out to validate after every epoch (0 = none). */
  readonly validationSplit: number;
  readonly schedule: Schedule;
  /** Maximum global gradient norm; `null` = no clipping. */
  readonly clipNorm: number | null;
  /** `undefined` = from the data set's task (cross-entropy for classification, MSE for regression). */
  readonly loss: TrainingLoss | undefined;
  readonly augment: Augmentation;
  /** Standardise inputs per channel with the training split's mean and std (stored with the weights). */
  readonly normalize: boolean;
  /**
   * Multiplies the initial weights of the output layer (the last node with weights: the one producing the logits),
   * so a classifier starts near the uniform guess, loss ≈ ln C (engine/train/initialLoss.ts offers it as a fix).
   */
  readonly outputInitScale: number;
}

export const DEFAULT_TRAINING: TrainingConfig = {
  dataset: undefined,
  optimizer: 'adam',
  learningRate: 1e-3,
  momentum: 0.9,
  weightDecay: 0,
  batchSize: 64,
  epochs: 10,
  seed: 42,
  validationSplit: 0.1,
  schedule: { type: 'constant' },
  clipNorm: null,
  loss: undefined,
  augment: { flip: false, crop: 0 },
  normalize: true,
  outputInitScale: 1,
};

/** A problem with one field; `field` is the JSON path, e.g. "training.schedule.gamma". */
export interface ConfigProblem {
  readonly field: string;
  readonly message: string;
}

export type TrainingOverrides = Partial<TrainingConfig>;

export interface ResolvedTraining {
  readonly config: TrainingConfig;
  readonly problems: readonly ConfigProblem[];
}

/** Validates the file's section (absent = all defaults) and lays the overrides over it. */
export function resolveTrainingConfig(section: unknown, overrides: TrainingOverrides = {}): ResolvedTraining {
  const { settings, problems } = parseTrainingSection(section);
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  return { config: { ...DEFAULT_TRAINING, ...settings, ...defined }, problems };
}

const LOSSES: readonly TrainingLoss[] = ['cross-entropy', 'mse', 'binary-cross-entropy'];
const SCHEDULES = ['constant', 'step', 'cosine'] as const;
const KNOWN = Object.keys(DEFAULT_TRAINING);

/** Reads what the section sets, checking each field; fields with problems are left at their defaults. */
export function parseTrainingSection(section: unknown, prefix = 'training'): { settings: TrainingOverrides; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const settings: Record<string, unknown> = {};
  if (section === undefined || section === null) return { settings, problems };
  if (typeof section !== 'object' || Array.isArray(section)) {
    return { settings, problems: [{ field: prefix, message: `must be an object, got ${describe(section)}` }] };
  }
  const field = (name: string) => `${prefix}.${name}`;
  const problem = (name: string, message: string) => problems.push({ field: field(name), message });
  for (const [name, value] of Object.entries(section)) {
    const check = (ok: boolean, expected: string): boolean => {
      if (!ok) problem(name, `must be ${expected}, got ${describe(value)}`);
      return ok;
    };
    switch (name) {
      case 'dataset':
        if (check(typeof value === 'string' && value.trim() !== '', 'a data-set spec such as "mnist" or "folder:./images"')) settings[name] = value;
        break;
      case 'optimizer':
        if (check(OPTIMIZER_KINDS.includes(value as OptimizerKind), `one of ${OPTIMIZER_KINDS.map((k) => `"${k}"`).join(', ')}`)) settings[name] = value;
        break;
      case 'learningRate':
        if (check(isNumber(value) && value > 0 && value < 10, 'a number above 0 and below 10 (e.g. 0.001)')) settings[name] = value;
        break;
      case 'momentum':
        if (check(isNumber(value) && value >= 0 && value < 1, 'a number in [0, 1) (e.g. 0.9)')) settings[name] = value;
        break;
      case 'weightDecay':
        if (check(isNumber(value) && value >= 0 && value < 1, 'a number in [0, 1) (e.g. 0.0005)')) settings[name] = value;
        break;
      case 'batchSize':
        if (check(Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 65536, 'a whole number from 1 to 65536')) settings[name] = value;
        break;
      case 'epochs':
        if (check(Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 100000, 'a whole number from 1 to 100000')) settings[name] = value;
        break;
      case 'seed':
        if (check(Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 0xffffffff, 'a whole number from 0 to 4294967295')) settings[name] = value;
        break;
      case 'validationSplit':
        if (check(isNumber(value) && value >= 0 && value < 1, 'a fraction in [0, 1) (e.g. 0.1)')) settings[name] = value;
        break;
      case 'clipNorm':
        if (check(value === null || (isNumber(value) && value > 0), 'a number above 0, or null for no clipping')) settings[name] = value;
        break;
      case 'loss':
        if (check(LOSSES.includes(value as TrainingLoss), '"cross-entropy", "mse" or "binary-cross-entropy"')) settings[name] = value;
        break;
      case 'normalize':
        if (check(typeof value === 'boolean', 'true or false')) settings[name] = value;
        break;
      case 'outputInitScale':
        if (check(isNumber(value) && value > 0 && value <= 1, 'a number above 0 and at most 1 (e.g. 0.02)')) settings[name] = value;
        break;
      case 'schedule': {
        const schedule = parseSchedule(value, field(name), problems);
        if (schedule) settings[name] = schedule;
        break;
      }
      case 'augment': {
        const augment = parseAugment(value, field(name), problems);
        if (augment) settings[name] = augment;
        break;
      }
      default:
        problem(name, `is not a training setting${suggest(name, KNOWN)}; known: ${KNOWN.join(', ')}`);
    }
  }
  return { settings: settings as TrainingOverrides, problems };
}

function parseSchedule(value: unknown, at: string, problems: ConfigProblem[]): Schedule | null {
  if (typeof value === 'string' && (value === 'constant' || value === 'cosine')) return { type: value };
  if (!isObject(value)) {
    problems.push({ field: at, message: `must be an object such as { "type": "cosine" } or { "type": "step", "stepSize": 5, "gamma": 0.5 }, got ${describe(value)}` });
    return null;
  }
  const before = problems.length;
  const type = value.type;
  if (!SCHEDULES.includes(type as (typeof SCHEDULES)[number])) {
    problems.push({ field: `${at}.type`, message: `must be "constant", "step" or "cosine", got ${describe(type)}` });
    return null;
  }
  const allowed = type === 'step' ? ['type', 'stepSize', 'gamma', 'warmupSteps'] : type === 'cosine' ? ['type', 'minLearningRate', 'warmupSteps'] : ['type', 'warmupSteps'];
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) problems.push({ field: `${at}.${key}`, message: `is not a setting of a "${type}" schedule; known: ${allowed.join(', ')}` });
  }
  const warmupSteps = value.warmupSteps ?? 0;
  if (!Number.isInteger(warmupSteps) || (warmupSteps as number) < 0) {
    problems.push({ field: `${at}.warmupSteps`, message: `must be a whole number of updates ≥ 0, got ${describe(value.warmupSteps)}` });
  }
  if (type === 'step') {
    const { stepSize, gamma } = value;
    if (!Number.isInteger(stepSize) || (stepSize as number) < 1) problems.push({ field: `${at}.stepSize`, message: `must be a whole number of epochs ≥ 1, got ${describe(stepSize)}` });
    if (!isNumber(gamma) || gamma <= 0 || gamma > 1) problems.push({ field: `${at}.gamma`, message: `must be a factor in (0, 1] (e.g. 0.5), got ${describe(gamma)}` });
    if (problems.length > before) return null;
    return { type, stepSize: stepSize as number, gamma: gamma as number, warmupSteps: warmupSteps as number };
  }
  if (type === 'cosine') {
    const min = value.minLearningRate ?? 0;
    if (!isNumber(min) || min < 0) problems.push({ field: `${at}.minLearningRate`, message: `must be a number ≥ 0, got ${describe(value.minLearningRate)}` });
    if (problems.length > before) return null;
    return { type, minLearningRate: min as number, warmupSteps: warmupSteps as number };
  }
  return problems.length > before ? null : { type: 'constant', warmupSteps: warmupSteps as number };
}

function parseAugment(value: unknown, at: string, problems: ConfigProblem[]): TrainingConfig['augment'] | null {
  if (!isObject(value)) {
    problems.push({ field: at, message: `must be an object such as { "flip": true, "crop": 4 }, got ${describe(value)}` });
    return null;
  }
  const before = problems.length;
  for (const key of Object.keys(value)) {
    if (key !== 'flip' && key !== 'crop') problems.push({ field: `${at}.${key}`, message: 'is not an augmentation; known: flip, crop' });
  }
  const flip = value.flip ?? false;
  const crop = value.crop ?? 0;
  if (typeof flip !== 'boolean') problems.push({ field: `${at}.flip`, message: `must be true or false, got ${describe(value.flip)}` });
  if (!Number.isInteger(crop) || (crop as number) < 0 || (crop as number) > 64) {
    problems.push({ field: `${at}.crop`, message: `must be the padding in pixels, a whole number from 0 to 64, got ${describe(value.crop)}` });
  }
  return problems.length > before ? null : { flip: flip as boolean, crop: crop as number };
}

/** The section as a JSON-Schema fragment (draft-07), for the graph file's schema. */
export const trainingSchema = {
  type: 'object',
  description: 'How the graph trains (`wiregrad train`). Every field is optional.',
  additionalProperties: false,
  properties: {
    dataset: { type: 'string', description: 'Data-set spec: "mnist", "shapes", "x2", "folder:PATH", "csv:PATH", "idx:IMAGES,LABELS".' },
    optimizer: { enum: [...OPTIMIZER_KINDS], default: DEFAULT_TRAINING.optimizer },
    learningRate: { type: 'number', exclusiveMinimum: 0, default: DEFAULT_TRAINING.learningRate },
    momentum: { type: 'number', minimum: 0, exclusiveMaximum: 1, default: DEFAULT_TRAINING.momentum, description: 'For "momentum" and "nesterov".' },
    weightDecay: { type: 'number', minimum: 0, exclusiveMaximum: 1, default: 0, description: 'L2 on weights (not biases, batchnorm γ/β).' },
    batchSize: { type: 'integer', minimum: 1, maximum: 65536, default: DEFAULT_TRAINING.batchSize },
    epochs: { type: 'integer', minimum: 1, default: DEFAULT_TRAINING.epochs },
    seed: { type: 'integer', minimum: 0, maximum: 4294967295, default: DEFAULT_TRAINING.seed },
    validationSplit: { type: 'number', minimum: 0, exclusiveMaximum: 1, default: DEFAULT_TRAINING.validationSplit },
    schedule: {
      description: 'Learning-rate schedule, with an optional linear warm-up in updates.',
      oneOf: [
        { enum: ['constant', 'cosine'] },
        {
          type: 'object',
          additionalProperties: false,
          required: ['type'],
          properties: { type: { const: 'constant' }, warmupSteps: { type: 'integer', minimum: 0 } },
        },
        {
          type: 'object',
          additionalProperties: false,
          required: ['type', 'stepSize', 'gamma'],
          properties: {
            type: { const: 'step' },
            stepSize: { type: 'integer', minimum: 1, description: 'Epochs between decays.' },
            gamma: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
            warmupSteps: { type: 'integer', minimum: 0 },
          },
        },
        {
          type: 'object',
          additionalProperties: false,
          required: ['type'],
          properties: {
            type: { const: 'cosine' },
            minLearningRate: { type: 'number', minimum: 0 },
            warmupSteps: { type: 'integer', minimum: 0 },
          },
        },
      ],
    },
    clipNorm: { type: ['number', 'null'], exclusiveMinimum: 0, description: 'Clip gradients to this global L2 norm.' },
    loss: {
      enum: [...LOSSES],
      description:
        'Default: cross-entropy for classification, mse for regression. binary-cross-entropy: per output value against targets in [0, 1] (masks), fused with a final sigmoid.',
    },
    augment: {
      type: 'object',
      additionalProperties: false,
      properties: {
        flip: { type: 'boolean', default: false },
        crop: { type: 'integer', minimum: 0, maximum: 64, default: 0, description: 'Random crop after padding by this many pixels.' },
      },
    },
    normalize: { type: 'boolean', default: DEFAULT_TRAINING.normalize, description: 'Standardise inputs per channel.' },
    outputInitScale: {
      type: 'number',
      exclusiveMinimum: 0,
      maximum: 1,
      default: DEFAULT_TRAINING.outputInitScale,
      description: "Multiplies the output layer's initial weights, so a classifier starts near the uniform guess (loss ≈ ln C).",
    },
  },
} as const;

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  const text = describeValue(value);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

/** ", did you mean …?" for a near-miss. */
function suggest(name: string, known: readonly string[]): string {
  const best = closestName(name, known);
  return best ? ` (did you mean "${best}"?)` : '';
}
