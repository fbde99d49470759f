/**
 * The canvas' first view, kept while the user has not moved it: the whole network when it fits readably; for a long
 * one (VGG, ResNet), its input end at a readable zoom, so the first thing seen is labels rather than specks. Fit View
 * shows everything.
 */
import { useCallback, useEffect, useRef } from 'react';
import type { ReactFlowInstance } from '@xyflow/react';
import type { CardNode } from '../model/flowModel';

/** Below this zoom a card's text is too small to read; the first view never starts below it. */
const READABLE_ZOOM = 0.6;

export function useFirstView(flow: ReactFlowInstance<CardNode>, horizontal: boolean) {
  const firstView = useCallback(() => {
    const all = flow.getNodes();
    if (all.length === 0) return;
    const bounds = flow.getNodesBounds(all);
    const box = document.querySelector('.canvas')?.getBoundingClientRect();
    if (!box || bounds.width === 0) return void flow.fitView({ padding: 0.15 });
    const fit = Math.min(box.width / (bounds.width * 1.3), box.height / (bounds.height * 1.3));
    if (fit >= READABLE_ZOOM) return void flow.fitView({ padding: 0.15, maxZoom: 1.25 });
    const zoom = Math.min(0.9, Math.max(READABLE_ZOOM, box.width / (bounds.width * 1.1)));
    const input = all.find((n) => n.data.type === 'input') ?? all[0];
    const inputCenterX = input.position.x + (input.measured?.width ?? 200) / 2;
    const inputCenterY = input.position.y + (input.measured?.height ?? 60) / 2;
    void flow.setViewport(
      horizontal
        ? { zoom, x: 30 - input.position.x * zoom, y: box.height / 2 - inputCenterY * zoom }
        : { zoom, x: box.width / 2 - inputCenterX * zoom, y: 30 - input.position.y * zoom },
    );
  }, [flow, horizontal]);

  /**
   * The first view waits until React Flow has measured the cards (a few frames): fitted to unmeasured cards (no
   * sizes yet) the view would frame points, and a new file would open off to one side or zoomed in on its corner.
   */
  const onInit = useCallback(() => {
    const started = performance.now();
    const whenMeasured = () => {
      const all = flow.getNodes();
      const measured = all.every((n) => n.measured?.width && n.measured?.height);
      if (measured || performance.now() - started > 1500) firstView();
      else requestAnimationFrame(whenMeasured);
    };
    requestAnimationFrame(whenMeasured);
  }, [flow, firstView]);

  // Until the user pans or zooms, the first view follows the canvas' size: an editor opened while its panel is
  // still hidden or animating (a new file from New Network) is fitted again once it has its real size.
  const userMoved = useRef(false);
  const onMoveStart = useCallback((event: MouseEvent | TouchEvent | null) => {
    if (event) userMoved.current = true;
  }, []);
  const canvasRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = canvasRef.current;
    if (!el) return;
    let frame = 0;
    let last = '';
    const observer = new ResizeObserver(([entry]) => {
      const size = `${Math.round(entry.contentRect.width)}×${Math.round(entry.contentRect.height)}`;
      if (userMoved.current || size === last || entry.contentRect.width === 0 || entry.contentRect.height === 0) return;
      const first = last === '';
      last = size;
      if (first) return; // the first size is the one onInit fits to
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(firstView);
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [firstView]);

  return { onInit, onMoveStart, canvasRef };
}
