/**
 * Into and out of module uses from the keyboard, as a tree view opens a folder:
 *   E            on a selected use: open it in place and go to its first card
 *   ↓ → / ↑ ←    on a card inside an open use: the next / previous card of that use (the arrows nudge only the
 *                file's own cards; an inner card's place is the layout's)
 *   Escape       on a card inside a use: back to the use (its frame, still open); Escape again selects nothing
 *   Shift+E      close the use holding the selection (or the selected use) and go to its card
 * Enter on an inner card edits it as on any card (designKeys.ts): the inspector's first attribute of the module's
 * definition. Going somewhere selects the card and gives it the focus, so the next key acts on it.
 */
import { useEffect, useRef } from 'react';
import { isModuleUse, type Graph } from '../../engine/graph/types';
import type { GraphAnalysis } from '../../engine/shape/types';
import { cardOf } from '../model/moduleView';
import { isTyping } from './designKeys';
import { focusCard } from './FindWidget';

interface ModuleKeysState {
  readonly graph: Graph;
  readonly analysis: GraphAnalysis;
  readonly selection: ReadonlySet<string>;
  readonly expanded: ReadonlySet<string>;
  readonly setExpanded: (update: (s: ReadonlySet<string>) => ReadonlySet<string>) => void;
  readonly onSelection: (ids: ReadonlySet<string>) => void;
}

/** The cards an open use shows, in its definition's order (nested uses' nodes in place): what the arrows step through. */
export function cardsOf(analysis: GraphAnalysis, use: string): readonly string[] {
  const info = analysis.expansion?.uses.get(use);
  if (!info) return [];
  const flat = new Set(analysis.expansion!.graph.nodes.map((n) => n.id));
  return info.members.filter((id) => flat.has(id));
}

/** The card `step` places after `current` among `cards`, staying at the ends (a list, not a ring: the ends are felt). */
export function stepCard(cards: readonly string[], current: string, step: 1 | -1): string | null {
  const i = cards.indexOf(current);
  if (i < 0) return null;
  return cards[Math.min(cards.length - 1, Math.max(0, i + step))];
}

export function useModuleKeys(state: ModuleKeysState): void {
  // The listener is added once; it reads the latest state (a new listener per render would miss keys between them).
  const latest = useRef(state);
  latest.current = state;
  useEffect(() => {
    const go = (id: string) => {
      latest.current.onSelection(new Set([id]));
      focusCard(id);
    };
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.target instanceof HTMLElement && e.target.closest('button, .toolbar, .palette, .inspector, .training, .summary')) return;
      const { graph, analysis, selection, setExpanded } = latest.current;
      if (selection.size !== 1) return;
      const [selected] = selection;
      const use = cardOf(analysis, selected);
      const inner = use !== selected;
      const isUse = !inner && graph.nodes.some((n) => n.id === selected && isModuleUse(n)) && analysis.expansion?.uses.has(selected) === true;
      const handled = () => {
        e.preventDefault();
        // Before the canvas' own keys (Escape selects nothing, the arrows nudge): this listener runs in the capture phase.
        e.stopPropagation();
      };
      if ((e.key === 'e' || e.key === 'E') && !e.shiftKey && isUse) {
        handled();
        setExpanded((s) => (s.has(selected) ? s : new Set([...s, selected])));
        const first = cardsOf(analysis, selected)[0];
        if (first) go(first);
      } else if ((e.key === 'e' || e.key === 'E') && e.shiftKey && (inner || isUse)) {
        handled();
        setExpanded((s) => (s.has(use) ? new Set([...s].filter((x) => x !== use)) : s));
        go(use);
      } else if (e.key === 'Escape' && inner) {
        handled();
        go(use);
      } else if (inner && ['ArrowDown', 'ArrowRight', 'ArrowUp', 'ArrowLeft'].includes(e.key)) {
        handled();
        const next = stepCard(cardsOf(analysis, use), selected, e.key === 'ArrowDown' || e.key === 'ArrowRight' ? 1 : -1);
        if (next) go(next);
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}
