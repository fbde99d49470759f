/**
 * What a trained (or training) network has learned, computed in the extension host from the weights file the
 * worker writes after every epoch: the learned function of a 1-in-1-out regression (the lecture's Maxout x²),
 * the first conv layer's filters as images, and a prediction with activation maps for an input the user draws.
 * Pure Node (no vscode), so it is tested with the real engine.
 */
import path from 'node:path';
import { loadDataset } from '../../engine/data/load';
import { applyNormalization } from '../../engine/data/normalize';
import { squareTarget } from '../../engine/data/regressionToy';
import type { Dataset } from '../../engine/data/types';
import { sizeOf } from '../../engine/tensor/types';
import { probabilitiesOf, reloadWeights, savedNormalization, trainedModelFromText, type TrainedModel } from '../../engine/train/inference';
import type { ConvNode, FilterImages, LearnedFunction, Misclassified, Prediction, TrainingView } from '../protocol';

/** A network as the panel holds it: the graph the run started with, its model, the weights last read. */
export type TrainedNetwork = TrainedModel;

/** The graph (as it was when the run started) with the weights in `weightsFile`; throws with a readable message. */
export function loadTrained(graphText: string, weightsFile: string): TrainedNetwork {
  return trainedModelFromText(graphText, weightsFile);
}

/**
 * The same network with the weights now in `weightsFile`: after the first epoch only the weights are read again
 * (building the model each epoch was most of the panel's work per run); a checkpoint caught mid-write throws and
 * leaves `previous` as it was.
 */
export function refreshTrained(previous: TrainedNetwork | undefined, graphText: string, weightsFile: string): TrainedNetwork {
  return previous ? reloadWeights(previous, weightsFile) : loadTrained(graphText, weightsFile);
}

/** Inputs as the network saw them in training: standardised per channel when the run normalised its data. */
function normalized(net: TrainedNetwork, x: Float32Array): Float32Array {
  const n = savedNormalization(net.weights);
  return n ? applyNormalization(x, n) : x;
}

const GRID = 121;

/** The learned f(x) on [−1.2, 1.2] for a network with one input and one output; null for any other network. */
export function learnedFunction(net: TrainedNetwork): LearnedFunction | null {
  if (sizeOf(net.model.inputShape) !== 1 || sizeOf(net.model.outputShape) !== 1) return null;
  const x = Array.from({ length: GRID }, (_, i) => -1.2 + (2.4 * i) / (GRID - 1));
  const y = net.model.forward(normalized(net, Float32Array.from(x)), GRID, 'eval');
  return {
    x,
    y: Array.from(y, (v) => Math.round(v * 1e5) / 1e5),
    reference: net.weights.info.dataset === 'x2' ? x.map(squareTarget) : null,
    referenceLabel: net.weights.info.dataset === 'x2' ? 'x²' : null,
  };
}

/** The filters of the first conv layer as images: 0–255 per pixel, each filter scaled to its own range. */
export function firstConvFilters(net: TrainedNetwork): FilterImages | null {
  const conv = net.analysis.order.map((id) => net.graph.nodes.find((n) => n.id === id)!).find((n) => n.type === 'conv2d');
  const weight = conv && net.model.params.find((p) => p.node === conv.id && p.name === 'weight');
  if (!conv || !weight) return null;
  const [h, w, c, k] = weight.shape;
  const images: number[][] = [];
  for (let f = 0; f < k; f++) {
    const pixels: number[] = [];
    for (let i = 0; i < h * w * c; i++) pixels.push(weight.value[i * k + f]);
    images.push(toBytes(pixels));
  }
  return { node: conv.id, width: w, height: h, channels: c, images };
}

/** The view with what the network has learned so far: the learned function, the first conv filters, the input shape. */
export function withInsights(view: TrainingView, net: TrainedNetwork): TrainingView {
  return { ...view, learned: learnedFunction(net), filters: firstConvFilters(net), inputShape: [...net.model.inputShape] };
}

/** Values scaled to 0–255 (a constant map is mid-grey). */
function toBytes(values: ArrayLike<number>): number[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) (lo = Math.min(lo, values[i])), (hi = Math.max(hi, values[i]));
  const span = hi - lo;
  return Array.from(values, (v) => (span > 0 ? Math.round(((v - lo) / span) * 255) : 128));
}

const BATCH = 64;

/**
 * The test images the network gets wrong (up to `limit`, among the first `maxSamples`), with what it answered.
 * Runs in batches and yields between them, so the extension host stays responsive.
 */
