import { describe, expect, it } from 'vitest';
import { viewportShowing } from '../../webview/canvas/tabThroughCards';

// A 600 × 400 canvas at zoom 0.5: the card's rectangle is given in the canvas's screen pixels.
const size = { width: 600, height: 400 };
const viewport = { x: -100, y: -2000, zoom: 0.5 };

describe('viewportShowing: the view moves just enough to show the next card', () => {
  it('leaves the view alone when the card is in view with room to spare', () => {
    expect(viewportShowing(viewport, { left: 200, top: 100, right: 300, bottom: 130 }, size)).toEqual(viewport);
  });

  it('scrolls a card below the view up to 24 px above the bottom edge, keeping the zoom', () => {
    // bottom 470 must become 376: the view moves 94 px up.
    expect(viewportShowing(viewport, { left: 200, top: 440, right: 300, bottom: 470 }, size)).toEqual({ x: -100, y: -2094, zoom: 0.5 });
  });

  it('scrolls a card above or left of the view to 24 px inside', () => {
    expect(viewportShowing(viewport, { left: -50, top: -30, right: 50, bottom: 0 }, size)).toEqual({ x: -26, y: -1946, zoom: 0.5 });
  });

  it('shows the top-left of a card taller than the view rather than its bottom', () => {
    expect(viewportShowing(viewport, { left: 100, top: 300, right: 200, bottom: 900 }, size)).toEqual({ x: -100, y: -2276, zoom: 0.5 });
  });
});
