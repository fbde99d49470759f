import { describe, expect, it } from 'vitest';
import { parseWebviewMessage } from '../../extension/protocol';

describe('webview message validation', () => {
  it('accepts well-formed messages and returns exactly what it checked', () => {
    const m = { type: 'intent', requestId: 3, intent: { kind: 'set-attribute', node: 'c1', attribute: 'stride', value: [2, 1], extra: 'dropped' } };
    expect(parseWebviewMessage(m)).toEqual({
      ok: true,
      value: { type: 'intent', requestId: 3, intent: { kind: 'set-attribute', node: 'c1', attribute: 'stride', value: [2, 1] } },
    });
    expect(parseWebviewMessage({ type: 'ready' })).toEqual({ ok: true, value: { type: 'ready' } });
    expect(parseWebviewMessage({ type: 'train', action: 'stop' })).toEqual({ ok: true, value: { type: 'train', action: 'stop' } });
    expect(parseWebviewMessage({ type: 'train', action: 'start', engine: 'pytorch' })).toEqual({ ok: true, value: { type: 'train', action: 'start', engine: 'pytorch' } });
    expect(parseWebviewMessage({ type: 'export', target: 'pytorch' })).toEqual({ ok: true, value: { type: 'export', target: 'pytorch' } });
    const fix = { type: 'intent', requestId: 0, intent: { kind: 'apply-fix', edits: [{ kind: 'insert-node', from: 'a', to: 'b', id: 'f', type: 'flatten', attrs: {} }] } };
    expect(parseWebviewMessage(fix).ok).toBe(true);
    // A fix of a problem inside a module edits the module's definition (value null: the attribute is removed).
    const inModule = { kind: 'set-module-attribute', module: 'basic', node: 'conv1', attribute: 'padding', value: null };
    expect(parseWebviewMessage({ type: 'intent', requestId: 1, intent: { kind: 'apply-fix', edits: [inModule] } })).toEqual({
      ok: true,
      value: { type: 'intent', requestId: 1, intent: { kind: 'apply-fix', edits: [inModule] } },
    });
    // A structural fix inside a module: the definition's edit, in its own ids, checked as any fix edit.
    const structural = [
      { kind: 'edit-module', module: 'basic', edit: { kind: 'remove-node', node: 'extra' } },
      { kind: 'edit-module', module: 'basic', edit: { kind: 'add-edge', from: 'relu', to: 'conv2' } },
      { kind: 'edit-module', module: 'basic', edit: { kind: 'add-input', id: 'in', to: ['conv1', 'proj'] } },
    ];
    expect(parseWebviewMessage({ type: 'intent', requestId: 2, intent: { kind: 'apply-fix', edits: structural } })).toEqual({
      ok: true,
      value: { type: 'intent', requestId: 2, intent: { kind: 'apply-fix', edits: structural } },
    });
  });

  it.each([
    [null, 'message must be an object'],
    ['ready', 'message must be an object'],
    [{ type: 'nuke' }, 'unknown message type "nuke"'],
    [{ type: 'intent', intent: { kind: 'connect', from: 'a', to: 'b' } }, 'requestId must be a non-negative integer'],
    [{ type: 'intent', requestId: 1.5, intent: { kind: 'connect', from: 'a', to: 'b' } }, 'requestId'],
    [{ type: 'intent', requestId: 1, intent: { kind: 'connect', from: '', to: 'b' } }, 'intent.from must be a non-empty string'],
    [{ type: 'intent', requestId: 1, intent: { kind: 'format-disk' } }, 'unknown intent kind "format-disk"'],
    [{ type: 'intent', requestId: 1, intent: { kind: 'move', positions: { c1: { x: Number.NaN, y: 0 } } } }, 'intent.positions.c1.x must be a finite number'],
    [{ type: 'intent', requestId: 1, intent: { kind: 'set-attribute', node: 'c1', attribute: 'kernel' } }, 'intent.value must be a JSON value'],
    [{ type: 'intent', requestId: 1, intent: { kind: 'set-attribute', node: 'c1', attribute: 'kernel', value: () => 1 } }, 'intent.value must be a JSON value'],
    [{ type: 'intent', requestId: 1, intent: { kind: 'delete', nodes: 'c1', edges: [] } }, 'intent.nodes must be an array'],
    [{ type: 'intent', requestId: 1, intent: { kind: 'apply-fix', edits: [{ kind: 'rm-rf' }] } }, 'intent.edits[0].kind "rm-rf" is not a fix edit'],
    [{ type: 'intent', requestId: 1, intent: { kind: 'add-node', type: 'x'.repeat(201) } }, 'intent.type must be a non-empty string of at most 200'],
    [{ type: 'intent', requestId: 1, intent: { kind: 'apply-fix', edits: [{ kind: 'set-module-attribute', module: 'm', attribute: 'a', value: 1 }] } }, 'intent.edits[0].node must be a non-empty string'],
    [{ type: 'intent', requestId: 1, intent: { kind: 'apply-fix', edits: [{ kind: 'edit-module', module: 'm', edit: { kind: 'edit-module', module: 'n', edit: { kind: 'remove-node', node: 'a' } } }] } }, 'intent.edits[0].edit.kind "edit-module" is not an edit of a module\'s body'],
    [{ type: 'intent', requestId: 1, intent: { kind: 'apply-fix', edits: [{ kind: 'edit-module', module: 'm', edit: { kind: 'set-attribute', node: 'a', attribute: 'k', value: 1 } }] } }, 'is not an edit of a module\'s body'],
    [{ type: 'intent', requestId: 1, intent: { kind: 'apply-fix', edits: [{ kind: 'edit-module', module: 'm', edit: { kind: 'add-edge', from: 'a' } }] } }, 'intent.edits[0].edit.to must be a non-empty string'],
    [{ type: 'intent', requestId: 1, intent: { kind: 'apply-fix', edits: [{ kind: 'edit-module', module: 'm', edit: { kind: 'add-input', id: 'in', to: 'conv1' } }] } }, 'intent.edits[0].edit.to must be an array'],
    [{ type: 'intent', requestId: 1, intent: { kind: 'apply-fix', edits: [{ kind: 'add-input', id: 'in', to: ['conv1', 7] }] } }, 'intent.edits[0].to[1] must be a non-empty string'],
    [{ type: 'train', action: 'explode' }, 'train.action'],
    [{ type: 'train', action: 'start', engine: 'tensorflow' }, 'train.engine'],
    [{ type: 'export', target: 'keras' }, 'export.target'],
    [{ type: 'log', level: 'info' }, 'log.message'],
  ])('drops %j: %s', (message, reason) => {
    const r = parseWebviewMessage(message);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
  });

  it('refuses values nested deeper than a file could sensibly hold', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = [deep];
    const r = parseWebviewMessage({ type: 'intent', requestId: 1, intent: { kind: 'set-attribute', node: 'c1', attribute: 'kernel', value: deep } });
    expect(r.ok).toBe(false);
  });
});
