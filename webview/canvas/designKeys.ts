/**
 * Designing without a mouse: the canvas' keys beyond React Flow's own (Tab to a card, Enter or Space to select it,
 * Delete to delete it) and the nudge/copy/paste keys in Canvas.tsx.
 *   Ctrl+F, F3  find a node (id, label, type): jump, select, next/previous
 *   A           add a block: the palette's search box (Enter adds the first match after the selection)
 *   C           connect the selected node to another, picked by typing its id, label or type
 *   Enter, F2   edit the selected node: the inspector's first attribute (Escape comes back to the card); on a card
 *               inside an open module use, the module definition's node (moduleKeys.ts moves into and out of uses)
 *   M           show or hide the minimap
 */
import { useEffect } from 'react';
import type { FindMode } from './FindWidget';

export function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

/** The inspector's first attribute box (the label box for a block without attributes), where editing starts. */
export function focusInspector(): boolean {
  const field =
    document.querySelector<HTMLInputElement>('[data-testid="inspector"] input[data-testid^="attr-"]') ??
    document.querySelector<HTMLInputElement>('[data-testid="inspector"] input');
  field?.focus();
  field?.select();
  return !!field;
}

/** `selected`: the file's selected nodes (what C connects); `selectedCount`: every selected card, inner ones too (what Enter edits). */
export function useDesignKeys(selected: readonly string[], selectedCount: number, openFind: (mode: FindMode) => void, toggleMinimap: () => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const ctrl = e.ctrlKey || e.metaKey;
      if (ctrl && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        openFind({ kind: 'find' });
        return;
      }
      if (isTyping(e.target) || ctrl || e.altKey) return;
      // Keys typed into a button or a select (the toolbar, the palette) are theirs.
      if (e.target instanceof HTMLElement && e.target.closest('button, .toolbar, .palette, .inspector, .training, .summary')) return;
      if (e.key === 'F3') {
        e.preventDefault();
        openFind({ kind: 'find' });
      } else if (e.key === 'a' || e.key === 'A') {
        const search = document.querySelector<HTMLInputElement>('[data-testid="palette-search"]');
        if (!search) return;
        e.preventDefault();
        search.focus();
        search.select();
      } else if ((e.key === 'c' || e.key === 'C') && selected.length === 1) {
        e.preventDefault();
        openFind({ kind: 'connect', from: selected[0] });
      } else if (e.key === 'm' || e.key === 'M') {
        e.preventDefault();
        toggleMinimap();
      } else if ((e.key === 'Enter' || e.key === 'F2') && selectedCount === 1) {
        if (focusInspector()) e.preventDefault();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [selected, selectedCount, openFind, toggleMinimap]);
}
