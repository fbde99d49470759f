/**
 * The three networks of the peer yardstick (../shared/bench/peers/WORKLOADS.md), one spec that every runner of
 * `npm run bench` (wiregrad and the TensorFlow.js peers) is built from, so shapes cannot drift between them.
 * Layout NHWC; "conv" is k×k, stride 1, zero padding `pad`, with bias; "pool" is max 2×2 stride 2; the last dense
 * gives logits and the loss is softmax cross-entropy averaged over the batch; SGD, learning rate 0.01.
 */
import type { Graph, GraphNode, JsonValue } from '../../engine/graph/types';

export type Layer =
  | { readonly t: 'conv'; readonly filters: number; readonly k: number; readonly pad: number; readonly relu: boolean }
  | { readonly t: 'pool' }
  | { readonly t: 'flatten' }
  | { readonly t: 'dense'; readonly units: number; readonly relu: boolean };

export interface Workload {
  readonly id: 'w1' | 'w2' | 'w3';
  readonly name: string;
  readonly batch: number;
  readonly input: readonly number[];
  readonly layers: readonly Layer[];
}

/**
 * WORKLOADS.md's rate. On W3 it overshoots once: the first loss (4.05; ln 10 = 2.30) is high because the He-scaled
 * weights give large logits on standard normal input, the first update jumps to 13.4 and the loss falls from the
 * third step on (4.62, 2.62, 2.00, … 0.61 at step 15), identically with the TypeScript and the WASM kernels. A
 * --quick run stops at step 3, which read as "the loss rises"; the table now says after how many updates.
 */
export const LEARNING_RATE = 0.01;
export const CLASSES = 10;

const conv = (filters: number, k: number, pad: number): Layer => ({ t: 'conv', filters, k, pad, relu: true });
const dense = (units: number, relu: boolean): Layer => ({ t: 'dense', units, relu });
const pool: Layer = { t: 'pool' };
const flatten: Layer = { t: 'flatten' };

export const WORKLOADS: readonly Workload[] = [
  { id: 'w1', name: 'mlp 784-128-10', batch: 64, input: [784], layers: [dense(128, true), dense(10, false)] },
  {
    id: 'w2', name: 'LeNet 28×28×1', batch: 64, input: [28, 28, 1],
    layers: [conv(6, 5, 2), pool, conv(16, 5, 0), pool, flatten, dense(120, true), dense(84, true), dense(10, false)],
  },
  {
    id: 'w3', name: '4 conv 32×32×3', batch: 32, input: [32, 32, 3],
    layers: [conv(32, 3, 1), conv(32, 3, 1), pool, conv(64, 3, 1), conv(64, 3, 1), pool, flatten, dense(256, true), dense(10, false)],
  },
];

export function workload(id: string): Workload {
  const w = WORKLOADS.find((x) => x.id === id);
  if (!w) throw new Error(`unknown workload ${id} (w1, w2, w3)`);
  return w;
}

/** One matrix product C[M×N] = A[M×K]·B[K×N], named after where it comes from. */
export interface GemmShape {
  readonly name: string;
  readonly m: number;
  readonly k: number;
  readonly n: number;
}

export interface Analysis {
  readonly params: number;
  /** Forward multiply-accumulates per sample. */
  readonly macs: number;
  /** The forward GEMM of every conv (per sample: M = H_out·W_out, K = k·k·C_in, N = filters) and dense (M = batch). */
  readonly gemms: readonly GemmShape[];
}

export function analyze(w: Workload): Analysis {
  let shape = [...w.input];
  let macs = 0;
  let params = 0;
  const gemms: GemmShape[] = [];
  w.layers.forEach((L, i) => {
    if (L.t === 'conv') {
      const [h, wd, c] = shape;
      const ho = h + 2 * L.pad - L.k + 1;
      const wo = wd + 2 * L.pad - L.k + 1;
      macs += ho * wo * L.filters * L.k * L.k * c;
      params += L.k * L.k * c * L.filters + L.filters;
      gemms.push({ name: `layer ${i + 1} conv ${L.k}×${L.k}/${L.filters}`, m: ho * wo, k: L.k * L.k * c, n: L.filters });
      shape = [ho, wo, L.filters];
    } else if (L.t === 'pool') {
      shape = [Math.floor(shape[0] / 2), Math.floor(shape[1] / 2), shape[2]];
    } else if (L.t === 'flatten') {
      shape = [shape.reduce((a, b) => a * b, 1)];
    } else {
      const n = shape.reduce((a, b) => a * b, 1);
      macs += n * L.units;
      params += n * L.units + L.units;
      gemms.push({ name: `layer ${i + 1} dense ${L.units}`, m: w.batch, k: n, n: L.units });
      shape = [L.units];
    }
  });
  return { params, macs, gemms };
}

