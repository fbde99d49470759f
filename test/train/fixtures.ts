/** Small graphs written to a temporary folder for the training tests. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface GraphJson {
  readonly nodes: ReadonlyArray<Record<string, unknown>>;
  readonly [key: string]: unknown;
}

/** A graph file whose nodes are connected one after another, in the order given (edges derived, not repeated). */
export function chainGraph(name: string, nodes: ReadonlyArray<Record<string, unknown>>, training?: Record<string, unknown>): GraphJson {
  const edges = nodes.slice(1).map((n, i) => ({ from: nodes[i].id, to: n.id }));
  return { format: 'wiregrad.graph', version: 1, name, nodes, edges, ...(training ? { training } : {}) };
}

/** A small conv net for MNIST digits: conv 4×3×3 → relu → maxpool → dense 10. */
export function tinyMnistGraph(training: Record<string, unknown>): GraphJson {
  return chainGraph(
    'tiny',
    [
      { id: 'input', type: 'input', shape: [28, 28, 1] },
      { id: 'conv', type: 'conv2d', filters: 4, kernel: 3, stride: 2 },
      { id: 'relu', type: 'relu' },
      { id: 'pool', type: 'maxpool2d', kernel: 2 },
      { id: 'out', type: 'dense', units: 10 },
    ],
    training,
  );
}

export function writeGraph(graph: object, name = 'tiny.nn.json'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wg-train-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(graph, null, 2));
  return file;
}

/** A small MLP for the x² regression set: input [1] → dense 16 → tanh → dense 1. */
export function x2Graph(training: Record<string, unknown>): GraphJson {
  return chainGraph(
    'x2',
    [
      { id: 'input', type: 'input', shape: [1] },
      { id: 'hidden', type: 'dense', units: 16 },
      { id: 'act', type: 'tanh' },
      { id: 'out', type: 'dense', units: 1 },
    ],
    training,
  );
}
