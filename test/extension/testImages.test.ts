/**
 * Picking a test image and choosing the conv node whose activation maps are shown (issue 5), with the real engine:
 * the maps are checked against a convolution computed by hand from the saved weights.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { saveWeights } from '../../engine/checkpoint/weights';
import { parseGraphText } from '../../engine/graph/parse';
import { buildModel } from '../../engine/model/model';
import { analyzeGraph } from '../../engine/shape/analyze';
import { convNodes, loadTestSplit, loadTrained, predict, predictTestImage, wrapIndex } from '../../extension/training/insights';
import { parseWebviewMessage } from '../../extension/protocol';

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

function lenet(dataset?: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiregrad-testimages-'));
  const text = fs.readFileSync('examples/lenet5.nn.json', 'utf8');
  const graph = parseGraphText(text).graph!;
  const model = buildModel(graph, analyzeGraph(graph), { seed: 5 });
  const weights = path.join(dir, 'lenet5.safetensors');
  saveWeights(weights, model.params, { graph: 'LeNet-5', globalStep: 0, classNames: DIGITS, task: 'classification', seed: 3, ...(dataset ? { dataset } : {}) });
  return { net: loadTrained(text, weights), graphFile: path.join(dir, 'lenet5.nn.json') };
}

/** Channel `k` of c1 (5×5, padding 2, one input channel) on a 28×28 image, by the definition of convolution. */
function c1ByHand(w: Float32Array | Float64Array, b: Float32Array | Float64Array, x: ArrayLike<number>, k: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < 28; r++) {
    for (let c = 0; c < 28; c++) {
      let s = b[k];
      for (let ky = 0; ky < 5; ky++) {
        for (let kx = 0; kx < 5; kx++) {
          const y = r + ky - 2;
          const xx = c + kx - 2;
          if (y >= 0 && y < 28 && xx >= 0 && xx < 28) s += w[(ky * 5 + kx) * 6 + k] * x[y * 28 + xx];
        }
      }
      out.push(s);
    }
  }
  return out;
}

describe('test images and activation maps of a chosen conv node', () => {
  it('wraps indices so previous from the first image is the last one', () => {
    expect(wrapIndex(-1, 30)).toBe(29);
    expect(wrapIndex(30, 30)).toBe(0);
    expect(wrapIndex(61, 30)).toBe(1);
    expect(wrapIndex(7, 30)).toBe(7);
  });

  it('a picked MNIST test image: its pixels, true class, probabilities and the chosen node\'s maps match a hand convolution', async () => {
    const { net, graphFile } = lenet('mnist?train=100&test=30');
    expect(convNodes(net)).toEqual([
      { node: 'c1', width: 28, height: 28, channels: 6 },
      { node: 'c3', width: 10, height: 10, channels: 16 },
    ]);
    const data = await loadTestSplit(net, graphFile);
    expect(data.test.count).toBe(30);

    const p = predictTestImage(net, data, -29, 'c1');
    const x = data.test.x.subarray(784, 2 * 784);
    expect(p.sample).toMatchObject({ index: 1, count: 30, actual: data.test.y[1], label: DIGITS[data.test.y[1]], width: 28, height: 28, channels: 1 });
    expect(p.sample!.pixels).toHaveLength(784);
    const lo = Math.min(...x);
    const hi = Math.max(...x);
    expect(p.sample!.pixels[14 * 28 + 14]).toBe(Math.round(((x[14 * 28 + 14] - lo) / (hi - lo)) * 255));

    // The probabilities are those of the same pixels sent as a drawing.
    const drawn = predict(net, Array.from(x));
    p.probabilities.forEach((v, i) => expect(v).toBeCloseTo(drawn.probabilities[i], 6));
    expect(p.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);

    // Only the chosen node comes back; channel 4's map is the hand convolution scaled to 0–255.
    expect(p.activations.map((a) => [a.node, a.width, a.height, a.maps.length])).toEqual([['c1', 28, 28, 6]]);
    const w = net.model.params.find((t) => t.key === 'c1.weight')!.value;
    const b = net.model.params.find((t) => t.key === 'c1.bias')!.value;
    const map = c1ByHand(w, b, x, 4);
    const mlo = Math.min(...map);
    const mhi = Math.max(...map);
    for (const i of [0, 29, 200, 406, 783]) expect(Math.abs(p.activations[0].maps[4][i] - ((map[i] - mlo) / (mhi - mlo)) * 255)).toBeLessThanOrEqual(0.5 + 1e-3);

    const deeper = predictTestImage(net, data, 1, 'c3');
    expect(deeper.activations.map((a) => [a.node, a.width, a.height, a.maps.length])).toEqual([['c3', 10, 10, 16]]);
  }, 60_000);

  it('refuses an unknown conv node and a network without a data set or an image input, with a message', async () => {
    const { net, graphFile } = lenet();
    expect(() => predict(net, new Array(784).fill(0), 'c5')).toThrow("'c5' is not a conv2d node of this network (its conv nodes: c1, c3)");
    const bare = { ...net, graph: { ...net.graph, training: undefined } };
    await expect(loadTestSplit(bare, graphFile)).rejects.toThrow(/names no data set/);
  });

  it('the predict message takes either pixels or a test index, and a conv node', () => {
    expect(parseWebviewMessage({ type: 'predict', requestId: 1, testIndex: -1, node: 'c3' })).toEqual({ ok: true, value: { type: 'predict', requestId: 1, testIndex: -1, node: 'c3' } });
    expect(parseWebviewMessage({ type: 'predict', requestId: 1, pixels: [0, 1] })).toEqual({ ok: true, value: { type: 'predict', requestId: 1, pixels: [0, 1] } });
    expect(parseWebviewMessage({ type: 'predict', requestId: 1, pixels: [0], testIndex: 2 })).toMatchObject({ ok: false, reason: /exactly one/ });
    expect(parseWebviewMessage({ type: 'predict', requestId: 1 })).toMatchObject({ ok: false, reason: /exactly one/ });
    expect(parseWebviewMessage({ type: 'predict', requestId: 1, testIndex: 1.5 })).toMatchObject({ ok: false, reason: /integer/ });
    expect(parseWebviewMessage({ type: 'predict', requestId: 1, testIndex: 0, node: '' })).toMatchObject({ ok: false });
  });
});
