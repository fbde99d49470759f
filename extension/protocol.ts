/**
 * The messages between the graph editor's webview and the extension host: one discriminated union per direction,
 * shared by both sides. The webview is untrusted input to the extension host, so every message is checked by
 * `parseWebviewMessage` before it is acted on; a message that does not fit is dropped and the reason logged.
 *
 * The webview never edits the file: it sends intents (add node, connect, set attribute…) and the extension turns
 * them into minimal text edits of the document, which then comes back as a `document` message.
 */
import type { GradientFlag } from '../engine/train/gradientFlags';
import type { GradientFlowEpoch } from '../engine/train/gradientFlow';
import type { InitialLossCheck } from '../engine/train/initialLoss';
import type { OverfitResult } from '../engine/train/overfit';
import type { Graph, JsonObject, JsonValue } from '../engine/graph/types';
import type { EdgeRef, Intent, NodeCopy, Position } from '../engine/document/intent';
import type { ExpressionFixEdit } from '../engine/expression/diagnostics';

export type { EdgeRef, Intent, NodeCopy, Position } from '../engine/document/intent';

/** `training-tab`: this editor is the training panel's own tab (the panel fills it; the canvas is hidden). */
export type EditorCommand = 'fit-view' | 'auto-layout' | 'show-summary' | 'show-training' | 'find-node' | 'training-tab';

/** The learned function of a 1-in-1-out regression on a grid of x, with the target function when known. */
export interface LearnedFunction {
  readonly x: readonly number[];
  readonly y: readonly number[];
  readonly reference: readonly number[] | null;
  readonly referenceLabel: string | null;
}

/** The first conv layer's filters as images (0–255, HWC per filter). */
export interface FilterImages {
  readonly node: string;
  readonly width: number;
  readonly height: number;
  readonly channels: number;
  readonly images: readonly (readonly number[])[];
}

/** A conv2d node whose output is an image (activation maps can be shown for it). */
export interface ConvNode {
  readonly node: string;
  readonly width: number;
  readonly height: number;
  readonly channels: number;
}

/** A test image the user picked, as the webview shows it (0–255, HWC) with its true class. */
export interface TestSample {
  readonly index: number;
  /** Images in the test split (previous/next wrap around). */
  readonly count: number;
  readonly actual: number | null;
  readonly label: string;
  readonly width: number;
  readonly height: number;
  readonly channels: number;
  readonly pixels: readonly number[];
}

export interface Prediction {
  readonly probabilities: readonly number[];
  readonly classNames: readonly string[];
  /** Every conv node of the network (to choose the one whose maps are shown). */
  readonly convNodes: readonly ConvNode[];
  /** For the chosen conv node (every conv node when none was chosen), one 0–255 map per channel. */
  readonly activations: readonly { readonly node: string; readonly width: number; readonly height: number; readonly maps: readonly (readonly number[])[] }[];
  /** Set when the input was a test image. */
  readonly sample?: TestSample;
}

/** Test images the network got wrong, with its answers (images 0–255, HWC). */
export interface Misclassified {
  readonly width: number;
  readonly height: number;
  readonly channels: number;
  /** Test samples looked at, and how many of them were wrong. */
  readonly checked: number;
  readonly wrong: number;
  readonly classNames: readonly string[];
  readonly examples: readonly { readonly pixels: readonly number[]; readonly actual: number; readonly predicted: number; readonly confidence: number }[];
}

/** A previous run of the same graph, for overlaying its loss curve. */
export interface PastRun {
  readonly name: string;
  readonly steps: readonly { readonly step: number; readonly loss: number }[];
}

