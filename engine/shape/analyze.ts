/**
 * Shape inference over a whole graph, incremental: given the previous analysis, the structure (ids, edges, cycles,
 * reachability) is reused when only attributes changed, and a node is re-inferred only when its own spec or one of
 * its inputs' results changed — so one attribute edit in a 1,000-node graph touches only the nodes downstream of it.
 */
import { isModuleUse, type Graph, type GraphNode } from '../graph/types';
import { collapsedAnalysis, isInsideModule } from '../modules/collapsed';
import { expandModules, type Expansion } from '../modules/expand';
import { fixesInFile } from '../modules/moduleFixes';
import type { Diagnostic } from './diagnostics';
import { analyzeNode, withoutShape } from './analyzeNode';
import { analyzeStructure, structureSignature, type Structure } from './structure';
import type { GraphAnalysis, GraphTotals, NodeAnalysis } from './types';

interface CacheEntry {
  /** The node object it was computed for: the same object has the same key (no lookup needed). */
  readonly node: GraphNode;
  readonly key: string;
  /** The inputs' results the node was computed from: showing the same (see `sameShown`) ⇒ its result is the same. */
  readonly inputs: readonly NodeAnalysis[];
  readonly result: NodeAnalysis;
}

interface AnalysisState {
  readonly structure: Structure;
  /** One entry per id of the structure's topological order, in that order. */
  readonly entries: readonly CacheEntry[];
}

/** The caches behind each analysis, kept out of the public result. */
const states = new WeakMap<GraphAnalysis, AnalysisState>();
/** A node's spec key, by node object: editors that copy only the changed node reuse the others' keys. */
const specKeys = new WeakMap<GraphNode, string>();

function specKey(node: GraphNode): string {
  let key = specKeys.get(node);
  if (key === undefined) {
    key = `${node.type}\u0000${JSON.stringify(node.attrs)}`;
    specKeys.set(node, key);
  }
  return key;
}

