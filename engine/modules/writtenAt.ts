/**
 * Where the flat graph's nodes and edges are written in the file. The flat graph names a node by its path
 * (`l2b0/conv1`) and an edge by flat ids (`l2b0/bn2 → l2b0/add`, `x → l2b0/conv1` for the edge from the module's
 * input); the file writes them once, in a body: the top level or a module's definition, in that body's own ids
 * (`bn2 → add`, `in → conv1`). A structural fix found on the flat graph is written back through this.
 *
 * Every flat edge into a node comes from the edge list of that node's own body (engine/modules/expand.ts), so the
 * body of an edge is its target's; its source is found among what that body's nodes stand for in this copy: an
 * inner node's path, the module input's feed, a nested use's output.
 *
 * A problem of a definition as a whole (no single input and output) is reported on each use, which it keeps from
 * expanding; it is written in the definition, and writtenDefinition names it.
 */
import { isModuleUse, MODULE_TYPE_PREFIX, type Graph } from '../graph/types';
import type { Diagnostic } from '../shape/diagnostics';
import { moduleBoundary } from './boundary';
import type { Expansion } from './expand';

/** A body of the file: the top level (module null) or the definition of `module`, as copied for use `usePath`. */
interface Body {
  readonly module: string | null;
  readonly usePath: string;
}

/** A node or an edge in the terms of the body that writes it. */
export type WrittenNode = { readonly module: string | null; readonly node: string };
export type WrittenEdge = { readonly module: string | null; readonly from: string; readonly to: string };

/** Ids without a node (an edge to a misspelt id): the use whose path they extend, else the top level. */
function bodyByPrefix(expansion: Expansion, id: string): { body: Body; rest: string } {
  let best: string | null = null;
  for (const path of expansion.uses.keys()) if (id.startsWith(path + '/') && (best === null || path.length > best.length)) best = path;
  return best === null ? { body: { module: null, usePath: '' }, rest: id } : { body: { module: expansion.uses.get(best)!.module, usePath: best }, rest: id.slice(best.length + 1) };
}

/** The body that writes flat node `id`, and its id there (an unknown id: by the path it extends). */
function written(expansion: Expansion, fileIds: ReadonlySet<string>, id: string): { body: Body; node: string } | null {
  if (fileIds.has(id)) return { body: { module: null, usePath: '' }, node: id };
  const origin = expansion.origins.get(id);
  if (origin) return { body: { module: origin.module, usePath: id.slice(0, id.length - origin.node.length - 1) }, node: origin.node };
  if (expansion.graph.nodes.some((n) => n.id === id)) return null;
  const { body, rest } = bodyByPrefix(expansion, id);
  return rest.includes('/') ? null : { body, node: rest };
}

/** The id in `body` of the node whose output flat id `from` is, as an edge's source. */
function sourceIn(graph: Graph, expansion: Expansion, fileIds: ReadonlySet<string>, body: Body, from: string): string | null {
  const here = written(expansion, fileIds, from);
  if (here && here.body.module === body.module && here.body.usePath === body.usePath) return here.node;
  const definition = body.module !== null && graph.modules && Object.hasOwn(graph.modules, body.module) ? graph.modules[body.module] : undefined;
  const nodes = body.module === null ? graph.nodes : (definition?.nodes ?? []);
  const prefix = body.module === null ? '' : body.usePath + '/';
  // A use in this body stands for its output node.
  for (const n of nodes) if (isModuleUse(n) && expansion.uses.get(prefix + n.id)?.output === from) return n.id;
  if (body.module === null) return null;
  // The module's input stands for whatever feeds this copy of the use.
  const boundary = definition ? moduleBoundary(body.module, definition) : null;
  return boundary?.ok && expansion.uses.get(body.usePath)?.input === from ? boundary.input : null;
}

export function writtenNode(expansion: Expansion, fileIds: ReadonlySet<string>, id: string): WrittenNode | null {
  const w = written(expansion, fileIds, id);
  return w && { module: w.body.module, node: w.node };
}

export function writtenEdge(graph: Graph, expansion: Expansion, fileIds: ReadonlySet<string>, from: string, to: string): WrittenEdge | null {
  const target = written(expansion, fileIds, to);
  if (!target) return null;
  const source = sourceIn(graph, expansion, fileIds, target.body, from);
  return source === null ? null : { module: target.body.module, from: source, to: target.node };
}

/** The module whose definition a use's problem is a mistake of (its boundary), or null for a problem of the use. */
export function writtenDefinition(expansion: Expansion, d: Pick<Diagnostic, 'node'> & { readonly code: string }): string | null {
  if (d.code !== 'module-boundary' || d.node === null || !expansion.unexpanded.has(d.node)) return null;
  const use = expansion.graph.nodes.find((n) => n.id === d.node);
  return use && isModuleUse(use) ? use.type.slice(MODULE_TYPE_PREFIX.length) : null;
}
