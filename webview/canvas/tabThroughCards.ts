/**
 * Tab and Shift+Tab from a card go to the next or previous card in the file's order when only the cards in view are
 * in the DOM (a big graph, Canvas.tsx's DRAW_ONLY_VISIBLE_ABOVE). The browser's own Tab order holds only the cards
 * drawn, so it would go round the view and never reach the rest; this moves the view just enough to bring the next
 * card in (the zoom kept) and focuses it once React Flow has drawn it. Tab from the last card (Shift+Tab from the
 * first) leaves the canvas as usual.
 */
import { useEffect, type RefObject } from 'react';
import type { ReactFlowInstance } from '@xyflow/react';
import type { CardNode } from '../model/flowModel';
import { focusCard } from './FindWidget';

/** Room kept between a card brought into view and the canvas's edge, in screen pixels. */
const MARGIN = 24;

/** The viewport that shows the screen rectangle `card` (relative to the canvas) whole, moved as little as it can. */
export function viewportShowing(
  viewport: { readonly x: number; readonly y: number; readonly zoom: number },
  card: { readonly left: number; readonly top: number; readonly right: number; readonly bottom: number },
  size: { readonly width: number; readonly height: number },
): { x: number; y: number; zoom: number } {
  const shift = (low: number, high: number, extent: number): number =>
    low < MARGIN ? MARGIN - low : high > extent - MARGIN ? Math.max(MARGIN - low, extent - MARGIN - high) : 0;
  return { x: viewport.x + shift(card.left, card.right, size.width), y: viewport.y + shift(card.top, card.bottom, size.height), zoom: viewport.zoom };
}

export function useTabThroughCards(flow: ReactFlowInstance<CardNode>, canvas: RefObject<HTMLDivElement | null>, enabled: boolean): void {
  useEffect(() => {
    const el = canvas.current;
    if (!enabled || !el) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Tab' || e.ctrlKey || e.altKey || e.metaKey) return;
      const from = e.target instanceof HTMLElement && e.target.classList.contains('react-flow__node') ? e.target.dataset.id : undefined;
      if (!from) return;
      const order = flow.getNodes().filter((n) => !n.hidden && n.focusable !== false);
      const next = order[order.findIndex((n) => n.id === from) + (e.shiftKey ? -1 : 1)];
      const node = next && flow.getInternalNode(next.id);
      if (!node) return;
      e.preventDefault();
      const { x, y } = node.internals.positionAbsolute;
      const width = node.measured.width ?? 200;
      const height = node.measured.height ?? 60;
      const viewport = flow.getViewport();
      const box = el.getBoundingClientRect();
      const card = {
        left: x * viewport.zoom + viewport.x,
        top: y * viewport.zoom + viewport.y,
        right: (x + width) * viewport.zoom + viewport.x,
        bottom: (y + height) * viewport.zoom + viewport.y,
      };
      const moved = viewportShowing(viewport, card, box);
      if (moved.x !== viewport.x || moved.y !== viewport.y) void flow.setViewport(moved);
      focusCard(next.id);
    };
    el.addEventListener('keydown', onKey);
    return () => el.removeEventListener('keydown', onKey);
  }, [flow, canvas, enabled]);
}
