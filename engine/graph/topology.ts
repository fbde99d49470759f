/**
 * The graph's structure: who feeds whom, a topological order, the cycles that prevent one, and what the input
 * reaches. Edges whose endpoints do not exist are left out here (the analysis reports them).
 */
import type { Graph } from './types';

export interface Topology {
  /** Incoming edges per node, in file order (a concat's input order). */
  readonly inputsOf: ReadonlyMap<string, readonly string[]>;
  readonly outputsOf: ReadonlyMap<string, readonly string[]>;
  /** Nodes in a topological order (Kahn's algorithm, ties in file order); excludes nodes on or after a cycle. */
  readonly order: readonly string[];
  /** Each cycle found, as the node ids around it (first node repeated implicitly). */
  readonly cycles: readonly (readonly string[])[];
}

export function topology(graph: Graph, known: ReadonlySet<string>): Topology {
  const inputsOf = new Map<string, string[]>();
  const outputsOf = new Map<string, string[]>();
  for (const id of known) {
    inputsOf.set(id, []);
    outputsOf.set(id, []);
  }
  for (const e of graph.edges) {
    if (!known.has(e.from) || !known.has(e.to)) continue;
    inputsOf.get(e.to)!.push(e.from);
    outputsOf.get(e.from)!.push(e.to);
  }

  const indegree = new Map<string, number>();
  for (const [id, ins] of inputsOf) indegree.set(id, ins.length);
  const ids = [...known];
  const queue = ids.filter((id) => indegree.get(id) === 0);
  const order: string[] = [];
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head];
    order.push(id);
    for (const next of outputsOf.get(id)!) {
      const d = indegree.get(next)! - 1;
      indegree.set(next, d);
      if (d === 0) queue.push(next);
    }
  }

  const cycles: string[][] = [];
  if (order.length < ids.length) {
    const placed = new Set(order);
    const onCycle = new Set<string>();
    for (const id of ids) {
      if (placed.has(id) || onCycle.has(id)) continue;
      const cycle = findCycleFrom(id, outputsOf, placed);
      if (cycle && !cycle.some((c) => onCycle.has(c))) {
        cycle.forEach((c) => onCycle.add(c));
        cycles.push(cycle);
      }
    }
  }
  return { inputsOf, outputsOf, order, cycles };
}

/**
 * Depth-first search among the unplaced nodes for a cycle reachable from `start`. Iterative (a stack of positions in
 * each node's outputs), since a chain of 10,000 nodes would overflow the call stack of a recursive search.
 */
function findCycleFrom(start: string, outputsOf: ReadonlyMap<string, readonly string[]>, placed: ReadonlySet<string>): string[] | null {
  const path: string[] = [start];
  const nextOutput: number[] = [0];
  const onPath = new Set<string>([start]);
  const done = new Set<string>();
  while (path.length > 0) {
    const top = path.length - 1;
    const id = path[top];
    const outputs = outputsOf.get(id) ?? [];
    if (nextOutput[top] === outputs.length) {
      path.pop();
      nextOutput.pop();
      onPath.delete(id);
      done.add(id);
      continue;
    }
    const next = outputs[nextOutput[top]++];
    if (placed.has(next) || done.has(next)) continue;
    if (onPath.has(next)) return path.slice(path.indexOf(next));
    path.push(next);
    nextOutput.push(0);
    onPath.add(next);
  }
  return null;
}

/** Every node reachable from `start` along edges. */
export function reachableFrom(start: string, outputsOf: ReadonlyMap<string, readonly string[]>): Set<string> {
  const seen = new Set<string>([start]);
  const stack = [start];
  while (stack.length) {
    for (const next of outputsOf.get(stack.pop()!) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return seen;
}
