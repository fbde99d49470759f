/**
 * The sign of life inside a step: the graph runner bumps the shared counter once per layer pass, forward and
 * backward, so a caller watching it from another thread sees a long step move (engine/train/session.ts kills only a
 * worker whose counter and messages both stand still; test/train/watchdog.test.ts drives that side).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { buildModel } from '../../engine/model/model';
import { LivenessProbe, shareLiveness } from '../../engine/model/liveness';
import { analyzedGraph, chainFromShape } from '../helpers/graphs';

describe('the liveness counter', () => {
  afterEach(() => shareLiveness(null));

  it('moves once per layer: 5 forward passes, then 4 backward (the input has none, the fused softmax hands its gradient on)', () => {
    const g = chainFromShape([4], [{ type: 'dense', units: 3 }, { type: 'tanh' }, { type: 'dense', units: 2 }, { type: 'softmax' }]);
    const model = buildModel(g, analyzedGraph(g), { seed: 1 });
    const probe = new LivenessProbe();
    shareLiveness(probe.buffer);
    const count = () => new Int32Array(probe.buffer)[0];
    model.forward(new Float32Array(8), 2, 'eval');
    expect(count()).toBe(5);
    model.trainStep(new Float32Array(8), 2, Int32Array.from([0, 1]), 'cross-entropy');
    expect(count()).toBe(5 + 5 + 4);
    expect(probe.moved()).toBe(true);
    expect(probe.moved()).toBe(false);
  });
});