/** Training state as the webview's panel shows it (issue 5). Built by the extension from worker messages. */
export interface TrainingView {
  readonly status: 'idle' | 'starting' | 'running' | 'paused' | 'finished' | 'cancelled' | 'failed';
  /** One line for people: "epoch 2/4 · step 120/844 · 1,830 samples/s · ETA 0:41". */
  readonly line: string;
  readonly dataset?: string;
  /** Loss and accuracy per reported step (x = global step). */
  readonly steps: readonly { readonly step: number; readonly loss: number; readonly accuracy: number | null }[];
  /** Per finished epoch (x = global step at the epoch's end). */
  readonly epochs: readonly {
    readonly epoch: number;
    readonly step: number;
    readonly trainLoss: number;
    readonly trainAccuracy: number | null;
    readonly valLoss: number | null;
    readonly valAccuracy: number | null;
  }[];
  readonly testAccuracy: number | null;
  readonly testLoss: number | null;
  readonly error: string | null;
  /** The graph changed after the run started (the running model is unaffected). */
  readonly designChanged: boolean;
  readonly memory: string | null;
  /** The kernels the run uses, as the worker's backend selection describes them ("wasm-simd, 2 threads"). */
  readonly backend: string | null;
  readonly weightsFile: string | null;
  readonly classNames: readonly string[] | null;
  /** confusion[actual][predicted] on the test split, after a classification run. */
  readonly confusion: readonly (readonly number[])[] | null;
  readonly learned: LearnedFunction | null;
  readonly filters: FilterImages | null;
  readonly misclassified: Misclassified | null;
  /** The folder this run's metrics and weights are written to. */
  readonly runFolder: string | null;
  readonly pastRuns: readonly PastRun[];
  /** The input shape of the trained network (for the drawing pad), when known. */
  readonly inputShape: readonly number[] | null;
  /** A checkpoint of an unfinished run exists beside the graph: Resume continues from it. */
  readonly resumable: boolean;
  /** Edits that make a design fit its data set, after a run refused for that reason. */
  readonly fixes: readonly { readonly title: string; readonly intent: Intent }[];
  /** Gradient flow per finished epoch (engine/train/gradientFlow.ts), for the per-node charts. */
  readonly gradientFlow: readonly GradientFlowEpoch[];
  /** The last epoch's vanishing/exploding flags, shown on the canvas cards and in the panel. */
  readonly gradientFlags: readonly GradientFlag[];
  /** The run's first sanity check: the loss of the initial weights against chance, with its fix when too high. */
  readonly initialLoss: InitialLossCheck | null;
  /** The last "can it overfit a tiny subset" check (engine/train/overfit.ts), when one ran. */
  readonly overfit: OverfitResult | null;
}

export type HostMessage =
  /** The document's text; `graph` is its parsed graph when the host already has it (after a canvas edit). */
  | { readonly type: 'document'; readonly text: string; readonly version: number; readonly graph?: Graph }
  | { readonly type: 'command'; readonly command: EditorCommand; readonly direction?: 'DOWN' | 'RIGHT' }
  | { readonly type: 'intent-result'; readonly requestId: number; readonly ok: boolean; readonly error?: string }
  | { readonly type: 'training'; readonly view: TrainingView }
  | { readonly type: 'prediction'; readonly requestId: number; readonly prediction?: Prediction; readonly error?: string }
  /** Draws an exported diagram's SVG into a canvas at `scale` and answers with a `raster` message (PNG export). */
  | { readonly type: 'rasterize'; readonly requestId: number; readonly svg: string; readonly width: number; readonly height: number; readonly scale: number };

export type WebviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'intent'; readonly requestId: number; readonly intent: Intent }
  | { readonly type: 'open-as-text' }
  /** `engine` (start only): wiregrad's own trainer (the default) or PyTorch through an exported train.py. */
  | { readonly type: 'train'; readonly action: 'start' | 'stop' | 'pause' | 'resume'; readonly engine?: 'builtin' | 'pytorch' }
  /** "Can it overfit a tiny subset?" (engine/train/overfit.ts): trains on a few samples, saves nothing. */
  | { readonly type: 'check-overfit' }
  /** Writes the design for another framework (engine/export), then opens what was written. */
  | { readonly type: 'export'; readonly target: ExportTarget }
  | { readonly type: 'log'; readonly level: 'info' | 'error'; readonly message: string }
  /** Opens the expression graph a small dense node computes (the backprop lab), with the node's weights. */
  | { readonly type: 'expand-into-gates'; readonly node: string }
  /**
   * Runs one input through the last trained weights: `pixels` (values in [0, 1], input-shaped, HWC) or test image
   * `testIndex` of the data set (wrapped into range); `node` names the conv node whose activation maps come back.
   */
  | { readonly type: 'predict'; readonly requestId: number; readonly pixels?: readonly number[]; readonly testIndex?: number; readonly node?: string }
  /** The toolbar's "Export image…": the host asks for the format, style and theme, as the commands do. */
  | { readonly type: 'export-image' }
  /** Opens the training panel in an editor tab of its own (a second editor of the same document, beside). */
  | { readonly type: 'open-training-tab' }
  /**
   * The PNG a `rasterize` request asked for, base64-encoded, in `parts` messages (`part` 0, 1, …: a big diagram's
   * PNG is larger than one message may be), or why it could not be drawn.
   */
  | { readonly type: 'raster'; readonly requestId: number; readonly png?: string; readonly part?: number; readonly parts?: number; readonly error?: string };

