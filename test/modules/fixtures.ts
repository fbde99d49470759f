/** Small graphs that use modules, as file text, for the module tests. */
import type { GraphEdge, GraphNode, ModuleDefinition } from '../../engine/graph/types';

type Json = Record<string, unknown>;

export const node = (id: string, type: string, attrs: GraphNode['attrs'] = {}): GraphNode => ({ id, type, attrs });
export const edge = (from: string, to: string): GraphEdge => ({ from, to });

/** BLOCK_MODULE below as the reader's model: conv1 → relu → conv2 (2·filters) and a strided 1×1 projection, added. */
export const BLOCK: ModuleDefinition = {
  params: { filters: 8, stride: 1 },
  nodes: [
    node('in', 'input'),
    node('conv1', 'conv2d', { filters: '$filters', kernel: 3, stride: '$stride', padding: 1 }),
    node('relu', 'relu'),
    node('conv2', 'conv2d', { filters: '$filters*2', kernel: 1 }),
    node('proj', 'conv2d', { filters: '$filters*2', kernel: 1, stride: '$stride' }),
    node('add', 'add'),
  ],
  edges: [edge('in', 'conv1'), edge('conv1', 'relu'), edge('relu', 'conv2'), edge('in', 'proj'), edge('conv2', 'add'), edge('proj', 'add')],
};

export interface ModuleJson {
  params: Json;
  nodes: Json[];
  edges: { from: string; to: string }[];
}

/** A residual block: conv → relu → conv (2·filters) on one branch, a 1×1 projection on the other, added. */
export const BLOCK_MODULE: ModuleJson = {
  params: { filters: 8, stride: 1 },
  nodes: [
    { id: 'in', type: 'input' },
    { id: 'conv1', type: 'conv2d', filters: '$filters', kernel: 3, stride: '$stride', padding: 1 },
    { id: 'relu', type: 'relu' },
    { id: 'conv2', type: 'conv2d', filters: '$filters*2', kernel: 1 },
    { id: 'proj', type: 'conv2d', filters: '$filters*2', kernel: 1, stride: '$stride' },
    { id: 'add', type: 'add' },
  ],
  edges: [
    { from: 'in', to: 'conv1' },
    { from: 'conv1', to: 'relu' },
    { from: 'relu', to: 'conv2' },
    { from: 'in', to: 'proj' },
    { from: 'conv2', to: 'add' },
    { from: 'proj', to: 'add' },
  ],
};

export function moduleGraph(nodes: Json[], edges: [string, string][], modules: Record<string, ModuleJson> = { block: BLOCK_MODULE }): Json {
  return {
    format: 'wiregrad.graph',
    version: 1,
    name: 'modules',
    modules,
    nodes,
    edges: edges.map(([from, to]) => ({ from, to })),
  };
}

/** input 8×8×3 → b0 (block, 4 filters, stride 2) → bs (block ×2, 8 filters) → global pool → dense 10. */
export function tinyResidualGraph(): Json {
  return moduleGraph(
    [
      { id: 'input', type: 'input', shape: [8, 8, 3] },
      { id: 'b0', type: 'module:block', filters: 4, stride: 2 },
      { id: 'bs', type: 'module:block', filters: 8, repeat: 2 },
      { id: 'gap', type: 'globalavgpool' },
      { id: 'fc', type: 'dense', units: 10 },
    ],
    [
      ['input', 'b0'],
      ['b0', 'bs'],
      ['bs', 'gap'],
      ['gap', 'fc'],
    ],
  );
}