function sameNumbers(a: readonly number[] | null, b: readonly number[] | null): boolean {
  if (a === b) return true;
  if (a === null || b === null || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Whether two results show a node they feed the same: all a block reads of an input is its id, shape, receptive
 * field and jump. A change upstream that leaves these alone (a bias toggled, a filter count in a branch that is
 * pooled away…) stops there instead of rippling down.
 */
function sameShown(a: NodeAnalysis, b: NodeAnalysis): boolean {
  return a === b || (a.id === b.id && sameNumbers(a.outputShape, b.outputShape) && sameNumbers(a.receptiveField, b.receptiveField) && sameNumbers(a.jump, b.jump));
}

/** Whether the inputs show the node what they showed last time (no arrays allocated: this runs per node per edit). */
function sameInputs(seen: readonly NodeAnalysis[], inputIds: readonly string[], byId: ReadonlyMap<string, NodeAnalysis>): boolean {
  if (seen.length !== inputIds.length) return false;
  for (let i = 0; i < seen.length; i++) if (!sameShown(seen[i], byId.get(inputIds[i])!)) return false;
  return true;
}

/** A node that cannot be ordered (on or behind a cycle): its attribute problems still show; it has no shape. */
function unordered(node: GraphNode): NodeAnalysis {
  const a = analyzeNode(node, []);
  return withoutShape(a, a.diagnostics.filter((d) => d.code !== 'wrong-input-count'));
}

/**
 * The analysis of a graph file. A graph that uses modules is analysed expanded (engine/modules/expand.ts): `nodes`,
 * `order` and the totals are the flat graph's (ids are paths, `l2b0/conv1`), `byId` also holds each use's collapsed
 * summary (its output shape, params and MACs in total, the problems inside), and `expansion` the flat graph that
 * training and export compute on.
 */
export function analyzeGraph(graph: Graph, previous?: GraphAnalysis): GraphAnalysis {
  const expansion = expandModules(graph, previous?.expansion);
  const flat = analyzeFlatGraph(expansion.graph, previous);
  return expansion.graph === graph ? flat : withModules(flat, expansion, graph);
}

function withModules(flat: GraphAnalysis, expansion: Expansion, graph: Graph): GraphAnalysis {
  const fileIds = new Set(graph.nodes.map((n) => n.id));
  // A fix edits the file: one that names a node inside a module becomes an edit of its definition or of the use's
  // parameter, or is left out with the reason in the message (engine/modules/moduleFixes.ts).
  const keep = (d: Diagnostic): Diagnostic => fixesInFile(graph, expansion, fileIds, d);
  const diagnostics: Diagnostic[] = [];
  for (const d of flat.diagnostics) {
    // An unexpandable use's own problem says why; "unknown block type module:x" would only repeat it.
    if (d.code === 'unknown-type' && d.node !== null && expansion.unexpanded.has(d.node)) continue;
    diagnostics.push(isInsideModule(expansion, d.node) || d.fixes.length ? keep(d) : d);
  }
  diagnostics.push(...expansion.diagnostics);
  const byId = new Map(flat.byId);
  for (const path of expansion.unexpanded) {
    const a = byId.get(path);
    if (a) byId.set(path, { ...a, diagnostics: diagnostics.filter((d) => d.node === path) });
  }
  const typeOf = new Map<string, string>();
  for (const n of graph.nodes) if (isModuleUse(n)) typeOf.set(n.id, n.type);
  for (const [path, use] of expansion.uses) byId.set(path, collapsedAnalysis(use, typeOf.get(path) ?? `module:${use.module}`, flat.byId, diagnostics));
  const analysis: GraphAnalysis = { ...flat, byId, diagnostics, hasErrors: diagnostics.some((d) => d.severity === 'error'), expansion };
  states.set(analysis, states.get(flat)!);
  return analysis;
}

function analyzeFlatGraph(graph: Graph, previous?: GraphAnalysis): GraphAnalysis {
  const old = previous ? states.get(previous) : undefined;
  const signature = structureSignature(graph);
  const structure = old && old.structure.signature === signature ? old.structure : analyzeStructure(graph, signature);
  const { topo, orderIndex, orderInputs } = structure;
  // The previous entries: by position when the structure is the same (the common edit), else by id.
  const same = old?.structure === structure ? old.entries : undefined;
  const previousById = old && !same ? entriesById(old) : undefined;

  const entries: CacheEntry[] = [];
  const byId = new Map<string, NodeAnalysis>();
  const ordered: NodeAnalysis[] = [];
  for (let k = 0; k < topo.order.length; k++) {
    const id = topo.order[k];
    // The current node object (the structure may come from an earlier graph whose nodes had other attributes).
    const node = graph.nodes[orderIndex[k]];
    const inputIds = orderInputs[k];
    const hit = same ? same[k] : previousById?.get(id);
    const key = hit?.node === node ? hit.key : specKey(node);
    // An unchanged node keeps its cache entry as is: nothing is allocated for the common case.
    let entry: CacheEntry;
    if (hit && hit.key === key && sameInputs(hit.inputs, inputIds, byId)) entry = hit.node === node ? hit : { ...hit, node };
    else {
      const inputs = inputIds.map((i) => byId.get(i)!);
      entry = { node, key, inputs, result: analyzeNode(node, inputs) };
    }
    entries.push(entry);
    byId.set(id, entry.result);
    ordered.push(entry.result);
  }
  if (ordered.length < structure.ids.length) {
    const current = new Map<string, GraphNode>();
    for (const n of graph.nodes) if (!current.has(n.id)) current.set(n.id, n);
    for (const id of structure.ids) {
      if (byId.has(id)) continue;
      const result = unordered(current.get(id)!);
      byId.set(id, result);
      ordered.push(result);
    }
  }

  const diagnostics = [...structure.diagnostics];
  for (const n of ordered) for (const d of n.diagnostics) diagnostics.push(d);
  const analysis: GraphAnalysis = {
    nodes: ordered,
    byId,
    diagnostics,
    totals: totalsOf(ordered),
    order: topo.order,
    inputId: structure.inputId,
    outputIds: structure.outputIds,
    hasErrors: diagnostics.some((d) => d.severity === 'error'),
  };
  states.set(analysis, { structure, entries });
  return analysis;
}

function entriesById(state: AnalysisState): Map<string, CacheEntry> {
  const out = new Map<string, CacheEntry>();
  state.structure.topo.order.forEach((id, k) => out.set(id, state.entries[k]));
  return out;
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
