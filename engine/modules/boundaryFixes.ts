/**
 * Fixes of a module definition without exactly one input and one output (engine/modules/boundary.ts), as edits of
 * the definition, so every use follows. The top level's fixes of the same mistakes, said for a module:
 *   - a dangling node (a second output: nothing inside reads it): remove it, with the nodes only it reads;
 *   - no input: a node whose type is a misspelt `input` becomes one; else add an input feeding the nodes nothing
 *     feeds (one each, or all at once: a block whose two branches both start at the input);
 *   - a missing edge (a node nothing feeds beside a second output, or an input nothing reads): connect them;
 *   - more than one input: remove the others; edges into the input: remove them;
 *   - a cycle (no output at all): remove the edge that closes it.
 * Each candidate is tried on the definition and offered only when the boundary is then right; when some of them
 * also leave every node fed, only those are offered (removing half of a broken chain is not a fix).
 */
import { blockFor } from '../blocks/specs';
import { connectionProblem } from '../document/connection';
import { uniqueId } from '../document/ids';
import { closestName } from '../shape/closest';
import { topology } from '../graph/topology';
import type { Graph, GraphEdge, GraphNode, ModuleDefinition } from '../graph/types';
import type { Fix, ModuleBodyEdit } from '../shape/diagnostics';
import { moduleBoundary, type BoundaryProblem } from './boundary';

interface Candidate {
  readonly title: string;
  readonly edits: readonly ModuleBodyEdit[];
}

/** The definition as a graph, for the structure helpers. */
function asGraph(definition: ModuleDefinition): Graph {
  return { name: '', nodes: definition.nodes, edges: definition.edges, layout: {} };
}

/** The definition after the candidate's edits (removals, added edges and inputs, type changes are proposed here). */
function edited(definition: ModuleDefinition, edits: readonly ModuleBodyEdit[]): ModuleDefinition {
  let nodes: readonly GraphNode[] = definition.nodes;
  let edges: readonly GraphEdge[] = definition.edges;
  for (const e of edits) {
    if (e.kind === 'add-input') {
      nodes = [{ id: e.id, type: 'input', attrs: {} }, ...nodes];
      edges = [...e.to.map((to) => ({ from: e.id, to })), ...edges];
    } else if (e.kind === 'set-type') nodes = nodes.map((n) => (n.id === e.node ? { ...n, type: e.type } : n));
    else if (e.kind === 'remove-node') {
      nodes = nodes.filter((n) => n.id !== e.node);
      edges = edges.filter((x) => x.from !== e.node && x.to !== e.node);
    } else if (e.kind === 'remove-edge') {
      const at = edges.map((x) => x.from === e.from && x.to === e.to).lastIndexOf(true);
      edges = edges.filter((_, i) => i !== at);
    } else if (e.kind === 'add-edge') edges = [...edges, { from: e.from, to: e.to }];
  }
  return { ...definition, nodes, edges };
}

/** Nodes other than the input that nothing inside the module feeds. */
function unfed(definition: ModuleDefinition): string[] {
  const fed = new Set(definition.edges.map((e) => e.to));
  return definition.nodes.filter((n) => n.type !== 'input' && !fed.has(n.id)).map((n) => n.id);
}

/** `id` and every node it reads from, directly or not. */
function upstream(definition: ModuleDefinition, id: string): Set<string> {
  const seen = new Set([id]);
  const stack = [id];
  while (stack.length) {
    const at = stack.pop()!;
    for (const e of definition.edges) {
      if (e.to !== at || seen.has(e.from)) continue;
      seen.add(e.from);
      stack.push(e.from);
    }
  }
  return seen;
}

const quoted = (ids: readonly string[]) => ids.map((id) => `'${id}'`).join(', ');

/**
 * A definition without an input. A node nothing feeds whose type is a misspelt `input` (`inupt`) is meant to be it.
 * Edges from an id no node has (`in → conv1` written, the node left out) name it: add it. Else an input (`in`, as
 * the message suggests) feeds each node nothing feeds, and all of them at once.
 */
