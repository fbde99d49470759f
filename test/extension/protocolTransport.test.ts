/**
 * The webview's messages travel as JSON strings: the host refuses an oversized one by its length before parsing it,
 * refuses text that is not JSON with a reason, and hands what parses to the same validator. Round trip: every kind
 * of message the webview sends comes back equal after encode → decode.
 */
import { describe, expect, it } from 'vitest';
import { decodeWebviewMessage, encodeWebviewMessage, MAX_WEBVIEW_MESSAGE_CHARS, oversizeRefusal, parseHostMessage, type WebviewMessage } from '../../extension/protocol';

describe('webview messages as capped JSON strings', () => {
  it.each<WebviewMessage>([
    { type: 'ready' },
    { type: 'intent', requestId: 7, intent: { kind: 'set-attribute', node: 'c1', attribute: 'filters', value: 8 } },
    { type: 'intent', requestId: 8, intent: { kind: 'move', positions: { c1: { x: 10.5, y: -3 } } } },
    { type: 'train', action: 'start', engine: 'pytorch' },
    { type: 'predict', requestId: 3, pixels: [0, 0.25, 1], node: 'c1' },
    { type: 'log', level: 'error', message: 'ünïcode label ✓' },
  ])('round-trips %j', (message) => {
    expect(decodeWebviewMessage(encodeWebviewMessage(message))).toEqual({ ok: true, value: message });
  });

  it('refuses a message that is not a string (the old structured-clone transport) without reading it', () => {
    expect(decodeWebviewMessage({ type: 'ready' })).toEqual({ ok: false, reason: 'a message must arrive as a JSON string; got a object' });
  });

  it('refuses text that is not JSON, with the parser’s reason', () => {
    const r = decodeWebviewMessage('{"type": "ready"');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/^the message is not JSON \(/);
  });

  it('refuses a message one character over the cap before parsing it, and accepts one at the cap', () => {
    // A log message padded to exactly the cap: {"type":"log","level":"info","message":"xxx…"}
    const frame = JSON.stringify({ type: 'log', level: 'info', message: '' });
    const atCap = frame.replace('""', `"${'x'.repeat(MAX_WEBVIEW_MESSAGE_CHARS - frame.length)}"`);
    expect(atCap.length).toBe(MAX_WEBVIEW_MESSAGE_CHARS);
    // At the cap it parses and reaches the validator, which refuses the 4 MiB log message by its own 10,000-character limit.
    expect(decodeWebviewMessage(atCap)).toEqual({ ok: false, reason: 'log.message must be a non-empty string of at most 10000 characters' });
    const over = atCap.replace('"x', '"xx');
    expect(decodeWebviewMessage(over)).toEqual({ ok: false, reason: 'the message is 4,194,305 characters long; the limit is 4,194,304' });
    // Not JSON at all, but over the cap: refused for its size (nothing was parsed).
    expect(decodeWebviewMessage('{'.repeat(MAX_WEBVIEW_MESSAGE_CHARS + 1))).toMatchObject({ ok: false, reason: /characters long; the limit is/ });
  });

  it('a million-entry record is refused by its size, never built', () => {
    const positions = '{' + Array.from({ length: 1_000_000 }, (_, i) => `"k${i}":{"x":1,"y":2}`).join(',') + '}';
    const text = `{"type":"intent","requestId":1,"intent":{"kind":"move","positions":${positions}}}`;
    expect(text.length).toBe(23_888_960);
    expect(decodeWebviewMessage(text)).toEqual({ ok: false, reason: 'the message is 23,888,960 characters long; the limit is 4,194,304' });
  });

  it('a "__proto__" key in the JSON text stays an own key of the validated record, never its prototype', () => {
    const r = decodeWebviewMessage('{"type":"intent","requestId":1,"intent":{"kind":"move","positions":{"__proto__":{"x":1,"y":2}}}}');
    expect(r.ok).toBe(true);
    if (r.ok && r.value.type === 'intent' && r.value.intent.kind === 'move') {
      expect(Object.getPrototypeOf(r.value.intent.positions)).toBe(Object.prototype);
      expect(Object.keys(r.value.intent.positions)).toEqual(['__proto__']);
      expect(Object.getOwnPropertyDescriptor(r.value.intent.positions, '__proto__')?.value).toEqual({ x: 1, y: 2 });
    }
  });
});

describe('a message too long for the host is refused in the webview, before it is sent', () => {
  const huge = (n: number) => Array.from({ length: n }, (_, i) => i / 7);

  it('an edit gets a failed intent-result at once, naming the edit, its size and the limit', () => {
    const message: WebviewMessage = { type: 'intent', requestId: 41, intent: { kind: 'set-attribute', node: 'c1', attribute: 'note', value: 'x'.repeat(5_000_000) } };
    const chars = encodeWebviewMessage(message).length;
    expect(chars).toBeGreaterThan(MAX_WEBVIEW_MESSAGE_CHARS);
    const { reply, log } = oversizeRefusal(message, chars);
    expect(reply).toEqual({ type: 'intent-result', requestId: 41, ok: false, error: 'the edit (set-attribute) is 4.8 MiB as a message to VS Code, over the 4.0 MiB limit; it was not sent' });
    // The refusal passes the webview's own check of host messages, and the log line the host's check of webview ones.
    expect(parseHostMessage(reply)).toEqual(reply);
    expect(decodeWebviewMessage(encodeWebviewMessage(log))).toEqual({ ok: true, value: { type: 'log', level: 'error', message: (reply as { error: string }).error } });
  });

  it('a prediction gets its error; a message without a request only the log line', () => {
    const predict: WebviewMessage = { type: 'predict', requestId: 3, pixels: huge(600_000) };
    const chars = encodeWebviewMessage(predict).length;
    expect(chars).toBeGreaterThan(MAX_WEBVIEW_MESSAGE_CHARS);
    const refused = oversizeRefusal(predict, chars);
    expect(refused.reply).toMatchObject({ type: 'prediction', requestId: 3, error: expect.stringMatching(/^the picture to predict is \d+\.\d MiB as a message to VS Code, over the 4\.0 MiB limit/) });
    expect(parseHostMessage(refused.reply)).toEqual(refused.reply);
    expect(oversizeRefusal({ type: 'ready' }, 5_000_000).reply).toBeNull();
    expect(oversizeRefusal({ type: 'ready' }, 5_000_000).log).toMatchObject({ type: 'log', level: 'error', message: expect.stringMatching(/^the ready message is 4\.8 MiB/) });
  });
});
