/**
 * PNG export, the webview's half: draws the diagram's SVG (made by the extension from the document) into a
 * canvas and answers with the PNG's bytes, base64. Chromium rasterises it offline; an SVG loaded as an image
 * cannot fetch anything, and a data: URL is what the page's CSP allows for images.
 */
import { RASTER_PART_CHARS, type HostMessage } from '../../extension/protocol';
import { send } from '../host';

/** Chromium refuses canvases beyond 16,384 px a side or ~268 M pixels; the scale is lowered to stay inside. */
const MAX_SIDE = 16_384;
const MAX_PIXELS = 120_000_000;

export function fittedScale(width: number, height: number, scale: number): number {
  const bySide = MAX_SIDE / Math.max(width, height);
  const byArea = Math.sqrt(MAX_PIXELS / Math.max(1, width * height));
  return Math.min(scale, bySide, byArea);
}

async function draw(svg: string, width: number, height: number, scale: number): Promise<string> {
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await image.decode();
  const s = fittedScale(width, height, scale);
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * s));
  canvas.height = Math.max(1, Math.round(height * s));
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas in this webview');
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  const url = canvas.toDataURL('image/png');
  const comma = url.indexOf(',');
  if (!url.startsWith('data:image/png;base64,') || comma < 0) throw new Error('the canvas did not encode a PNG');
  return url.slice(comma + 1);
}

export function answerRasterize(m: Extract<HostMessage, { type: 'rasterize' }>): void {
  draw(m.svg, m.width, m.height, m.scale).then(
    (png) => {
      // In parts: one message may not exceed the transport's limit, and a big diagram's PNG does.
      const parts = Math.max(1, Math.ceil(png.length / RASTER_PART_CHARS));
      for (let part = 0; part < parts; part++) {
        send({ type: 'raster', requestId: m.requestId, png: png.slice(part * RASTER_PART_CHARS, (part + 1) * RASTER_PART_CHARS), part, parts });
      }
    },
    (err: unknown) => send({ type: 'raster', requestId: m.requestId, error: `the picture could not be drawn: ${err instanceof Error ? err.message : String(err)}` }),
  );
}