export async function misclassified(net: TrainedNetwork, graphFile: string, limit = 24, maxSamples = 1000): Promise<Misclassified | null> {
  if (net.weights.info.task !== 'classification' || !net.weights.info.dataset || net.model.inputShape.length !== 3) return null;
  const data = await loadDataset(net.weights.info.dataset, { baseDir: path.dirname(graphFile), inputShape: net.model.inputShape, seed: net.weights.info.seed });
  const [height, width, channels] = net.model.inputShape;
  const size = height * width * channels;
  const classes = sizeOf(net.model.outputShape);
  const count = Math.min(data.test.count, maxSamples);
  const examples: Misclassified['examples'][number][] = [];
  let wrong = 0;
  for (let start = 0; start < count; start += BATCH) {
    const n = Math.min(BATCH, count - start);
    const x = data.test.x.subarray(start * size, (start + n) * size);
    const out = net.model.forward(normalized(net, Float32Array.from(x)), n, 'eval');
    for (let i = 0; i < n; i++) {
      const p = probabilitiesOf(net, out.subarray(i * classes, (i + 1) * classes));
      const predicted = p.indexOf(Math.max(...p));
      const actual = data.test.y[start + i];
      if (predicted === actual) continue;
      wrong++;
      if (examples.length < limit) {
        examples.push({ pixels: toBytes(x.subarray(i * size, (i + 1) * size)), actual, predicted, confidence: p[predicted] });
      }
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { width, height, channels, checked: count, wrong, classNames: [...data.classNames], examples };
}

/** The conv2d nodes with an image output, in topological order: the ones activation maps can be shown for. */
export function convNodes(net: TrainedNetwork): ConvNode[] {
  return net.analysis.order
    .map((id) => net.analysis.byId.get(id)!)
    .filter((a) => a.type === 'conv2d' && a.outputShape?.length === 3)
    .map((a) => ({ node: a.id, height: a.outputShape![0], width: a.outputShape![1], channels: a.outputShape![2] }));
}

/** One 0–255 map per channel of a conv node's output (NHWC, batch of one) from the last forward. */
function activationMaps(net: TrainedNetwork, conv: ConvNode): Prediction['activations'][number] {
  const { node, width: w, height: h, channels: c } = conv;
  const values = net.model.activation(node);
  const maps: number[][] = [];
  for (let ch = 0; ch < c && values; ch++) {
    const m: number[] = [];
    for (let i = 0; i < h * w; i++) m.push(values[i * c + ch]);
    maps.push(toBytes(m));
  }
  return { node, width: w, height: h, maps };
}

/**
 * Runs one input (values as the data set delivers them, e.g. [0, 1], laid out as the input shape, HWC) through
 * the network: class probabilities (the output, softmaxed unless it already is), and the activation maps of the
 * conv node `node` (of every conv node when no node is named).
 */
export function predict(net: TrainedNetwork, pixels: ArrayLike<number>, node?: string): Prediction {
  const size = sizeOf(net.model.inputShape);
  if (pixels.length !== size) throw new Error(`the input has ${pixels.length} values; the network takes ${size}`);
  const convs = convNodes(net);
  const chosen = node === undefined ? convs : convs.filter((c) => c.node === node);
  if (node !== undefined && chosen.length === 0) {
    throw new Error(`'${node}' is not a conv2d node of this network${convs.length ? ` (its conv nodes: ${convs.map((c) => c.node).join(', ')})` : ''}`);
  }
  const probabilities = probabilitiesOf(net, net.model.forward(normalized(net, Float32Array.from(pixels)), 1, 'eval'));
  return {
    probabilities,
    classNames: net.weights.info.classNames ? [...net.weights.info.classNames] : probabilities.map((_, i) => String(i)),
    convNodes: convs,
    activations: chosen.map((c) => activationMaps(net, c)),
  };
}

/** The test split of the data set the network was trained on, delivered in its input shape. */
export async function loadTestSplit(net: TrainedNetwork, graphFile: string): Promise<Dataset> {
  const spec = net.weights.info.dataset ?? (typeof net.graph.training?.dataset === 'string' ? net.graph.training.dataset : undefined);
  if (!spec) throw new Error('the network names no data set (the training section\'s "dataset"), so there are no test images to pick from');
  if (net.model.inputShape.length !== 3) throw new Error('test images can be picked for a network with an image input only');
  const data = await loadDataset(spec, { baseDir: path.dirname(graphFile), inputShape: net.model.inputShape, seed: net.weights.info.seed });
  if (data.test.count === 0) throw new Error(`the data set ${data.name} has no test images`);
  return data;
}

/** Index `index` wrapped into [0, count): −1 is the last image, count the first (previous/next go round). */
export function wrapIndex(index: number, count: number): number {
  return ((Math.trunc(index) % count) + count) % count;
}

/** Test image `index` (wrapped) through the network, with the image itself and its true class. */
export function predictTestImage(net: TrainedNetwork, data: Dataset, index: number, node?: string): Prediction {
  const i = wrapIndex(index, data.test.count);
  const size = sizeOf(net.model.inputShape);
  const x = data.test.x.subarray(i * size, (i + 1) * size);
  const [height, width, channels] = net.model.inputShape;
  const actual = data.task === 'classification' ? data.test.y[i] : null;
  return {
    ...predict(net, x, node),
    sample: { index: i, count: data.test.count, actual, label: actual === null ? '' : (data.classNames[actual] ?? String(actual)), width, height, channels, pixels: toBytes(x) },
  };
}
