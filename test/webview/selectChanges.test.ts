/**
 * The canvas takes the user's selecting inside React Flow from its select changes only (webview/canvas/
 * selectChanges.ts): what React Flow's store reports of an app selection it has not caught up with must never come
 * back (that echo alternated two selections until React's error #185; test/webview/scenarios/findBurst.mjs).
 */
import { describe, expect, it } from 'vitest';
import { selectedAfter } from '../../webview/canvas/selectChanges';

describe('selectedAfter', () => {
  it('a click on a card: the card selected, the one selected before unselected', () => {
    const next = selectedAfter(new Set(['c1']), [
      { type: 'select', id: 's4', selected: true },
      { type: 'select', id: 'c1', selected: false },
    ]);
    expect([...next]).toEqual(['s4']);
  });

  it('node and edge changes of one click compose (an edge id is kept beside node ids)', () => {
    const afterNodes = selectedAfter(new Set(['c1', 'e-c1-relu1']), [{ type: 'select', id: 'c1', selected: false }]);
    const afterEdges = selectedAfter(afterNodes, [{ type: 'select', id: 'e-c1-relu1', selected: false }, { type: 'select', id: 'e-s2-c3', selected: true }]);
    expect([...afterEdges]).toEqual(['e-s2-c3']);
  });

  it('changes that change nothing (dimensions, positions, a select already true) return the same set', () => {
    const current = new Set(['c1']);
    expect(selectedAfter(current, [{ type: 'dimensions', id: 'c1' }, { type: 'position', id: 's2' }, { type: 'select', id: 'c1', selected: true }])).toBe(current);
    expect(selectedAfter(current, [{ type: 'select', id: 's2', selected: false }])).toBe(current);
  });

  it('a click on the pane unselects everything', () => {
    const next = selectedAfter(new Set(['c1', 's2']), [{ type: 'select', id: 'c1', selected: false }, { type: 'select', id: 's2', selected: false }]);
    expect(next.size).toBe(0);
  });
});
