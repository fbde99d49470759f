/**
 * Finding nodes by what the canvas shows of them: id, label or type, case-insensitive, in file order. Pure, tested
 * (test/webview/nodeSearch.test.ts).
 */
import type { GraphNode } from '../../engine/graph/types';

/** The ids of the nodes whose id, label or type contains `query` (ignoring case), in file order; none for "". */
export function findNodes(nodes: readonly GraphNode[], query: string): string[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const n of nodes) {
    if (seen.has(n.id)) continue;
    seen.add(n.id);
    if (n.id.toLowerCase().includes(q) || n.type.toLowerCase().includes(q) || (n.label ?? '').toLowerCase().includes(q)) out.push(n.id);
  }
  // Exact id matches first: typing "c1" jumps to c1, not to the first id that contains it.
  return [...out.filter((id) => id.toLowerCase() === q), ...out.filter((id) => id.toLowerCase() !== q)];
}

/** The match after (step 1) or before (step −1) `current`, wrapping; the first one when `current` is not a match. */
export function stepMatch(matches: readonly string[], current: string | null, step: 1 | -1): string | null {
  if (matches.length === 0) return null;
  const i = current === null ? -1 : matches.indexOf(current);
  if (i < 0) return step === 1 ? matches[0] : matches[matches.length - 1];
  return matches[(i + step + matches.length) % matches.length];
}

/** The accessible name of a card (React Flow's node wrapper): its type and name, as a screen reader announces it. */
export function cardName(type: string, id: string, label?: string): string {
  return label && label !== id ? `${type} block ${label} (${id})` : `${type} block ${id}`;
}
