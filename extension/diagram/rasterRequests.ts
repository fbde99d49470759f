/**
 * PNG export asks the graph editor's webview to draw the diagram's SVG into a canvas (Chromium rasterises it,
 * offline, with the fonts VS Code has): one pending promise per request id, settled by the webview's `raster`
 * answer, a closed editor, or a timeout.
 */
import { isPng } from '../../engine/export/diagram/diagramFile';

const TIMEOUT_MS = 60_000;

interface Pending {
  resolve(png: Uint8Array): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
  /** The base64 parts received so far (a big PNG comes in several messages). */
  parts: (string | undefined)[];
}

export class RasterRequests {
  private next = 1;
  private readonly pending = new Map<number, Pending>();

  /** Sends a request through `post` and waits for its answer. */
  request(post: (requestId: number) => void): Promise<Uint8Array> {
    const requestId = this.next++;
    return new Promise<Uint8Array>((resolve, reject) => {
      const timer = setTimeout(() => this.settle(requestId, new Error(`the graph editor did not draw the picture within ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS);
      this.pending.set(requestId, { resolve, reject, timer, parts: [] });
      post(requestId);
    });
  }

  /**
   * One of the webview's answers: part `part` of `parts` of a base64 PNG, or why it could not draw one. The PNG is
   * checked when its last part is in. Unknown ids (late answers) are ignored.
   */
  answer(requestId: number, png: string | undefined, error: string | undefined, part = 0, parts = 1): void {
    const p = this.pending.get(requestId);
    if (!p) return;
    if (png === undefined) return this.settle(requestId, new Error(error ?? 'the graph editor sent no picture'));
    if (p.parts.length > 0 && p.parts.length !== parts) return this.settle(requestId, new Error('the graph editor sent the picture’s parts inconsistently'));
    if (p.parts.length === 0) p.parts = new Array<string | undefined>(parts).fill(undefined);
    p.parts[part] = png;
    if (p.parts.some((x) => x === undefined)) return;
    const bytes = Buffer.from(p.parts.join(''), 'base64');
    if (!isPng(bytes)) return this.settle(requestId, new Error('the graph editor sent something that is not a PNG'));
    this.settle(requestId, bytes);
  }

  /** Fails every request still waiting (the editor was closed). */
  cancelAll(reason: string): void {
    for (const id of [...this.pending.keys()]) this.settle(id, new Error(reason));
  }

  private settle(requestId: number, outcome: Uint8Array | Error): void {
    const p = this.pending.get(requestId);
    if (!p) return;
    this.pending.delete(requestId);
    clearTimeout(p.timer);
    if (outcome instanceof Error) p.reject(outcome);
    else p.resolve(outcome);
  }
}
