/**
 * The graph runner: walks the analysis' topological order forward and the reverse order backward. Each node's
 * layer maps its inputs' values to its output and ∂L/∂output to ∂L/∂inputs; where a node feeds several others,
 * the gradients arriving from them add up (the "fan-out" rule). With a softmax as the last node and the
 * cross-entropy loss, the two are fused: the loss reads the softmax's input logits and hands p − onehot straight
 * to the node before the softmax, so the softmax Jacobian never appears. A sigmoid as the last node and the binary
 * cross-entropy are fused the same way (σ(z) − t to the node before the sigmoid); without a final sigmoid the
 * binary cross-entropy reads the output as logits.
 */
import type { Graph } from '../graph/types';
import { analyzedGraph } from '../shape/types';
import type { Backend } from '../kernels/backend';
import { cpuBackend } from '../kernels/cpu';
import { LayerBuildError, type InitScheme, type Layer, type Mode } from '../blocks/core/layer';
import { entryFor } from '../blocks/registry';
import { binaryCrossEntropyLoss, crossEntropyLoss, meanSquaredErrorLoss, TargetError, type LossKind, type LossValue } from '../loss/loss';
import { Rng } from '../random/rng';
import type { GraphAnalysis, Shape } from '../shape/types';
import { allocate, sizeOf, withTensorMemory, type DType, type FloatArray } from '../tensor/types';
import { ModelBuildError } from './errors';
import { beat } from './liveness';
import type { Model, ModelOptions, OutputGradientSquares, StepResult } from './model';
import type { ParamTensor } from './params';

export interface RunnerOptions extends ModelOptions {
  /** Also compute ∂L/∂x for the graph's input (gradient checks); off for training, where nobody reads it. */
  inputGradient?: boolean;
  /** Largest im2col matrix a conv layer allocates, in values (default engine/blocks/conv/conv2d.layer.ts COL_LIMIT). */
  colLimit?: number;
  /**
   * Replaces each layer once, when the model is built (`wiregrad bench` wraps every layer in a timer,
   * engine/bench/timedLayer.ts). Models built without it run the layers themselves: the normal path pays nothing.
   */
  wrapLayer?: (layer: Layer) => Layer;
}

interface Step {
  readonly layer: Layer;
  /** Positions (in `steps`) of the node's inputs, in edge order. */
  readonly inputs: readonly number[];
  readonly consumers: number;
  readonly outputSize: number;
}

export class GraphRunner implements Model {
  readonly dtype: DType;
  readonly inputShape: Shape;
  readonly outputShape: Shape;
  readonly outputId: string;
  readonly params: readonly ParamTensor[];
  private readonly backend: Backend;
  private readonly steps: Step[];
  private readonly outputs: (FloatArray | null)[];
  private readonly grads: (FloatArray | null)[];
  /** Accumulators for nodes with several consumers (their gradients add). */
  private readonly sums: (FloatArray | null)[];
  private readonly fusedSoftmax: boolean;
  /** A final sigmoid, fused with the binary cross-entropy. */
  private readonly fusedSigmoid: boolean;
  private lastBatch = 0;
  private dOut: FloatArray;
  /** Whether the last loss was fused with the final softmax or sigmoid (its gradient skips that node). */
  private lastLossFused = false;
  /** WIREGRAD_DEBUG=1 (read when the model is built): assert every gradient's shape during backward. */
  private readonly debug = typeof process !== 'undefined' && process.env.WIREGRAD_DEBUG === '1';

