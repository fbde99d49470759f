/**
 * Shape inference over a whole graph, incremental: given the previous analysis, a node is re-inferred only when
 * its own spec or one of its inputs' results changed, so one attribute edit in a 1,000-node graph touches only the
 * nodes downstream of it. Graph-level checks (ids, edges, cycles, inputs, reachability) are cheap and always rerun.
 */
import { reachableFrom, topology } from '../graph/topology';
import type { Graph, GraphNode } from '../graph/types';
import { analyzeNode } from './analyzeNode';
import { diagnostic, type Diagnostic } from './diagnostics';
import type { GraphAnalysis, GraphTotals, NodeAnalysis } from './types';

interface CacheEntry {
  readonly key: string;
  readonly inputs: readonly NodeAnalysis[];
  readonly result: NodeAnalysis;
}

/** The per-node cache behind each analysis, kept out of the public result. */
const caches = new WeakMap<GraphAnalysis, ReadonlyMap<string, CacheEntry>>();

function specKey(node: GraphNode, inputIds: readonly string[]): string {
  return `${node.type}\u0000${JSON.stringify(node.attrs)}\u0000${inputIds.join('\u0000')}`;
}

function sameInputs(a: readonly NodeAnalysis[], b: readonly NodeAnalysis[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export function analyzeGraph(graph: Graph, previous?: GraphAnalysis): GraphAnalysis {
  const oldCache = previous ? caches.get(previous) : undefined;
  const cache = new Map<string, CacheEntry>();
  const graphDiagnostics: Diagnostic[] = [];

  // Ids: the first node with an id wins; later duplicates are reported and ignored.
  const nodes = new Map<string, GraphNode>();
  for (const node of graph.nodes) {
    if (nodes.has(node.id)) {
      graphDiagnostics.push(
        diagnostic(node.id, 'error', 'duplicate-id', `Two nodes have the id '${node.id}'; ids must be unique. The second one is ignored until renamed.`),
      );
      continue;
    }
    nodes.set(node.id, node);
  }
  const known = new Set(nodes.keys());

  // Edges: both ends must exist; an edge may appear once.
  const seenEdges = new Set<string>();
  for (const e of graph.edges) {
    const removeFix = [{ title: `remove the edge ${e.from} → ${e.to}`, edits: [{ kind: 'remove-edge' as const, from: e.from, to: e.to }] }];
    if (!known.has(e.from) || !known.has(e.to)) {
      const missing = [e.from, e.to].filter((id) => !known.has(id)).map((id) => `'${id}'`);
      const anchor = known.has(e.to) ? e.to : known.has(e.from) ? e.from : null;
      graphDiagnostics.push(
        diagnostic(anchor, 'error', 'unknown-edge-node', `The edge ${e.from} → ${e.to} names ${missing.join(' and ')}, which ${missing.length === 1 ? 'is not a node' : 'are not nodes'}.`, removeFix),
      );
      continue;
    }
    const key = `${e.from}\u0000${e.to}`;
    if (seenEdges.has(key)) {
      graphDiagnostics.push(diagnostic(e.to, 'error', 'duplicate-edge', `The edge ${e.from} → ${e.to} appears twice.`, removeFix));
    }
    seenEdges.add(key);
  }

  const topo = topology(graph, known);
  for (const cycle of topo.cycles) {
    const path = [...cycle, cycle[0]].join(' → ');
    const last = cycle[cycle.length - 1];
    graphDiagnostics.push(
      diagnostic(null, 'error', 'cycle', `The graph has a cycle: ${path}. A network must be acyclic; remove one of these edges.`, [
        { title: `remove the edge ${last} → ${cycle[0]}`, edits: [{ kind: 'remove-edge', from: last, to: cycle[0] }] },
      ]),
    );
  }

  const inputNodes = [...nodes.values()].filter((n) => n.type === 'input');
  if (inputNodes.length === 0) {
    graphDiagnostics.push(diagnostic(null, 'error', 'no-input', 'The graph has no input block: add one and connect it to the first layer.'));
  }
  for (const extra of inputNodes.slice(1)) {
    graphDiagnostics.push(
      diagnostic(extra.id, 'error', 'multiple-inputs', `The graph has more than one input ('${inputNodes[0].id}' and '${extra.id}'); version 1 supports one.`, [
        { title: `remove '${extra.id}'`, edits: [{ kind: 'remove-node', node: extra.id }] },
      ]),
    );
  }
  const inputId = inputNodes.length >= 1 ? inputNodes[0].id : null;

  // Per-node inference in topological order, reusing unchanged results.
  const byId = new Map<string, NodeAnalysis>();
  const ordered: NodeAnalysis[] = [];
  for (const id of topo.order) {
    const node = nodes.get(id)!;
    const inputIds = topo.inputsOf.get(id)!;
    const inputs = inputIds.map((i) => byId.get(i)!);
    const key = specKey(node, inputIds);
    const old = oldCache?.get(id);
    const result = old && old.key === key && sameInputs(old.inputs, inputs) ? old.result : analyzeNode(node, inputs);
    cache.set(id, { key, inputs, result });
    byId.set(id, result);
    ordered.push(result);
  }
  // Nodes on (or behind) a cycle: attribute problems still show; no shape.
  for (const [id, node] of nodes) {
    if (byId.has(id)) continue;
    const a = analyzeNode(node, []);
    const result: NodeAnalysis = { ...a, outputShape: null, params: 0, nonTrainableParams: 0, macs: 0, activationBytes: 0, paramTensors: [], diagnostics: a.diagnostics.filter((d) => d.code !== 'wrong-input-count') };
    byId.set(id, result);
    ordered.push(result);
  }

  // Reachability from the input: a connected-but-unreachable node would never receive data.
  const reachable = inputId ? reachableFrom(inputId, topo.outputsOf) : new Set<string>();
  for (const [id, node] of nodes) {
    if (reachable.has(id) || node.type === 'input' || topo.inputsOf.get(id)!.length === 0 || !inputId) continue;
    if (topo.cycles.some((c) => c.includes(id))) continue;
    graphDiagnostics.push(
      diagnostic(id, 'warning', 'unreachable', `'${id}' is not connected to the input '${inputId}', so no data reaches it.`, [
        { title: `remove '${id}'`, edits: [{ kind: 'remove-node', node: id }] },
      ]),
    );
  }
  const outputIds = topo.order.filter((id) => topo.outputsOf.get(id)!.length === 0 && reachable.has(id) && id !== inputId);
  if (outputIds.length > 1) {
    graphDiagnostics.push(
      diagnostic(outputIds[1], 'warning', 'multiple-outputs', `The graph has ${outputIds.length} outputs (${outputIds.map((o) => `'${o}'`).join(', ')}); training uses a single output. Connect or remove the others.`),
    );
  }

  const diagnostics = [...graphDiagnostics, ...ordered.flatMap((n) => n.diagnostics)];
  const analysis: GraphAnalysis = {
    nodes: ordered,
    byId,
    diagnostics,
    totals: totalsOf(ordered),
    order: topo.order,
    inputId,
    outputIds,
    hasErrors: diagnostics.some((d) => d.severity === 'error'),
  };
  caches.set(analysis, cache);
  return analysis;
}

function totalsOf(nodes: readonly NodeAnalysis[]): GraphTotals {
  let trainableParams = 0;
  let nonTrainableParams = 0;
  let totalMacs = 0;
  let activationBytes = 0;
  for (const n of nodes) {
    trainableParams += n.params;
    nonTrainableParams += n.nonTrainableParams;
    totalMacs += n.macs;
    activationBytes += n.activationBytes;
  }
  return { trainableParams, nonTrainableParams, totalParams: trainableParams + nonTrainableParams, totalMacs, activationBytes };
}
