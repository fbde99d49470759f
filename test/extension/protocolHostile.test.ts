/**
 * The webview is untrusted input to the extension host: its message validator never throws, whatever arrives
 * (a BigInt or a symbol as `type`, getters that throw, proxies, cycles), and its work is bounded: objects with too
 * many keys, arrays too long or values too deep are refused with a reason, not walked to the end.
 */
import { describe, expect, it } from 'vitest';
import { parseWebviewMessage } from '../../extension/protocol';

const throwing = new Proxy({}, {
  get() {
    throw new Error('trap');
  },
  ownKeys() {
    throw new Error('trap');
  },
});

describe('parseWebviewMessage on hostile input', () => {
  it.each<[string, unknown]>([
    ['a BigInt type', { type: 10n }],
    ['a symbol type', { type: Symbol('x') }],
    ['a function type', { type: () => 1 }],
    ['a getter that throws', Object.defineProperty({}, 'type', { get: () => { throw new Error('boom'); }, enumerable: true })],
    ['a proxy whose traps throw', throwing],
    ['an intent that is a throwing proxy', { type: 'intent', requestId: 1, intent: throwing }],
    ['a BigInt intent kind', { type: 'intent', requestId: 1, intent: { kind: 5n } }],
    ['a BigInt requestId', { type: 'intent', requestId: 5n, intent: { kind: 'move', positions: {} } }],
    ['attrs with a BigInt', { type: 'intent', requestId: 1, intent: { kind: 'set-attribute', node: 'a', attribute: 'b', value: { x: 1n } } }],
    ['a cycle', (() => { const o: Record<string, unknown> = { kind: 'set-attribute', node: 'a', attribute: 'b' }; o.value = o; return { type: 'intent', requestId: 1, intent: o }; })()],
  ])('refuses %s with a reason instead of throwing', (_, message) => {
    const r = parseWebviewMessage(message);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason.length).toBeGreaterThan(0);
  });

  it('refuses records with too many keys (positions, attrs, JSON values) with a reason', () => {
    const many = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`n${i}`, { x: 1, y: 2 }]));
    const move = parseWebviewMessage({ type: 'intent', requestId: 1, intent: { kind: 'move', positions: many(20_000) } });
    expect(move).toEqual({ ok: false, reason: 'intent.positions has more than 10000 entries' });
    const wide = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, i]));
    const set = parseWebviewMessage({ type: 'intent', requestId: 1, intent: { kind: 'set-attribute', node: 'a', attribute: 'b', value: wide } });
    expect(set).toEqual({ ok: false, reason: 'intent.value must be a JSON value' });
  });
});
