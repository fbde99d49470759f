/**
 * The texts on the canvas (card attributes, shapes, params; edge shapes), outside React. An attribute edit in a
 * 500-node chain changes ~1,000 of them; re-rendering 1,000 components for that took most of an edit's time (two
 * thirds of ~30 ms, profiled in chromium: React's render and commit of the cards), so these texts are written into
 * their elements directly: a card renders empty elements with `ref={store.textRef(field, id)}` and the store owns
 * their text — it sets it when the element attaches and whenever it changes. React never renders a child into such
 * an element, so it never writes a stale text over the store's.
 *
 * What changes a card's structure rather than a text (its label, a problem badge, the tooltip) still goes through
 * React: `useCardLook(id)` re-renders that one card when its look changes, not every card.
 */
import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';
import type { CardData, Labels } from '../model/flowModel';

/** The card texts the store writes itself. */
export type CardText = 'keyAttrs' | 'shape' | 'params';
const CARD_TEXTS: readonly CardText[] = ['keyAttrs', 'shape', 'params'];

/** What of a card React draws: the same object while these stay the same, so the card does not re-render. */
export interface CardLook {
  readonly label: string | undefined;
  readonly severity: CardData['severity'];
  readonly messages: readonly string[];
}

type Sink = (element: HTMLElement | null) => void;

const sinkKey = (field: CardText | 'edge', id: string): string => `${field}\u0000${id}`;

function sameLook(a: CardLook, card: CardData): boolean {
  return a.label === card.label && a.severity === card.severity && a.messages.length === card.messages.length && a.messages.every((m, i) => m === card.messages[i]);
}

export class LabelStore {
  /** The one text node inside each element the store writes (setting its data is cheaper than textContent, which
   *  replaces the node), by card id and field and by edge id: an edit looks them up without building a key each. */
  private readonly cardTexts = new Map<string, Partial<Record<CardText, Text>>>();
  private readonly edgeTexts = new Map<string, Text>();
  /** One ref callback per text, kept so that its identity is stable across renders (React re-attaches new ones). */
  private readonly sinks = new Map<string, Sink>();
  private readonly looks = new Map<string, CardLook>();
  private readonly lookListeners = new Map<string, Set<() => void>>();

  constructor(private labels: Labels) {}

  set(labels: Labels): void {
    const old = this.labels;
    if (labels === old) return;
    this.labels = labels;
    let added = false;
    for (const [id, card] of labels.cards) {
      const before = old.cards.get(id);
      if (card === before) continue;
      if (!before) added = true;
      const texts = this.cardTexts.get(id);
      if (texts) for (const field of CARD_TEXTS) if (before?.[field] !== card[field]) write(texts[field], card[field]);
      const look = this.looks.get(id);
      if (look && !sameLook(look, card)) {
        this.looks.delete(id);
        for (const listener of this.lookListeners.get(id) ?? []) listener();
      }
    }
    for (const [id, shape] of labels.edges) {
      if (!old.edges.has(id)) added = true;
      if (old.edges.get(id) !== shape) write(this.edgeTexts.get(id), shape);
    }
    if (added || old.cards.size !== labels.cards.size || old.edges.size !== labels.edges.size) this.forgetGone();
  }

  /** The ref of an element whose text is the card's `field` (or, for 'edge', the shape edge `id` carries). */
  textRef(field: CardText | 'edge', id: string): Sink {
    const key = sinkKey(field, id);
    let sink = this.sinks.get(key);
    if (!sink) {
      sink = (element) => {
        const text = element ? element.ownerDocument.createTextNode(this.text(field, id) ?? '') : undefined;
        if (element && text) element.replaceChildren(text);
        if (field === 'edge') {
          if (text) this.edgeTexts.set(id, text);
          else this.edgeTexts.delete(id);
          return;
        }
        let texts = this.cardTexts.get(id);
        if (!texts) this.cardTexts.set(id, (texts = {}));
        if (text) texts[field] = text;
        else delete texts[field];
      };
      this.sinks.set(key, sink);
    }
    return sink;
  }

  /** A card's look (label, problems), the same object until one of them changes. */
  look(id: string): CardLook | undefined {
    let look = this.looks.get(id);
    if (!look) {
      const card = this.labels.cards.get(id);
      if (!card) return undefined;
      look = { label: card.label, severity: card.severity, messages: card.messages };
      this.looks.set(id, look);
    }
    return look;
  }

  subscribeLook(id: string, listener: () => void): () => void {
    let listeners = this.lookListeners.get(id);
    if (!listeners) this.lookListeners.set(id, (listeners = new Set()));
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) this.lookListeners.delete(id);
    };
  }

  /** The text the canvas shows now (tests and the e2e harness read the DOM; this is the store's side). */
  text(field: CardText | 'edge', id: string): string | undefined {
    return field === 'edge' ? this.labels.edges.get(id) : this.labels.cards.get(id)?.[field];
  }


  /** Drops the refs and looks of cards and edges that are gone (their elements detached already). */
  private forgetGone(): void {
    for (const key of this.sinks.keys()) {
      const [field, id] = key.split('\u0000');
      const present = field === 'edge' ? this.labels.edges.has(id) : this.labels.cards.has(id);
      const attached = field === 'edge' ? this.edgeTexts.has(id) : this.cardTexts.get(id)?.[field as CardText] !== undefined;
      if (!present && !attached) this.sinks.delete(key);
    }
    for (const [id, texts] of this.cardTexts) if (!this.labels.cards.has(id) && Object.keys(texts).length === 0) this.cardTexts.delete(id);
    for (const id of this.looks.keys()) if (!this.labels.cards.has(id)) this.looks.delete(id);
  }
}

function write(text: Text | undefined, value: string): void {
  if (text && text.data !== value) text.data = value;
}

export const LabelContext = createContext<LabelStore | null>(null);

export function useLabelStore(): LabelStore {
  const store = useContext(LabelContext);
  if (!store) throw new Error('a card or edge label was drawn outside the canvas');
  return store;
}

/** A card's label and problems; the card re-renders only when these change, not when its texts do. */
export function useCardLook(id: string): CardLook | undefined {
  const store = useLabelStore();
  const subscribe = useCallback((listener: () => void) => store.subscribeLook(id, listener), [store, id]);
  return useSyncExternalStore(subscribe, () => store.look(id));
}
