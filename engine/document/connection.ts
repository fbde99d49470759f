/**
 * Whether an edge may be drawn, and if not why — checked by the canvas while the user drags (to refuse at once)
 * and again by the extension host before it edits the file (the webview is not trusted).
 */
import { blockFor } from '../blocks/specs';
import type { Graph } from '../graph/types';

/** `null` when from → to is a valid new edge; otherwise the reason, in words for the user. */
export function connectionProblem(graph: Graph, from: string, to: string): string | null {
  const target = graph.nodes.find((n) => n.id === to);
  const source = graph.nodes.find((n) => n.id === from);
  if (!source) return `There is no node '${from}'.`;
  if (!target) return `There is no node '${to}'.`;
  if (from === to) return `A node cannot feed itself ('${from}' → '${to}' would be a cycle).`;
  if (graph.edges.some((e) => e.from === from && e.to === to)) return `'${from}' is already connected to '${to}'.`;
  const block = blockFor(target.type);
  const inputs = graph.edges.filter((e) => e.to === to).length;
  if (block && block.inputs.max === 0) return `'${to}' is ${article(block.title)} block: it takes no inputs.`;
  if (reaches(graph, to, from)) return `Connecting '${from}' → '${to}' would make a cycle ('${to}' already feeds '${from}').`;
  if (block && inputs >= block.inputs.max) {
    return block.inputs.max === 1
      ? `'${to}' (${block.title}) takes a single input and already has one; disconnect it first.`
      : `'${to}' (${block.title}) takes at most ${block.inputs.max} inputs.`;
  }
  return null;
}

function article(title: string): string {
  return /^[AEIOU]/i.test(title) ? `an ${title}` : `a ${title}`;
}

/** Whether `target` can be reached from `start` along edges. */
function reaches(graph: Graph, start: string, target: string): boolean {
  const next = new Map<string, string[]>();
  for (const e of graph.edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const seen = new Set([start]);
  const stack = [start];
  while (stack.length) {
    const id = stack.pop()!;
    if (id === target) return true;
    for (const n of next.get(id) ?? []) if (!seen.has(n)) seen.add(n), stack.push(n);
  }
  return false;
}