export const EXPORT_TARGETS = ['pytorch', 'onnx'] as const;
export type ExportTarget = (typeof EXPORT_TARGETS)[number];

export type PredictRequest = Omit<Extract<WebviewMessage, { type: 'predict' }>, 'type' | 'requestId'>;

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

// ---------------------------------------------------------------------------------------------------------------
// Validation. Written by hand (no schema library): each check names what was wrong, for the output channel.

const MAX_ID = 200;
const MAX_ITEMS = 10_000;
const MAX_DEPTH = 16;
/** One part of a PNG in base64 (well under MAX_WEBVIEW_MESSAGE_CHARS), and at most this many parts (192 MiB). */
export const RASTER_PART_CHARS = 3 * 1024 * 1024;
export const MAX_RASTER_PARTS = 64;

class Invalid extends Error {}

function fail(reason: string): never {
  throw new Invalid(reason);
}

function record(v: unknown, what: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(`${what} must be an object`);
  return v as Record<string, unknown>;
}

/**
 * Whether `v` has more than `max` own enumerable keys, stopping at the first one past `max`: free-form records
 * (positions, attrs, JSON values) are refused by their size before their entries are validated one by one.
 */
function moreKeysThan(v: object, max: number): boolean {
  let n = 0;
  for (const key in v) if (Object.prototype.hasOwnProperty.call(v, key) && ++n > max) return true;
  return false;
}

/** A value as a message may quote it: JSON.stringify throws on a BigInt and says nothing useful of a symbol. */
function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined) return String(v);
  return `a ${typeof v}`;
}

function str(v: unknown, what: string, max = MAX_ID): string {
  if (typeof v !== 'string' || v.length === 0 || v.length > max) fail(`${what} must be a non-empty string of at most ${max} characters`);
  return v;
}

function finite(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(`${what} must be a finite number`);
  return v;
}

