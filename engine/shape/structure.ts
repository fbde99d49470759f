/**
 * The graph's structure — ids, edges, cycles, the input, reachability — and the diagnostics that depend on it
 * alone. Attribute edits (the common case while editing) leave it unchanged, so the analysis reuses the previous
 * structure whenever the ids, input markers and edges are the same.
 */
import { reachableFrom, topology, type Topology } from '../graph/topology';
import type { Graph, GraphNode } from '../graph/types';
import { diagnostic, type Diagnostic } from './diagnostics';

export interface Structure {
  /** What the structure was computed from; equal signatures ⇒ equal structures. */
  readonly signature: string;
  /** The ids that count (the first node with each id), in file order. Nodes themselves are looked up per analysis. */
  readonly ids: readonly string[];
  readonly topo: Topology;
  /** For each id of `topo.order`: the index of its node in the graph's nodes (the first with that id) … */
  readonly orderIndex: readonly number[];
  /** … and its inputs (topo.inputsOf), so an analysis walks the order without a lookup by id. */
  readonly orderInputs: readonly (readonly string[])[];
  readonly inputId: string | null;
  readonly reachable: ReadonlySet<string>;
  readonly outputIds: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

export function structureSignature(graph: Graph): string {
  let s = '';
  for (const n of graph.nodes) s += (n.type === 'input' ? '*' : '') + n.id + '\u0001';
  s += '\u0002';
  for (const e of graph.edges) s += e.from + '\u0000' + e.to + '\u0001';
  return s;
}

export function analyzeStructure(graph: Graph, signature: string): Structure {
  const diagnostics: Diagnostic[] = [];

  // Ids: the first node with an id wins; later duplicates are reported and ignored.
  const nodes = new Map<string, GraphNode>();
  for (const node of graph.nodes) {
    if (nodes.has(node.id)) {
      diagnostics.push(
        diagnostic(node.id, 'error', 'duplicate-id', `Two nodes have the id '${node.id}'; ids must be unique. The second one is ignored until renamed.`),
      );
      continue;
    }
    nodes.set(node.id, node);
  }
  const known = new Set(nodes.keys());

  // Edges: both ends must exist; an edge may appear once.
  const seenEdges = new Set<string>();
  const removeFix = (from: string, to: string) => [{ title: `remove the edge ${from} → ${to}`, edits: [{ kind: 'remove-edge' as const, from, to }] }];
  for (const e of graph.edges) {
    if (!known.has(e.from) || !known.has(e.to)) {
      const missing = [e.from, e.to].filter((id) => !known.has(id)).map((id) => `'${id}'`);
      const anchor = known.has(e.to) ? e.to : known.has(e.from) ? e.from : null;
      const what = missing.length === 1 ? 'is not a node' : 'are not nodes';
      diagnostics.push(
        diagnostic(anchor, 'error', 'unknown-edge-node', `The edge ${e.from} → ${e.to} names ${missing.join(' and ')}, which ${what}.`, removeFix(e.from, e.to)),
      );
      continue;
    }
    const key = `${e.from}\u0000${e.to}`;
    if (seenEdges.has(key)) {
      diagnostics.push(diagnostic(e.to, 'error', 'duplicate-edge', `The edge ${e.from} → ${e.to} appears twice.`, removeFix(e.from, e.to)));
    }
    seenEdges.add(key);
  }

  const topo = topology(graph, known);
  for (const cycle of topo.cycles) {
    // A cycle through thousands of generated nodes would make a message nobody can read: show both ends of it.
    const around = [...cycle, cycle[0]];
    const path = around.length <= 13 ? around.join(' → ') : `${around.slice(0, 6).join(' → ')} → … (${around.length - 12} more) → ${around.slice(-6).join(' → ')}`;
    const last = cycle[cycle.length - 1];
    diagnostics.push(
      diagnostic(null, 'error', 'cycle', `The graph has a cycle: ${path}. A network must be acyclic; remove one of these edges.`, removeFix(last, cycle[0])),
    );
  }

  const inputNodes = [...nodes.values()].filter((n) => n.type === 'input');
  if (inputNodes.length === 0) {
    diagnostics.push(diagnostic(null, 'error', 'no-input', 'The graph has no input block: add one and connect it to the first layer.'));
  }
  for (const extra of inputNodes.slice(1)) {
    diagnostics.push(
      diagnostic(extra.id, 'error', 'multiple-inputs', `The graph has more than one input ('${inputNodes[0].id}' and '${extra.id}'); version 1 supports one.`, [
        { title: `remove '${extra.id}'`, edits: [{ kind: 'remove-node', node: extra.id }] },
      ]),
    );
  }
  const inputId = inputNodes.length >= 1 ? inputNodes[0].id : null;

  // Reachability from the input: a connected-but-unreachable node would never receive data.
  const reachable = inputId ? reachableFrom(inputId, topo.outputsOf) : new Set<string>();
  const onCycle = new Set(topo.cycles.flat());
  for (const [id, node] of nodes) {
    if (!inputId || reachable.has(id) || node.type === 'input' || topo.inputsOf.get(id)!.length === 0 || onCycle.has(id)) continue;
    diagnostics.push(
      diagnostic(id, 'warning', 'unreachable', `'${id}' is not connected to the input '${inputId}', so no data reaches it.`, [
        { title: `remove '${id}'`, edits: [{ kind: 'remove-node', node: id }] },
      ]),
    );
  }
  const outputIds = topo.order.filter((id) => topo.outputsOf.get(id)!.length === 0 && reachable.has(id) && id !== inputId);
  if (outputIds.length > 1) {
    const list = outputIds.map((o) => `'${o}'`).join(', ');
    diagnostics.push(
      diagnostic(outputIds[1], 'warning', 'multiple-outputs', `The graph has ${outputIds.length} outputs (${list}); training uses a single output. Connect or remove the others.`),
    );
  }
  const firstIndex = new Map<string, number>();
  graph.nodes.forEach((n, i) => {
    if (!firstIndex.has(n.id)) firstIndex.set(n.id, i);
  });
  const orderIndex = topo.order.map((id) => firstIndex.get(id)!);
  const orderInputs = topo.order.map((id) => topo.inputsOf.get(id)!);
  return { signature, ids: [...nodes.keys()], topo, orderIndex, orderInputs, inputId, reachable, outputIds, diagnostics };
}