/** The workload as a wiregrad graph: conv2d + relu, maxpool2d, flatten, dense (+ relu); the last dense gives logits. */
export function toGraph(w: Workload): Graph {
  const nodes: GraphNode[] = [{ id: 'input', type: 'input', attrs: { shape: [...w.input] } }];
  const add = (id: string, type: string, attrs: Record<string, JsonValue> = {}) => nodes.push({ id, type, attrs });
  w.layers.forEach((L, i) => {
    const id = `l${i + 1}`;
    if (L.t === 'conv') add(id, 'conv2d', { filters: L.filters, kernel: L.k, padding: L.pad });
    else if (L.t === 'pool') add(id, 'maxpool2d', { kernel: 2 });
    else if (L.t === 'flatten') add(id, 'flatten');
    else add(id, 'dense', { units: L.units });
    if (L.t !== 'pool' && L.t !== 'flatten' && L.relu) add(`${id}_relu`, 'relu');
  });
  return { name: w.id, nodes, edges: nodes.slice(1).map((n, i) => ({ from: nodes[i].id, to: n.id })), layout: {} };
}

/**
 * R1, wiregrad's own row (no peer runs it): a CIFAR-sized residual net with batchnorm, the kind of graph that used to
 * bounce between the WASM and the TypeScript kernels every layer. Stem conv 3×3/16 + BN + ReLU; two residual blocks
 * (conv-BN-ReLU-conv-BN + identity, ReLU) at 32×32×16; a strided block to 16×16×32 with a 1×1 projection; global
 * average pooling; dense 10. Batch 32, softmax cross-entropy, SGD lr 0.01 (the same as W1–W3).
 */
export const RESIDUAL = { id: 'r1', name: 'residual + batchnorm 32×32×3', batch: 32, input: [32, 32, 3], classes: CLASSES } as const;

export function residualGraph(): Graph {
  const nodes: GraphNode[] = [{ id: 'input', type: 'input', attrs: { shape: [...RESIDUAL.input] } }];
  const edges: { from: string; to: string }[] = [];
  const add = (id: string, type: string, from: readonly string[], attrs: Record<string, JsonValue> = {}) => {
    nodes.push({ id, type, attrs });
    for (const f of from) edges.push({ from: f, to: id });
    return id;
  };
  const convBn = (id: string, from: string, filters: number, kernel: number, stride: number) =>
    add(`${id}_bn`, 'batchnorm', [add(id, 'conv2d', [from], { filters, kernel, stride, padding: kernel === 3 ? 1 : 0, bias: false })]);
  const block = (id: string, from: string, filters: number, stride: number) => {
    const a = add(`${id}a_relu`, 'relu', [convBn(`${id}a`, from, filters, 3, stride)]);
    const b = convBn(`${id}b`, a, filters, 3, 1);
    const skip = stride === 1 ? from : convBn(`${id}p`, from, filters, 1, stride);
    return add(`${id}_relu`, 'relu', [add(`${id}_add`, 'add', [b, skip])]);
  };
  let x = add('stem_relu', 'relu', [convBn('stem', 'input', 16, 3, 1)]);
  x = block('b1', x, 16, 1);
  x = block('b2', x, 16, 1);
  x = block('b3', x, 32, 2);
  add('fc', 'dense', [add('gap', 'globalavgpool', [x])], { units: CLASSES });
  return { name: RESIDUAL.id, nodes, edges, layout: {} };
}

/** mulberry32, as the shared harness uses, so every peer trains on the very same batch. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function uniform(seed: number): () => number {
  return mulberry32(seed);
}

/** The fixed batch: standard normal inputs (Box-Muller on mulberry32, seed 1234) and labels 0..9. */
export function makeData(w: Pick<Workload, 'batch' | 'input'>, seed = 1234): { x: Float32Array; labels: Int32Array; perSample: number } {
  const rng = mulberry32(seed);
  const perSample = w.input.reduce((a, b) => a * b, 1);
  const x = new Float32Array(w.batch * perSample);
  for (let i = 0; i < x.length; i++) {
    const u = Math.max(rng(), 1e-12);
    const v = rng();
    x[i] = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
  const labels = new Int32Array(w.batch);
  for (let i = 0; i < w.batch; i++) labels[i] = Math.floor(rng() * CLASSES);
  return { x, labels, perSample };
}