function list(v: unknown, what: string, max = MAX_ITEMS): unknown[] {
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

function json(v: unknown, what: string): JsonValue {
  if (!isJsonValue(v)) fail(`${what} must be a JSON value`);
  return v;
}

function jsonRecord(v: unknown, what: string): Record<string, JsonValue> {
  const r = record(v, what);
  if (moreKeysThan(r, MAX_ITEMS)) fail(`${what} has more than ${MAX_ITEMS} entries`);
  for (const [k, x] of Object.entries(r)) json(x, `${what}.${k}`);
  return r as Record<string, JsonValue>;
}

function position(v: unknown, what: string): Position {
  const r = record(v, what);
  return { x: finite(r.x, `${what}.x`), y: finite(r.y, `${what}.y`) };
}

function edge(v: unknown, what: string): EdgeRef {
  const r = record(v, what);
  return { from: str(r.from, `${what}.from`), to: str(r.to, `${what}.to`) };
}

function positions(v: unknown, what: string): Record<string, Position> {
  const r = record(v, what);
  if (moreKeysThan(r, MAX_ITEMS)) fail(`${what} has more than ${MAX_ITEMS} entries`);
  // Object.fromEntries defines own properties: a node id "__proto__" stays a key, never becomes the prototype.
  return Object.fromEntries(Object.entries(r).map(([id, p]) => [str(id, `${what} key`), position(p, `${what}.${id}`)]));
}

function fixEdit(v: unknown, what: string): ExpressionFixEdit {
  const r = record(v, what);
  switch (r.kind) {
    case 'set-attribute':
      return { kind: r.kind, node: str(r.node, `${what}.node`), attribute: str(r.attribute, `${what}.attribute`), value: json(r.value, `${what}.value`) };
    case 'remove-attribute':
      return { kind: r.kind, node: str(r.node, `${what}.node`), attribute: str(r.attribute, `${what}.attribute`) };
    case 'set-type':
      return { kind: r.kind, node: str(r.node, `${what}.node`), type: str(r.type, `${what}.type`) };
    case 'insert-node':
      return {
        kind: r.kind,
        from: str(r.from, `${what}.from`),
        to: str(r.to, `${what}.to`),
        id: str(r.id, `${what}.id`),
        type: str(r.type, `${what}.type`),
        attrs: jsonRecord(r.attrs, `${what}.attrs`),
      };
    case 'remove-edge':
      return { kind: r.kind, from: str(r.from, `${what}.from`), to: str(r.to, `${what}.to`) };
    case 'set-module-attribute':
      return {
        kind: r.kind,
        module: str(r.module, `${what}.module`),
        node: str(r.node, `${what}.node`),
        attribute: str(r.attribute, `${what}.attribute`),
        value: r.value === null ? null : json(r.value, `${what}.value`),
      };
    case 'remove-node':
    case 'set-output':
      return { kind: r.kind, node: str(r.node, `${what}.node`) };
    case 'append-output-gate':
      return { kind: r.kind, after: str(r.after, `${what}.after`), id: str(r.id, `${what}.id`), type: str(r.type, `${what}.type`) };
    default:
      return fail(`${what}.kind ${describe(r.kind)} is not a fix edit`);
  }
}

function nodeCopy(v: unknown, what: string): NodeCopy {
  const r = record(v, what);
  const base = { id: str(r.id, `${what}.id`), type: str(r.type, `${what}.type`), attrs: jsonRecord(r.attrs, `${what}.attrs`) };
  return r.label === undefined ? base : { ...base, label: str(r.label, `${what}.label`, 1000) };
}

export function parseIntent(v: unknown): Intent {
  const r = record(v, 'intent');
  switch (r.kind) {
    case 'add-node': {
      const out: { kind: 'add-node'; type: string; position?: Position; after?: string } = { kind: 'add-node', type: str(r.type, 'intent.type') };
      if (r.position !== undefined) out.position = position(r.position, 'intent.position');
      if (r.after !== undefined) out.after = str(r.after, 'intent.after');
      return out;
    }
    case 'connect':
    case 'disconnect':
      return { kind: r.kind, ...edge(r, 'intent') };
    case 'set-attribute':
      return { kind: r.kind, node: str(r.node, 'intent.node'), attribute: str(r.attribute, 'intent.attribute'), value: json(r.value, 'intent.value') };
    case 'remove-attribute':
      return { kind: r.kind, node: str(r.node, 'intent.node'), attribute: str(r.attribute, 'intent.attribute') };
    case 'set-label':
      return { kind: r.kind, node: str(r.node, 'intent.node'), label: r.label === null ? null : str(r.label, 'intent.label', 1000) };
    case 'move':
      return { kind: r.kind, positions: positions(r.positions, 'intent.positions') };
    case 'delete':
      return {
        kind: r.kind,
        nodes: list(r.nodes, 'intent.nodes').map((n, i) => str(n, `intent.nodes[${i}]`)),
        edges: list(r.edges, 'intent.edges').map((e, i) => edge(e, `intent.edges[${i}]`)),
      };
    case 'apply-fix':
      return { kind: r.kind, edits: list(r.edits, 'intent.edits').map((e, i) => fixEdit(e, `intent.edits[${i}]`)) };
    case 'paste':
      return {
        kind: r.kind,
        nodes: list(r.nodes, 'intent.nodes').map((n, i) => nodeCopy(n, `intent.nodes[${i}]`)),
        edges: list(r.edges, 'intent.edges').map((e, i) => edge(e, `intent.edges[${i}]`)),
        positions: positions(r.positions, 'intent.positions'),
      };
    case 'set-training':
      return { kind: r.kind, key: str(r.key, 'intent.key'), value: r.value === null ? null : json(r.value, 'intent.value') };
    case 'group-into-module':
      return { kind: r.kind, nodes: list(r.nodes, 'intent.nodes').map((n, i) => str(n, `intent.nodes[${i}]`)), name: str(r.name, 'intent.name') };
    case 'set-module-attribute':
      return {
        kind: r.kind,
        module: str(r.module, 'intent.module'),
        node: str(r.node, 'intent.node'),
        attribute: str(r.attribute, 'intent.attribute'),
        value: r.value === null ? null : json(r.value, 'intent.value'),
      };
    default:
      return fail(`unknown intent kind ${describe(r.kind)}`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Transport. The webview sends every message as one JSON string (encodeWebviewMessage, its only way out) and the
// host reads it with decodeWebviewMessage, its only way in. A string's length is known before anything is built
// from it: an oversized message is refused in O(1), before JSON.parse makes an object whose keys V8 would then
// enumerate whole (a million-entry record cost ~3 s in the validator as a structured-cloned object). JSON.parse
// also yields only plain data: no getters, proxies, BigInts, symbols or cycles reach the validator this way.

/**
 * The longest message the webview may send, in characters of its JSON text (UTF-16 code units: the webview's JSON
 * is ASCII but for labels, so this is its size in bytes). 4 MiB holds the largest legitimate message with room to
 * spare: a 224×224×3 image drawn for predict at full float precision (~3 MB), or a paste of thousands of nodes.
 */
export const MAX_WEBVIEW_MESSAGE_CHARS = 4 * 1024 * 1024;

/** The one place the webview serialises a message for the host. */
export function encodeWebviewMessage(message: WebviewMessage): string {
  return JSON.stringify(message);
}

/** The one place the host reads a webview message: size cap, then JSON.parse, then `parseWebviewMessage`. */
export function decodeWebviewMessage(data: unknown): Parsed<WebviewMessage> {
  if (typeof data !== 'string') return { ok: false, reason: `a message must arrive as a JSON string; got ${describe(data)}` };
  if (data.length > MAX_WEBVIEW_MESSAGE_CHARS) {
    return { ok: false, reason: `the message is ${data.length.toLocaleString('en-US')} characters long; the limit is ${MAX_WEBVIEW_MESSAGE_CHARS.toLocaleString('en-US')}` };
  }
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch (e) {
    return { ok: false, reason: `the message is not JSON (${e instanceof Error ? e.message.slice(0, 100) : 'parse error'})` };
  }
  return parseWebviewMessage(value);
}

/** Checks a message from the webview; `ok: false` carries why it was refused (for the output channel). */
export function parseWebviewMessage(data: unknown): Parsed<WebviewMessage> {
  try {
    const r = record(data, 'message');
    switch (r.type) {
      case 'ready':
      case 'open-as-text':
      case 'export-image':
      case 'open-training-tab':
        return { ok: true, value: { type: r.type } };
      case 'raster': {
        const id = r.requestId;
        if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) fail('requestId must be a non-negative integer');
        if ((r.png === undefined) === (r.error === undefined)) fail('raster needs exactly one of png and error');
        if (r.png !== undefined) {
          if (typeof r.png !== 'string' || r.png.length > RASTER_PART_CHARS || !/^[A-Za-z0-9+/]*={0,2}$/.test(r.png)) fail(`raster.png must be base64 of at most ${RASTER_PART_CHARS} characters`);
          const parts = r.parts ?? 1;
          const part = r.part ?? 0;
          if (typeof parts !== 'number' || !Number.isSafeInteger(parts) || parts < 1 || parts > MAX_RASTER_PARTS) fail(`raster.parts must be an integer from 1 to ${MAX_RASTER_PARTS}`);
          if (typeof part !== 'number' || !Number.isSafeInteger(part) || part < 0 || part >= parts) fail('raster.part must be an integer from 0 to parts − 1');
          return { ok: true, value: { type: 'raster', requestId: id, png: r.png, part, parts } };
        }
        return { ok: true, value: { type: 'raster', requestId: id, error: str(r.error, 'raster.error', 1000) } };
      }
      case 'intent': {
        const id = r.requestId;
        if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) fail('requestId must be a non-negative integer');
        return { ok: true, value: { type: 'intent', requestId: id, intent: parseIntent(r.intent) } };
      }
      case 'train':
        if (r.action !== 'start' && r.action !== 'stop' && r.action !== 'pause' && r.action !== 'resume') fail('train.action must be start, stop, pause or resume');
        if (r.engine !== undefined && r.engine !== 'builtin' && r.engine !== 'pytorch') fail('train.engine must be builtin or pytorch');
        return { ok: true, value: { type: 'train', action: r.action, ...(r.engine === undefined ? {} : { engine: r.engine }) } };
      case 'check-overfit':
        return { ok: true, value: { type: 'check-overfit' } };
      case 'export':
        if (!EXPORT_TARGETS.includes(r.target as ExportTarget)) fail(`export.target must be one of ${EXPORT_TARGETS.join(', ')}`);
        return { ok: true, value: { type: 'export', target: r.target as ExportTarget } };
      case 'predict': {
        const id = r.requestId;
        if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) fail('requestId must be a non-negative integer');
        if ((r.pixels === undefined) === (r.testIndex === undefined)) fail('predict needs exactly one of pixels and testIndex');
        const node = r.node === undefined ? {} : { node: str(r.node, 'predict.node') };
        if (r.testIndex !== undefined) {
          if (typeof r.testIndex !== 'number' || !Number.isSafeInteger(r.testIndex)) fail('predict.testIndex must be an integer');
          return { ok: true, value: { type: 'predict', requestId: id, testIndex: r.testIndex, ...node } };
        }
        const pixels = list(r.pixels, 'predict.pixels', 1_000_000).map((v, i) => finite(v, `predict.pixels[${i}]`));
        return { ok: true, value: { type: 'predict', requestId: id, pixels, ...node } };
      }
      case 'expand-into-gates':
        return { ok: true, value: { type: 'expand-into-gates', node: str(r.node, 'expand-into-gates.node') } };
      case 'log':
        if (r.level !== 'info' && r.level !== 'error') fail('log.level must be info or error');
        return { ok: true, value: { type: 'log', level: r.level, message: str(r.message, 'log.message', 10_000) } };
      default:
        return fail(`unknown message type ${describe(r.type)}`);
    }
  } catch (e) {
    if (e instanceof Invalid) return { ok: false, reason: e.message };
    // Never throws into the host: a getter or proxy trap that throws, a stack overflow on some structure.
    return { ok: false, reason: 'the message could not be read (a property threw when read)' };
  }
}

/** The webview checks the host's messages too (cheaply): a wrong shape would otherwise crash the React tree. */
export function parseHostMessage(data: unknown): HostMessage | null {
  if (typeof data !== 'object' || data === null) return null;
  const m = data as Record<string, unknown>;
  switch (m.type) {
    case 'document':
      return typeof m.text === 'string' && typeof m.version === 'number' ? (m as unknown as HostMessage) : null;
    case 'command':
      return typeof m.command === 'string' ? (m as unknown as HostMessage) : null;
    case 'intent-result':
      return typeof m.requestId === 'number' && typeof m.ok === 'boolean' ? (m as unknown as HostMessage) : null;
    case 'training':
      return typeof m.view === 'object' && m.view !== null ? (m as unknown as HostMessage) : null;
    case 'prediction':
      return typeof m.requestId === 'number' ? (m as unknown as HostMessage) : null;
    case 'rasterize':
      return typeof m.requestId === 'number' && typeof m.svg === 'string' && typeof m.width === 'number' && typeof m.height === 'number' && typeof m.scale === 'number'
        ? (m as unknown as HostMessage)
        : null;
    default:
      return null;
  }
}

export type { JsonObject };
