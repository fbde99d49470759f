/**
 * The canvas' find widget, like VS Code's (Ctrl+F): type an id, label or type; Enter / F3 jumps to the next match,
 * Shift+Enter / Shift+F3 to the previous; the match is selected, centred and focused; Escape closes and leaves the
 * focus on it. It finds the nodes inside module uses too (by path: `l2b0/conv1`); a match inside a closed use opens
 * it (`onShow`) and is centred once its card is drawn. In "connect" mode (key C with one node selected) Enter connects the selected node to the match
 * instead: the keyboard's way to draw an edge.
 */
import { useReactFlow } from '@xyflow/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Graph, GraphNode } from '../../engine/graph/types';
import type { CardNode } from '../model/flowModel';
import { findNodes, stepMatch } from './nodeSearch';

export type FindMode = { readonly kind: 'find' } | { readonly kind: 'connect'; readonly from: string };

interface FindWidgetProps {
  readonly graph: Graph;
  /** What Find searches: the file's nodes and the nodes inside module uses (nodeSearch.searchableNodes). */
  readonly searchable: readonly GraphNode[];
  readonly mode: FindMode;
  /** Makes the node's card drawn: opens the module use holding it. */
  readonly onShow: (id: string) => void;
  readonly onSelect: (id: string) => void;
  readonly onConnect: (from: string, to: string) => void;
  readonly onClose: () => void;
}

/**
 * Focuses a card's React Flow wrapper (focusable, tabindex 0), so Delete, Enter and the arrows act on it next. For a
 * second it keeps the focus there, a frame at a time: a card that cannot take it yet (a block just added: not drawn,
 * or hidden until React Flow has measured it) gets it when it can, and a card that loses it to nobody (React Flow
 * reorders a selected card's element, which blurs it) gets it back. It stops as soon as the focus goes to anything
 * else (the next key, e.g. C opening the connect box, must keep it).
 *
 * Call it when the card is asked for, not from a timer: "anything else" is judged against the element focused at
 * the call. Started from a timer, it took whatever had the focus when the timer ran for the element it may take
 * the focus from, and in VS Code (a busy webview runs the keys typed before its timers) that was the box the next
 * keys had opened: C's connect box lost the focus after three or four typed characters, the palette's search box
 * after two.
 */
export function focusCard(id: string): void {
  const deadline = performance.now() + 1000;
  let expected: Element | null = document.activeElement;
  const tick = () => {
    // The webview lost the focus to the workbench (Ctrl+P, a panel): never take it back from there. A card whose
    // element was replaced meanwhile (Shift+E turns a use's frame back into its card) left the focus on the body,
    // and focusing the new element stole it from the Quick Open box the user had just opened (seen in VS Code).
    if (!document.hasFocus()) return;
    const el = [...document.querySelectorAll<HTMLElement>('.react-flow__node')].find((e) => e.dataset.id === id);
    const now = document.activeElement;
    if (now && now !== document.body && now !== expected && now !== el) return;
    if (el && now !== el) el.focus({ preventScroll: true });
    if (el && document.activeElement === el) expected = el;
    if (performance.now() < deadline) requestAnimationFrame(tick);
  };
  tick();
}

/**
 * Centres the view on a card once React Flow has it measured: a card inside a use that was closed is drawn a
 * render or two after the use opens, so this waits for it (a frame at a time, for a second at most). Its position
 * is absolute (an inner card's own is relative to its frame). `stale` stops a centring overtaken by a newer one.
 */
function centreWhenDrawn(flow: ReturnType<typeof useReactFlow<CardNode>>, id: string, stale: () => boolean): void {
  const deadline = performance.now() + 1000;
  const tick = () => {
    if (stale()) return;
    const node = flow.getInternalNode(id);
    if (node?.measured?.width) {
      const { x, y } = node.internals.positionAbsolute;
      void flow.setCenter(x + node.measured.width / 2, y + (node.measured.height ?? 60) / 2, { zoom: Math.max(flow.getZoom(), 0.8), duration: 200 });
      return;
    }
    if (performance.now() < deadline) requestAnimationFrame(tick);
  };
  tick();
}

