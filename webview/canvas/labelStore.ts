/**
 * The texts on the canvas (card labels, shapes, params, problems; edge shapes), outside React Flow. A card or edge
 * label subscribes to its own entry, so an edit that changes 500 labels re-renders 500 small text components and
 * nothing else: React Flow's nodes, edges, wrappers and minimap stay as they are, because their objects do.
 */
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { CardData, Labels } from '../model/flowModel';

export class LabelStore {
  private readonly listeners = new Set<() => void>();

  constructor(private labels: Labels) {}

  set(labels: Labels): void {
    if (labels === this.labels) return;
    this.labels = labels;
    for (const listener of this.listeners) listener();
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  card(id: string): CardData | undefined {
    return this.labels.cards.get(id);
  }

  edge(id: string): string | undefined {
    return this.labels.edges.get(id);
  }
}

export const LabelContext = createContext<LabelStore | null>(null);

function useLabelStore(): LabelStore {
  const store = useContext(LabelContext);
  if (!store) throw new Error('a card or edge label was drawn outside the canvas');
  return store;
}

/** The texts of one card; the component re-renders only when they change (CardData objects are reused). */
export function useCard(id: string): CardData | undefined {
  const store = useLabelStore();
  return useSyncExternalStore(store.subscribe, () => store.card(id));
}

/** The shape one edge carries. */
export function useEdgeShape(id: string): string | undefined {
  const store = useLabelStore();
  return useSyncExternalStore(store.subscribe, () => store.edge(id));
}
