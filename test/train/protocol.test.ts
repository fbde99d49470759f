import { describe, expect, it } from 'vitest';
import { parseCallerMessage, parseWorkerMessage } from '../../engine/train/protocol';

describe('the worker protocol', () => {
  it('accepts well-formed messages in both directions', () => {
    expect(parseCallerMessage({ type: 'cancel' })).toEqual({ type: 'cancel' });
    expect(parseCallerMessage({ type: 'start', request: { graphFile: '/a.nn.json', overrides: { epochs: 2 }, resume: false } })).toMatchObject({ type: 'start' });
    expect(parseWorkerMessage({ type: 'failed', message: 'x' })).toEqual({ type: 'failed', message: 'x' });
    const fixes = [{ title: "set 'out'.units to 10", edits: [{ kind: 'set-attribute', node: 'out', attribute: 'units', value: 10 }] }];
    expect(parseWorkerMessage({ type: 'failed', message: 'x', fixes })).toEqual({ type: 'failed', message: 'x', fixes });
    expect(parseWorkerMessage({ type: 'paused', position: { epoch: 0, stepInEpoch: 3, globalStep: 3 } })).toMatchObject({ type: 'paused' });
  });

  it('rejects anything else', () => {
    for (const bad of [null, 'cancel', [], { type: 'stop' }, { type: 'crash', how: 'segfault' }, { type: 'crash', how: 'exit' }, { type: 'start', request: { graphFile: 1, overrides: {}, resume: false } }, { type: 'start', request: { graphFile: 'a', overrides: {}, resume: 'yes' } }]) {
      expect(parseCallerMessage(bad)).toBeNull();
    }
    for (const bad of [undefined, { type: 'failed' }, { type: 'progress', progress: { epoch: '1' } }, { type: 'cancelled', position: {} }, { type: 'finished', test: {}, history: [], weightsFile: 'w' },
      { type: 'failed', message: 'x', fixes: {} },
      { type: 'failed', message: 'x', fixes: [{ title: 'remove it', edits: [{ kind: 'remove-node', node: 'out' }] }] },
      { type: 'failed', message: 'x', fixes: [{ edits: [] }] }]) {
      expect(parseWorkerMessage(bad)).toBeNull();
    }
  });
});