function missingInput(definition: ModuleDefinition): Candidate[] {
  const sources = unfed(definition);
  const misspelt = definition.nodes.filter((n) => sources.includes(n.id) && !blockFor(n.type) && closestName(n.type, ['input']) === 'input');
  if (misspelt.length) return misspelt.map((n) => ({ title: `change ${n.id}'s type to 'input'`, edits: [{ kind: 'set-type', node: n.id, type: 'input' }] }));
  const ids = new Set(definition.nodes.map((n) => n.id));
  const named = [...new Set(definition.edges.map((e) => e.from))].filter((id) => !ids.has(id));
  const written = named.map((id): Candidate => ({ title: `add the input '${id}' its edges come from`, edits: [{ kind: 'add-input', id, to: [] }] }));
  const id = uniqueId('in', ids);
  const each = sources.map((to): Candidate => ({ title: `add an input '${id}' → ${to}`, edits: [{ kind: 'add-input', id, to: [to] }] }));
  const all: Candidate[] = sources.length > 1 ? [{ title: `add an input '${id}' → ${sources.join(', ')}`, edits: [{ kind: 'add-input', id, to: sources }] }] : [];
  return [...written, ...each, ...all];
}

function candidates(definition: ModuleDefinition, problem: BoundaryProblem): Candidate[] {
  const connect = (from: string, to: string): Candidate[] =>
    connectionProblem(asGraph(definition), from, to) ? [] : [{ title: `connect ${from} → ${to}`, edits: [{ kind: 'add-edge', from, to }] }];
  switch (problem.kind) {
    case 'no-input':
      return missingInput(definition);
    case 'inputs': {
      const extra = problem.inputs.slice(1);
      return [{ title: `remove ${quoted(extra)}`, edits: extra.map((node) => ({ kind: 'remove-node', node })) }];
    }
    case 'input-fed': {
      const into = definition.edges.filter((e) => e.to === problem.input);
      return [{ title: into.map((e) => `remove the edge ${e.from} → ${e.to}`).join(', '), edits: into.map((e) => ({ kind: 'remove-edge', from: e.from, to: e.to })) }];
    }
    case 'input-unread': {
      // Each node nothing feeds, and all of them at once (a block whose two branches both start at the input).
      const each = unfed(definition).flatMap((id) => connect(problem.input, id));
      return each.length > 1 ? [...each, { title: each.map((c) => c.title).join(', '), edits: each.flatMap((c) => c.edits) }] : each;
    }
    case 'no-output':
      return topology(asGraph(definition), new Set(definition.nodes.map((n) => n.id))).cycles.map((cycle) => {
        const [from, to] = [cycle[cycle.length - 1], cycle[0]];
        return { title: `remove the edge ${from} → ${to}`, edits: [{ kind: 'remove-edge', from, to }] };
      });
    case 'outputs': {
      const order = definition.nodes.map((n) => n.id);
      const out: Candidate[] = [];
      // A missing edge: a node nothing feeds, after an output that reads on into nothing (in file order).
      for (const id of unfed(definition)) {
        const before = problem.sinks.filter((s) => s !== id && order.indexOf(s) < order.indexOf(id));
        if (before.length) out.push(...connect(before[before.length - 1], id));
      }
      // A dangling node: remove it and what only it reads, when that is the smaller part of the module. The
      // smallest removal comes first, and of equal ones the later in the file (a node added last is the likelier
      // leftover).
      const removals: { dead: string[]; at: number }[] = [];
      for (const sink of problem.sinks) {
        const kept = new Set(problem.sinks.filter((s) => s !== sink).flatMap((s) => [...upstream(definition, s)]));
        const dead = order.filter((id) => upstream(definition, sink).has(id) && !kept.has(id) && id !== problem.input);
        if (dead.length < order.length - 1 - dead.length) removals.push({ dead, at: order.indexOf(sink) });
      }
      removals.sort((x, y) => x.dead.length - y.dead.length || y.at - x.at);
      for (const { dead } of removals) out.push({ title: `remove ${quoted(dead)}`, edits: dead.map((node) => ({ kind: 'remove-node', node })) });
      return out;
    }
  }
}

/** The fixes of module `name`'s boundary problem, each an edit of its definition; `reach` says whom it changes. */
export function boundaryFixes(name: string, definition: ModuleDefinition, problem: BoundaryProblem, reach: string): Fix[] {
  const tried = candidates(definition, problem).map((c) => {
    const after = edited(definition, c.edits);
    return { c, ok: moduleBoundary(name, after).ok, whole: unfed(after).length === 0 };
  });
  const working = tried.filter((t) => t.ok);
  const offered = working.some((t) => t.whole) ? working.filter((t) => t.whole) : working;
  return offered.map(({ c }) => ({ title: `${c.title} (in ${reach})`, edits: c.edits.map((edit) => ({ kind: 'edit-module', module: name, edit })) }));
}
