/**
 * The in-memory graph model of a `*.nn.json` file (format "wiregrad.graph", version 1).
 *
 * On disk a node keeps its attributes flat beside `id` and `type` (`{ "id": "c1", "type": "conv2d", "filters": 6 }`);
 * in memory they are gathered in `attrs` so that code can tell the node's identity from its configuration.
 * Nothing derived (shapes, counts) is stored: it is recomputed by the shape engine.
 */

/** Any JSON value, as read from the file. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export const GRAPH_FORMAT = 'wiregrad.graph';
export const GRAPH_VERSION = 1;

export interface GraphNode {
  readonly id: string;
  readonly type: string;
  /** Every key of the node on disk except `id`, `type` and `label`, unvalidated (the shape engine validates). */
  readonly attrs: Readonly<Record<string, JsonValue>>;
  /** Optional display name shown on the canvas instead of the id. */
  readonly label?: string;
}

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
}

/** Canvas position of a node (top-left corner, in canvas units). */
export interface NodePosition {
  readonly x: number;
  readonly y: number;
}

/**
 * What a file describes: a network of blocks (the default; `kind` absent or "network") or an expression graph of
 * scalar/vector gates for the backprop lab (`"kind": "expression"`, read by engine/expression/).
 */
export type GraphKind = 'network' | 'expression';
export const GRAPH_KINDS: readonly GraphKind[] = ['network', 'expression'];

/**
 * A named sub-graph used as a node (`"type": "module:NAME"`): one node of type `input` (no shape: it stands for
 * whatever feeds the use), one sink (the module's output), and parameters that attributes refer to as `"$name"`
 * (or `"$name*4"`). engine/modules/ expands uses into the flat graph everything else computes on.
 */
export interface ModuleDefinition {
  readonly description?: string;
  /** Parameter name → default value; `null` means the use must give it. */
  readonly params: Readonly<Record<string, JsonValue>>;
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}

/** The node type prefix of a module use: `module:bottleneck`. */
export const MODULE_TYPE_PREFIX = 'module:';

export function isModuleUse(node: Pick<GraphNode, 'type'>): boolean {
  return node.type.startsWith(MODULE_TYPE_PREFIX);
}

export interface Graph {
  /** As written in the file; absent means a network (files written before kinds existed have none). */
  readonly kind?: GraphKind;
  readonly name: string;
  readonly description?: string;
  readonly nodes: readonly GraphNode[];
  /** Edge order matters: a `concat` joins its inputs in the order of their edges in the file. */
  readonly edges: readonly GraphEdge[];
  /** Node positions on the canvas, by node id. Absent ids are laid out automatically. */
  readonly layout: Readonly<Record<string, NodePosition>>;
  /** How the graph trains (data set, optimizer…). Validated by the training engine, kept verbatim here. */
  readonly training?: JsonObject;
  /** Named modules (sub-graphs used as nodes), by name; absent in files without modules. */
  readonly modules?: Readonly<Record<string, ModuleDefinition>>;
  /** Expression graphs: the node whose value is f (without it, the graph's single sink). Kept verbatim here. */
  readonly output?: string;
}

/** Whether a graph is an expression graph (the backprop lab) rather than a network. */
export function isExpressionGraph(graph: Pick<Graph, 'kind'>): boolean {
  return graph.kind === 'expression';
}
