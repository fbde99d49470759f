/**
 * The screen rectangle of some of the canvas' nodes (a selection), in the canvas' pixels, and the canvas' size:
 * redrawn as the view pans and zooms and as the nodes move or change size. Reads only the named nodes, so a pan
 * over a 2,000-node graph costs a few lookups.
 */
import { useCallback } from 'react';
import { useStore, type ReactFlowState } from '@xyflow/react';
import type { ScreenRect, ScreenSize } from './actionsPlace';

export interface SelectionOnScreen {
  readonly rect: ScreenRect;
  readonly canvas: ScreenSize;
}

const same = (a: SelectionOnScreen | null, b: SelectionOnScreen | null) =>
  a === b ||
  (a !== null &&
    b !== null &&
    a.rect.x === b.rect.x &&
    a.rect.y === b.rect.y &&
    a.rect.width === b.rect.width &&
    a.rect.height === b.rect.height &&
    a.canvas.width === b.canvas.width &&
    a.canvas.height === b.canvas.height);

/** null when none of `ids` is drawn yet. */
export function useSelectionRect(ids: readonly string[]): SelectionOnScreen | null {
  const select = useCallback(
    (s: ReactFlowState): SelectionOnScreen | null => {
      let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
      for (const id of ids) {
        const node = s.nodeLookup.get(id);
        if (!node) continue;
        const { x, y } = node.internals.positionAbsolute;
        x0 = Math.min(x0, x);
        y0 = Math.min(y0, y);
        x1 = Math.max(x1, x + (node.measured.width ?? 0));
        y1 = Math.max(y1, y + (node.measured.height ?? 0));
      }
      if (x0 === Infinity) return null;
      const [tx, ty, zoom] = s.transform;
      return { rect: { x: x0 * zoom + tx, y: y0 * zoom + ty, width: (x1 - x0) * zoom, height: (y1 - y0) * zoom }, canvas: { width: s.width, height: s.height } };
    },
    [ids],
  );
  return useStore(select, same);
}