  constructor(fileGraph: Graph, analysis: GraphAnalysis, options: RunnerOptions = {}) {
    // A graph that uses modules runs expanded: its nodes are the analysis's (ids are paths, l2b0/conv1).
    const graph = analyzedGraph(fileGraph, analysis);
    this.dtype = options.dtype ?? 'float32';
    this.backend = options.backend ?? cpuBackend;
    const errors = analysis.diagnostics.filter((d) => d.severity === 'error');
    if (analysis.hasErrors || errors.length > 0) {
      const listed = errors.slice(0, 3).map((d) => (d.node ? `node '${d.node}': ${d.message}` : d.message));
      throw new ModelBuildError(`the graph has errors: ${listed.join('; ')}${errors.length > 3 ? ` (and ${errors.length - 3} more)` : ''}`);
    }
    if (!analysis.inputId) throw new ModelBuildError('the graph has no single input node');
    if (analysis.outputIds.length === 0) {
      throw new ModelBuildError(`the graph is only its input '${analysis.inputId}': connect at least one layer after it to train or check`);
    }
    if (analysis.outputIds.length !== 1) {
      throw new ModelBuildError(`the graph must end in exactly one output node; it has ${analysis.outputIds.length} (${analysis.outputIds.join(', ')})`);
    }
    const order = analysis.order;
    const position = new Map(order.map((id, i) => [id, i]));
    const inputsOf = new Map<string, number[]>(order.map((id) => [id, []]));
    const consumersOf = new Map<string, string[]>(order.map((id) => [id, []]));
    for (const e of graph.edges) {
      const from = position.get(e.from);
      if (from === undefined || !position.has(e.to)) continue;
      inputsOf.get(e.to)!.push(from);
      consumersOf.get(e.from)!.push(e.to);
    }
    const typeOf = (id: string) => analysis.byId.get(id)?.type ?? '';

    // A node's gradient is wanted when something trainable lies at or before it (or it is the input, on request).
    const wantsGrad: boolean[] = [];
    const seed = options.seed ?? 0;
    // Tensors live where the backend wants them (the WASM heap), for building and for every step (workspaces grow lazily).
    this.steps = withTensorMemory(this.backend.memory, () => order.map((id, i) => {
      const node = analysis.byId.get(id)!;
      const inputs = inputsOf.get(id)!;
      const consumers = consumersOf.get(id)!;
      const entry = entryFor(node.type);
      // He before a ReLU-family activation, and for a block that is one itself (maxout's pieces feed its max).
      const he = entry?.spec.heInit === true || consumers.some((c) => entryFor(typeOf(c))?.spec.heInit === true);
      const init: InitScheme = options.skipWeightInit ? 'none' : he ? 'he' : 'xavier';
      if (!entry) throw new ModelBuildError(`node '${id}': type '${node.type}' cannot be trained (no layer implements it)`);
      let layer: Layer;
      try {
        layer = entry.layer.create({
          node, dtype: this.dtype, backend: this.backend, init,
          initRng: new Rng(streamSeed(seed, id, 1)),
          noiseRng: new Rng(streamSeed(seed, id, 2)),
          inputNeedsGrad: inputs.map((p) => wantsGrad[p]),
          colLimit: options.colLimit,
        });
      } catch (err) {
        if (err instanceof LayerBuildError) throw new ModelBuildError(err.message);
        throw new ModelBuildError(`node '${id}' (${node.type}): cannot be built: ${err instanceof Error ? err.message : String(err)}`);
      }
      if (options.wrapLayer) layer = options.wrapLayer(layer);
      wantsGrad[i] = (id === analysis.inputId && !!options.inputGradient) || layer.params.some((p) => p.trainable) || inputs.some((p) => wantsGrad[p]);
      return { layer, inputs, consumers: consumers.length, outputSize: sizeOf(layer.outputShape) };
    }));
    this.scaleOutputInit(options.outputInitScale ?? 1);
    const first = this.steps[0];
    if (first.layer.id !== analysis.inputId) throw new ModelBuildError(`the input node '${analysis.inputId}' must come first in the order`);
    this.inputShape = first.layer.outputShape;
    const last = this.steps[this.steps.length - 1];
    this.outputId = analysis.outputIds[0];
    if (last.layer.id !== this.outputId) throw new ModelBuildError(`the output node '${this.outputId}' must come last in the order`);
    this.outputShape = last.layer.outputShape;
    this.params = this.steps.flatMap((s) => s.layer.params);
    this.outputs = this.steps.map(() => null);
    this.grads = this.steps.map(() => null);
    this.sums = this.steps.map(() => null);
    this.fusedSoftmax = last.layer.type === 'softmax' && this.outputShape.length === 1 && last.inputs.length === 1;
    this.fusedSigmoid = last.layer.type === 'sigmoid' && last.inputs.length === 1;
    this.dOut = allocate(this.dtype, 0);
  }

  forward(x: FloatArray, batch: number, mode: Mode): FloatArray {
    return withTensorMemory(this.backend.memory, () => this.run(x, batch, mode).slice(0, batch * this.steps[this.steps.length - 1].outputSize));
  }

