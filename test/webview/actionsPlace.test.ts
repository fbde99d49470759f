import { describe, expect, it } from 'vitest';
import { actionsPlace } from '../../webview/canvas/actionsPlace';

/** A 900×800 canvas and 256×26 buttons, as in the chromium harness. */
const canvas = { width: 900, height: 800 };
const own = { width: 256, height: 26 };

describe('where the selection buttons go', () => {
  it('centred above the selection: 8 px over its top, centre on its centre', () => {
    // Card 180 wide at (300, 400): centre 390 → left 390 − 128 = 262; top 400 − 8 − 26 = 366.
    expect(actionsPlace({ x: 300, y: 400, width: 180, height: 53 }, canvas, own)).toEqual({ left: 262, top: 366 });
  });

  it('below the selection when its top is at the canvas edge (an opened frame scrolled to the top): 8 px under it', () => {
    // Frame at y 10, 700 high: no 42 px above it; below at 10 + 700 + 8 = 718, and 718 + 26 ≤ 800 − 8.
    expect(actionsPlace({ x: 250, y: 10, width: 416, height: 700 }, canvas, own)).toEqual({ left: 330, top: 718 });
  });

  it('at the bottom edge when the selection fills the height (over its far end, not its header), and never outside the canvas', () => {
    // 800 − 8 − 26 = 766.
    expect(actionsPlace({ x: 250, y: 10, width: 416, height: 780 }, canvas, own)).toEqual({ left: 330, top: 766 });
    // Off to the left and below the canvas: kept 8 px inside its left and bottom edges.
    expect(actionsPlace({ x: -500, y: 1200, width: 100, height: 50 }, canvas, own)).toEqual({ left: 8, top: 766 });
    // Near the right edge: 900 − 8 − 256 = 636.
    expect(actionsPlace({ x: 850, y: 300, width: 180, height: 53 }, canvas, own)).toEqual({ left: 636, top: 266 });
  });
});
