/**
 * The messages the webview sends to the extension host, and their validator. The webview is untrusted input to
 * the host, so every message is checked by `parseWebviewMessage` before it is acted on; a message that does not
 * fit is refused with the reason, which the host logs.
 */
import type { Intent } from '../../engine/document/intent';
import { describe, fail, finite, Invalid, list, record, str, type Parsed } from './checks';
import { parseIntent } from './intents';

export type WebviewMessage =
  | { readonly type: 'ready' }
  /** The webview missed a change (a `document-change` from another version than it holds): send the whole text. */
  | { readonly type: 'document-request' }
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

/** One part of a PNG in base64 (well under MAX_WEBVIEW_MESSAGE_CHARS), and at most this many parts (192 MiB). */
export const RASTER_PART_CHARS = 3 * 1024 * 1024;
export const MAX_RASTER_PARTS = 64;

/** Checks a message from the webview; `ok: false` carries why it was refused (for the output channel). */
export function parseWebviewMessage(data: unknown): Parsed<WebviewMessage> {
  try {
    const r = record(data, 'message');
    switch (r.type) {
      case 'ready':
      case 'document-request':
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