  trainStep(x: FloatArray, batch: number, targets: Int32Array | FloatArray, loss: LossKind, outputGradients?: OutputGradientSquares): StepResult {
    return this.step(x, batch, targets, loss, 'train', true, outputGradients);
  }

  evaluate(x: FloatArray, batch: number, targets: Int32Array | FloatArray, loss: LossKind): StepResult {
    return this.step(x, batch, targets, loss, 'eval', false);
  }

  /** Forward in `mode`, the loss, and (when `backward`) the gradients: trainStep and the gradient check share it. */
  step(
    x: FloatArray, batch: number, targets: Int32Array | FloatArray, loss: LossKind, mode: Mode, backward: boolean,
    outputGradients?: OutputGradientSquares,
  ): StepResult {
    return withTensorMemory(this.backend.memory, () => this.stepIn(x, batch, targets, loss, mode, backward, outputGradients));
  }

  private stepIn(
    x: FloatArray, batch: number, targets: Int32Array | FloatArray, loss: LossKind, mode: Mode, backward: boolean,
    outputGradients?: OutputGradientSquares,
  ): StepResult {
    const y = this.run(x, batch, mode);
    const value = this.loss(y, batch, targets, loss, backward);
    if (backward) this.backward(outputGradients);
    return { ...value, output: y.slice(0, batch * this.steps[this.steps.length - 1].outputSize) };
  }

  activation(nodeId: string): FloatArray | null {
    const i = this.steps.findIndex((s) => s.layer.id === nodeId);
    const v = i < 0 ? null : this.outputs[i];
    return v ? v.slice(0, this.lastBatch * this.steps[i].outputSize) : null;
  }

  /** ∂L/∂x of the graph's input from the last backward (only when built with `inputGradient`). */
  inputGradient(): FloatArray | null {
    return this.grads[0];
  }

  /** Restarts every dropout stream from `seed`, so repeated forwards draw the same masks (gradient checks). */
  reseedNoise(seed: number): void {
    const root = new Rng(seed);
    for (const s of this.steps) s.layer.reseed?.(root.nextUint32());
  }

  firstNonFinite(): { node: string; where: 'output' | 'gradient' } | null {
    for (let i = 0; i < this.steps.length; i++) {
      const v = this.outputs[i];
      if (v && !allFinite(v, this.lastBatch * this.steps[i].outputSize)) return { node: this.steps[i].layer.id, where: 'output' };
    }
    for (let i = this.steps.length - 1; i >= 0; i--) {
      for (const p of this.steps[i].inputs) {
        const g = this.grads[p];
        if (g && !allFinite(g, g.length)) return { node: this.steps[i].layer.id, where: 'gradient' };
      }
    }
    return null;
  }

  private run(x: FloatArray, batch: number, mode: Mode): FloatArray {
    const inputSize = this.steps[0].outputSize;
    if (!Number.isInteger(batch) || batch < 1) throw new RangeError(`batch must be a positive whole number; got ${batch}`);
    if (x.length < batch * inputSize) {
      throw new RangeError(`input has ${x.length} values; a batch of ${batch} × [${this.inputShape.join(', ')}] needs ${batch * inputSize}`);
    }
    this.lastBatch = batch;
    this.grads.fill(null);
    const xs = x.length === batch * inputSize ? x : x.subarray(0, batch * inputSize);
    for (let i = 0; i < this.steps.length; i++) {
      const s = this.steps[i];
      const inputs = i === 0 ? [xs] : s.inputs.map((p) => this.outputs[p]!);
      this.outputs[i] = s.layer.forward(inputs, batch, mode);
      beat();
    }
    return this.outputs[this.steps.length - 1]!;
  }

  private loss(y: FloatArray, batch: number, targets: Int32Array | FloatArray, kind: LossKind, withGrad: boolean): LossValue {
    const last = this.steps[this.steps.length - 1];
    const d = withGrad ? this.gradBuffer(batch * last.outputSize) : null;
    this.lastLossFused = (kind === 'cross-entropy' && this.fusedSoftmax) || (kind === 'binary-cross-entropy' && this.fusedSigmoid);
    if (kind === 'mse') return meanSquaredErrorLoss(this.backend, y, targets, d, batch, last.outputSize);
    if (kind === 'binary-cross-entropy') {
      const logits = this.lastLossFused ? this.outputs[last.inputs[0]]! : y;
      return binaryCrossEntropyLoss(this.backend, logits, targets, d, batch, last.outputSize);
    }
    if (this.outputShape.length !== 1) {
      throw new TargetError(`cross-entropy needs a vector of class scores at the output '${this.outputId}'; it is [${this.outputShape.join(', ')}]`);
    }
    const logits = this.lastLossFused ? this.outputs[last.inputs[0]]! : y;
    return crossEntropyLoss(this.backend, logits, targets, d, batch, last.outputSize);
  }

