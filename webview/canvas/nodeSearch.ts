/**
 * Finding nodes by what the canvas shows of them: id, label or type, case-insensitive, in file order; inside module
 * uses too, by path (`l2b0/conv1`: "conv1" finds it in every use, "l2b0/" lists that use's nodes). Pure, tested
 * (test/webview/nodeSearch.test.ts).
 */
import { isModuleUse, type Graph, type GraphNode } from '../../engine/graph/types';
import type { Expansion } from '../../engine/modules/expand';

/**
 * What Find searches: the file's nodes, each module use followed by the nodes it expands to (named by path, nested
 * uses and repeat copies included), so the matches read in file order as the canvas shows the uses opened.
 */
export function searchableNodes(graph: Graph, expansion: Expansion | undefined): readonly GraphNode[] {
  if (!expansion || expansion.graph === graph) return graph.nodes;
  const flat = new Map(expansion.graph.nodes.map((n) => [n.id, n]));
  const out: GraphNode[] = [];
  for (const n of graph.nodes) {
    out.push(n);
    const use = isModuleUse(n) ? expansion.uses.get(n.id) : undefined;
    for (const id of use?.members ?? []) {
      const inner = flat.get(id);
      if (inner) out.push(inner);
    }
  }
  return out;
}

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

/** A card inside an opened module use names its path and the module whose definition it edits. */
export function innerCardName(type: string, path: string, module: string): string {
  return `${type} block ${path}, in module ${module}`;
}

/** An opened use's frame: its id, module and how many cards it holds. */
export function frameName(id: string, module: string, count: number): string {
  return `module ${module} use ${id}, open, ${count} nodes`;
}
