/**
 * The selection after React Flow's select changes: how the user's own selecting inside React Flow (a click, a box,
 * Enter on a card, a click on the pane) reaches the app, which owns the selection (node and edge ids in one set).
 */

/** The changes React Flow reports; only `select` ones are read. */
export type SelectionChange = { readonly type: string; readonly id?: string; readonly selected?: boolean };

/** `current` with the select changes applied: the same set when they change nothing (no re-render for nothing). */
export function selectedAfter(current: ReadonlySet<string>, changes: readonly SelectionChange[]): ReadonlySet<string> {
  let next: Set<string> | null = null;
  for (const c of changes) {
    if (c.type !== 'select' || c.id === undefined || (next ?? current).has(c.id) === !!c.selected) continue;
    next ??= new Set(current);
    if (c.selected) next.add(c.id);
    else next.delete(c.id);
  }
  return next ?? current;
}