  private gradBuffer(n: number): FloatArray {
    if (this.dOut.length < n) this.dOut = allocate(this.dtype, n);
    return this.dOut.length === n ? this.dOut : this.dOut.subarray(0, n);
  }

  private backward(outputGradients?: OutputGradientSquares): void {
    const n = this.steps.length;
    const batch = this.lastBatch;
    const last = this.steps[n - 1];
    this.grads[n - 1] = this.gradBuffer(batch * last.outputSize);
    for (let i = n - 1; i >= 0; i--) {
      const s = this.steps[i];
      const g = this.grads[i];
      if (!g) {
        for (const p of s.layer.params) p.grad?.fill(0);
        continue;
      }
      const fused = i === n - 1 && this.lastLossFused;
      // Read before the layer's backward: an in-place activation may overwrite g with its input's gradient.
      if (outputGradients && !fused) outputGradients.set(s.layer.id, this.sumSquares(g, batch * s.outputSize));
      if (i === 0) break;
      // A fused loss's gradient is already w.r.t. the final softmax's or sigmoid's input.
      const dInputs = fused ? [g] : s.layer.backward(g);
      beat();
      if (this.debug) this.checkShapes(s, dInputs, batch);
      s.inputs.forEach((p, j) => {
        const d = dInputs[j];
        if (d) this.accumulate(p, d);
      });
    }
  }

  private accumulate(p: number, d: FloatArray): void {
    const current = this.grads[p];
    if (this.steps[p].consumers <= 1) {
      this.grads[p] = d;
    } else if (!current) {
      let sum = this.sums[p];
      if (!sum || sum.length < d.length) sum = this.sums[p] = allocate(this.dtype, d.length);
      const view = sum.length === d.length ? sum : sum.subarray(0, d.length);
      view.set(d);
      this.grads[p] = view;
    } else {
      this.backend.addInto(current, d, d.length);
    }
  }

  /** The last node with trainable weights gets its initial weights (not its bias, which starts at 0) times `scale`. */
  private scaleOutputInit(scale: number): void {
    if (scale === 1) return;
    const last = [...this.steps].reverse().find((s) => s.layer.params.some((p) => p.trainable && p.decay));
    for (const p of last?.layer.params ?? []) {
      if (!p.trainable || !p.decay) continue;
      for (let i = 0; i < p.value.length; i++) p.value[i] *= scale;
    }
  }

  private sumSquares(g: FloatArray, n: number): number {
    if (this.backend.optimizer) return this.backend.optimizer.sumSquares(g, n);
    let sum = 0;
    for (let i = 0; i < n; i++) sum += g[i] * g[i];
    return sum;
  }

  /** WIREGRAD_DEBUG=1: every gradient has exactly its variable's shape. */
  private checkShapes(s: Step, dInputs: readonly (FloatArray | null)[], batch: number): void {
    s.inputs.forEach((p, j) => {
      const d = dInputs[j];
      const want = batch * this.steps[p].outputSize;
      if (d && d.length !== want) throw new Error(`debug: ∂L/∂input ${j} of '${s.layer.id}' has ${d.length} values, expected ${want}`);
    });
    for (const p of s.layer.params) {
      if (p.grad && p.grad.length !== sizeOf(p.shape)) throw new Error(`debug: gradient of '${p.key}' has ${p.grad.length} values, expected ${sizeOf(p.shape)}`);
    }
  }
}

/**
 * A node's own random streams come from the seed and its id (FNV-1a), not from its place in the order, so adding
 * or removing one node leaves every other node's initial weights and dropout masks as they were.
 */
function streamSeed(seed: number, id: string, stream: number): number {
  let h = (0x811c9dc5 ^ seed ^ Math.imul(stream, 0x9e3779b9)) >>> 0;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

function allFinite(v: FloatArray, n: number): boolean {
  for (let i = 0; i < n; i++) if (!Number.isFinite(v[i])) return false;
  return true;
}