export function FindWidget({ graph, searchable, mode, onShow, onSelect, onConnect, onClose }: FindWidgetProps) {
  const flow = useReactFlow<CardNode>();
  const input = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  const [current, setCurrent] = useState<string | null>(null);
  // A string, not `mode`: Ctrl+F again makes a new mode object (to focus the box again), not new matches.
  const exclude = mode.kind === 'connect' ? mode.from : null;
  // A connection joins top-level nodes only: the nodes inside a use are its module's, not the file's.
  const pool = mode.kind === 'find' ? searchable : graph.nodes;
  const matches = useMemo(() => findNodes(pool, query).filter((id) => id !== exclude), [pool, query, exclude]);
  const revealed = useRef(0);
  const shown = current !== null && matches.includes(current) ? current : (matches[0] ?? null);

  // Each request (C, Ctrl+F, F3 — even with the widget open) brings the focus back to the box.
  useEffect(() => input.current?.focus(), [mode]);

  const reveal = (id: string | null) => {
    if (!id) return;
    setCurrent(id);
    onShow(id);
    const request = ++revealed.current;
    centreWhenDrawn(flow, id, () => revealed.current !== request);
    if (mode.kind === 'find') onSelect(id);
  };

  // The first match is shown as the query changes (as VS Code's find highlights while typing).
  useEffect(() => {
    if (matches.length > 0 && (current === null || !matches.includes(current))) reveal(matches[0]);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [matches]);

  const close = (focusOn: string | null) => {
    // Asked while this box has the focus: focusCard moves it to the card (see there why not from a timer).
    if (focusOn) focusCard(focusOn);
    onClose();
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      close(mode.kind === 'find' ? shown : mode.from);
    } else if (e.key === 'Enter' && mode.kind === 'connect' && !e.shiftKey) {
      e.preventDefault();
      if (shown) {
        onConnect(mode.from, shown);
        close(shown);
      }
    } else if (e.key === 'Enter' || e.key === 'F3') {
      e.preventDefault();
      reveal(stepMatch(matches, shown, e.shiftKey ? -1 : 1));
    } else if (e.key === 'Tab' && mode.kind === 'find' && shown) {
      // Tab leaves the widget for the match itself (Delete, Enter to edit, arrows to nudge).
      e.preventDefault();
      close(shown);
    }
  };

  const position = shown ? matches.indexOf(shown) + 1 : 0;
  const status = query.trim() === '' ? '' : matches.length === 0 ? 'No results' : `${position} of ${matches.length}`;
  const title = mode.kind === 'find' ? 'Find node' : `Connect ${mode.from} to`;
  return (
    <div className="find-widget" data-testid="find-widget" role="search" aria-label={title} onKeyDown={onKeyDown}>
      {mode.kind === 'connect' && <span className="find-mode">{mode.from} →</span>}
      <input
        ref={input}
        data-testid="find-input"
        aria-label={mode.kind === 'find' ? 'Find a node by id, label or type' : `Connect ${mode.from} to the node with this id, label or type`}
        placeholder={mode.kind === 'find' ? 'Find node (id, label, type)' : 'Connect to… (id, label, type)'}
        value={query}
        spellCheck={false}
        onChange={(e) => setQuery(e.target.value)}
      />
      <span className="find-count" data-testid="find-count" aria-live="polite">
        {status}
        {mode.kind === 'connect' && shown ? ` · Enter connects to ${shown}` : ''}
      </span>
      <button type="button" className="icon" aria-label="Previous match (Shift+Enter)" title="Previous match (Shift+Enter)" disabled={matches.length === 0} onClick={() => reveal(stepMatch(matches, shown, -1))}>
        ↑
      </button>
      <button type="button" className="icon" aria-label="Next match (Enter)" title="Next match (Enter)" disabled={matches.length === 0} onClick={() => reveal(stepMatch(matches, shown, 1))}>
        ↓
      </button>
      <button type="button" className="icon" aria-label="Close (Escape)" title="Close (Escape)" onClick={() => close(null)}>
        ×
      </button>
    </div>
  );
}
