/**
 * The module buttons over the canvas, beside the selection (actionsPlace.ts: above it, or below when there is no
 * room above): "Group into module" for a selection (the host refuses, with the reason, a selection without one
 * input and one output) and "Expand"/"Collapse" for a selected module use. Ctrl+G groups too.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { isModuleUse, type Graph } from '../../engine/graph/types';
import { sendIntent } from '../host';
import { actionsPlace, type ScreenSize } from './actionsPlace';
import { useSelectionRect } from './useSelectionRect';

/** A module name not yet taken: block, block_2, … */
export function freshModuleName(graph: Graph): string {
  const taken = new Set(Object.keys(graph.modules ?? {}));
  if (!taken.has('block')) return 'block';
  for (let n = 2; ; n++) if (!taken.has(`block_${n}`)) return `block_${n}`;
}

interface Props {
  readonly graph: Graph;
  readonly selection: ReadonlySet<string>;
  readonly expanded: ReadonlySet<string>;
  readonly onToggle: (id: string) => void;
}

export function ModuleActions({ graph, selection, expanded, onToggle }: Props) {
  const selected = useMemo(() => graph.nodes.filter((n) => selection.has(n.id)), [graph, selection]);
  const use = selected.length === 1 && isModuleUse(selected[0]) ? selected[0].id : null;
  // One array per selection: the store subscription below is made again only when it changes.
  const ids = useMemo(() => selected.map((n) => n.id), [selected]);
  const onScreen = useSelectionRect(ids);
  // The buttons' own size, measured once drawn (before the paint: the first frame is already in place).
  const box = useRef<HTMLDivElement>(null);
  const [own, setOwn] = useState<ScreenSize>({ width: 0, height: 0 });
  useLayoutEffect(() => {
    const el = box.current;
    if (el && (el.offsetWidth !== own.width || el.offsetHeight !== own.height)) setOwn({ width: el.offsetWidth, height: el.offsetHeight });
  });
  const group = () => sendIntent({ kind: 'group-into-module', nodes: selected.map((n) => n.id), name: freshModuleName(graph) });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'g' && selected.length > 0) {
        e.preventDefault();
        group();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });
  if (selected.length === 0 || onScreen === null) return null;
  const { left, top } = actionsPlace(onScreen.rect, onScreen.canvas, own);
  return (
    <div className="module-actions" data-testid="module-actions" ref={box} style={{ left, top }}>
      <button type="button" data-testid="group-into-module" title="Group the selection into a module (Ctrl+G)" onClick={group}>
        Group into module
      </button>
      {use && (
        <button type="button" data-testid="toggle-module" onClick={() => onToggle(use)}>
          {expanded.has(use) ? 'Collapse' : 'Expand'} {use}
        </button>
      )}
    </div>
  );
}
