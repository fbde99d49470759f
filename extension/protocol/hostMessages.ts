/**
 * The messages the extension host sends to the webview, and the webview's cheap check of them (the host is
 * trusted; the check only keeps a wrong shape from crashing the React tree).
 */
import type { TextChange } from '../../engine/document/textChanges';
import type { Graph } from '../../engine/graph/types';
import type { Prediction, TrainingView } from './training';

/** `training-tab`: this editor is the training panel's own tab (the panel fills it; the canvas is hidden). */
export type EditorCommand = 'fit-view' | 'auto-layout' | 'show-summary' | 'show-training' | 'find-node' | 'training-tab';

export type HostMessage =
  /**
   * The document's text; `graph` is its parsed graph when the host already has it (after a canvas edit). `sentAt`
   * (both document messages): when the host posted it, epoch ms, so that the e2e suite splits a text edit's time
   * into VS Code's share (key → extension host) and the rest.
   */
  | { readonly type: 'document'; readonly text: string; readonly version: number; readonly graph?: Graph; readonly sentAt?: number }
  /**
   * The document went from version `from` (the text this webview last received, whole or by changes) to `version`:
   * `changes` applied in order (engine/document/textChanges.ts) give the new text, `length` long. A few bytes where
   * `document` carries the whole text at every keystroke. A webview holding another version, or getting another
   * length, asks for the whole text (`document-request`).
   */
  | { readonly type: 'document-change'; readonly from: number; readonly version: number; readonly changes: readonly TextChange[]; readonly length: number; readonly graph?: Graph; readonly sentAt?: number }
  | { readonly type: 'command'; readonly command: EditorCommand; readonly direction?: 'DOWN' | 'RIGHT' }
  | { readonly type: 'intent-result'; readonly requestId: number; readonly ok: boolean; readonly error?: string }
  | { readonly type: 'training'; readonly view: TrainingView }
  | { readonly type: 'prediction'; readonly requestId: number; readonly prediction?: Prediction; readonly error?: string }
  /** Draws an exported diagram's SVG into a canvas at `scale` and answers with a `raster` message (PNG export). */
  | { readonly type: 'rasterize'; readonly requestId: number; readonly svg: string; readonly width: number; readonly height: number; readonly scale: number };

/** The webview checks the host's messages too (cheaply): a wrong shape would otherwise crash the React tree. */
export function parseHostMessage(data: unknown): HostMessage | null {
  if (typeof data !== 'object' || data === null) return null;
  const m = data as Record<string, unknown>;
  switch (m.type) {
    case 'document':
      return typeof m.text === 'string' && typeof m.version === 'number' ? (m as unknown as HostMessage) : null;
    case 'document-change':
      return typeof m.from === 'number' && typeof m.version === 'number' && typeof m.length === 'number' && Array.isArray(m.changes) && m.changes.every(isTextChange)
        ? (m as unknown as HostMessage)
        : null;
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

function isTextChange(c: unknown): c is TextChange {
  if (typeof c !== 'object' || c === null) return false;
  const { offset, length, text } = c as Record<string, unknown>;
  return typeof offset === 'number' && typeof length === 'number' && typeof text === 'string';
}
