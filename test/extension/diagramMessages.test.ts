/** The PNG export's messages: the webview's `raster` answer is checked like any webview message, and only a PNG is written. */
import { describe, expect, it, vi } from 'vitest';
import { RasterRequests } from '../../extension/diagram/rasterRequests';
import { decodeWebviewMessage, encodeWebviewMessage, MAX_RASTER_PARTS, parseHostMessage, parseWebviewMessage, RASTER_PART_CHARS } from '../../extension/protocol';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).toString('base64');

describe('raster and export-image messages', () => {
  it('accepts a PNG answer, an error answer and the toolbar request', () => {
    expect(parseWebviewMessage({ type: 'export-image' })).toEqual({ ok: true, value: { type: 'export-image' } });
    expect(parseWebviewMessage({ type: 'raster', requestId: 3, png: PNG })).toEqual({ ok: true, value: { type: 'raster', requestId: 3, png: PNG, part: 0, parts: 1 } });
    expect(parseWebviewMessage({ type: 'raster', requestId: 3, png: PNG, part: 2, parts: 3 })).toEqual({ ok: true, value: { type: 'raster', requestId: 3, png: PNG, part: 2, parts: 3 } });
    // A part as big as allowed still fits the transport's limit once encoded.
    const biggest = encodeWebviewMessage({ type: 'raster', requestId: 1, png: 'A'.repeat(RASTER_PART_CHARS), part: MAX_RASTER_PARTS - 1, parts: MAX_RASTER_PARTS });
    expect(decodeWebviewMessage(biggest).ok).toBe(true);
    expect(parseWebviewMessage({ type: 'raster', requestId: 3, error: 'no canvas' })).toEqual({ ok: true, value: { type: 'raster', requestId: 3, error: 'no canvas' } });
  });

  it.each([
    [{ type: 'raster', requestId: -1, png: PNG }, 'requestId'],
    [{ type: 'raster', requestId: 1 }, 'exactly one of png and error'],
    [{ type: 'raster', requestId: 1, png: PNG, error: 'x' }, 'exactly one of png and error'],
    [{ type: 'raster', requestId: 1, png: 'not base64!' }, 'raster.png must be base64'],
    [{ type: 'raster', requestId: 1, png: 42 }, 'raster.png must be base64'],
    [{ type: 'raster', requestId: 1, error: '' }, 'raster.error'],
    [{ type: 'raster', requestId: 1, png: 'A'.repeat(RASTER_PART_CHARS + 4) }, 'raster.png must be base64'],
    [{ type: 'raster', requestId: 1, png: PNG, part: 3, parts: 3 }, 'raster.part'],
    [{ type: 'raster', requestId: 1, png: PNG, part: 0, parts: 65 }, 'raster.parts'],
    [{ type: 'raster', requestId: 1, png: PNG, part: 0.5, parts: 2 }, 'raster.part'],
  ])('refuses %j naming %s', (message, reason) => {
    const r = parseWebviewMessage(message);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
  });

  it('the webview takes a well-formed rasterize request only', () => {
    expect(parseHostMessage({ type: 'rasterize', requestId: 1, svg: '<svg/>', width: 10, height: 20, scale: 2 })).not.toBeNull();
    expect(parseHostMessage({ type: 'rasterize', requestId: 1, svg: '<svg/>', width: '10', height: 20, scale: 2 })).toBeNull();
  });
});

describe('RasterRequests', () => {
  it('resolves a request with the PNG bytes of its answer; ignores answers nobody waits for', async () => {
    const requests = new RasterRequests();
    let id = 0;
    const png = requests.request((requestId) => (id = requestId));
    requests.answer(id + 100, PNG, undefined);
    requests.answer(id, PNG, undefined);
    expect(Buffer.from(await png).toString('base64')).toBe(PNG);
  });

  it('puts a PNG sent in parts back together, in whatever order the parts arrive', async () => {
    const requests = new RasterRequests();
    let id = 0;
    const png = requests.request((requestId) => (id = requestId));
    const [a, b, c] = [PNG.slice(0, 4), PNG.slice(4, 8), PNG.slice(8)];
    requests.answer(id, c, undefined, 2, 3);
    requests.answer(id, a, undefined, 0, 3);
    requests.answer(id, b, undefined, 1, 3);
    expect(Buffer.from(await png).toString('base64')).toBe(PNG);
    const mixed = requests.request((requestId) => (id = requestId));
    requests.answer(id, a, undefined, 0, 3);
    requests.answer(id, b, undefined, 1, 2);
    await expect(mixed).rejects.toThrow('inconsistently');
  });

  it('rejects an answer that is not a PNG, an error answer, and everything on cancel', async () => {
    const requests = new RasterRequests();
    let id = 0;
    const notPng = requests.request((requestId) => (id = requestId));
    requests.answer(id, Buffer.from('GIF89a....').toString('base64'), undefined);
    await expect(notPng).rejects.toThrow('not a PNG');
    const failed = requests.request((requestId) => (id = requestId));
    requests.answer(id, undefined, 'the picture could not be drawn: too big');
    await expect(failed).rejects.toThrow('too big');
    const open = requests.request(() => undefined);
    requests.cancelAll('the graph editor was closed');
    await expect(open).rejects.toThrow('closed');
  });

  it('times out when the webview never answers', async () => {
    vi.useFakeTimers();
    try {
      const requests = new RasterRequests();
      const waiting = requests.request(() => undefined);
      const outcome = expect(waiting).rejects.toThrow('did not draw the picture within 60 s');
      vi.advanceTimersByTime(60_001);
      await outcome;
    } finally {
      vi.useRealTimers();
    }
  });
});
