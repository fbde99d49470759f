// Webview harness scenario: the training panel's input explorer after a finished run. The host's predictions are
// played by this script (fixed numbers): a test image is asked for on mount, next/previous step through the split,
// the conv node select asks for that node, a drawn stroke sends pixels.
//   node test/webview/harness.mjs examples/lenet5.nn.json /tmp/explorer.png dark test/webview/scenarios/inputExplorer.mjs
import assert from 'node:assert/strict';

const convNodes = [
  { node: 'c1', width: 28, height: 28, channels: 6 },
  { node: 'c3', width: 10, height: 10, channels: 16 },
];

function prediction(m) {
  const conv = convNodes.find((c) => c.node === (m.node ?? 'c1'));
  const maps = Array.from({ length: conv.channels }, (_, k) => Array.from({ length: conv.width * conv.height }, (_, i) => (i * (k + 1)) % 256));
  const probabilities = Array.from({ length: 10 }, (_, i) => (i === 7 ? 0.91 : 0.01));
  const sample =
    m.testIndex === undefined
      ? undefined
      : { index: ((m.testIndex % 30) + 30) % 30, count: 30, actual: 7, label: '7', width: 28, height: 28, channels: 1, pixels: Array.from({ length: 784 }, (_, i) => (i % 28) * 9) };
  return { probabilities, classNames: '0123456789'.split(''), convNodes, activations: [{ node: conv.node, width: conv.width, height: conv.height, maps }], ...(sample ? { sample } : {}) };
}

export default async function ({ page, sent, post }) {
  const view = {
    status: 'finished', line: 'finished 1 epoch in 0:05 · test accuracy 91.00%', steps: [{ step: 1, loss: 2.3, accuracy: 0.1 }], epochs: [],
    testAccuracy: 0.91, testLoss: 0.3, error: null, designChanged: false, memory: null, weightsFile: '/tmp/w.safetensors', classNames: '0123456789'.split(''),
    confusion: null, learned: null, filters: null, misclassified: null, runFolder: null, pastRuns: [], inputShape: [28, 28, 1], fixes: [], resumable: false,
  };
  let answered = 0;
  const answer = async () => {
    for (let i = 0; i < 50; i++) {
      const pending = sent.filter((m) => m.type === 'predict');
      if (pending.length > answered) {
        const m = pending.at(-1);
        answered = pending.length;
        await post({ type: 'prediction', requestId: m.requestId, prediction: prediction(m) });
        return m;
      }
      await page.waitForTimeout(100);
    }
    throw new Error('no predict message');
  };
  await post({ type: 'command', command: 'show-training' });
  await post({ type: 'training', view });
  await page.locator('[data-testid="input-explorer"]').waitFor();
  const first = await answer();
  assert.equal(first.testIndex, 0);
  await page.locator('[data-testid="class-probabilities"]').waitFor();
  assert.equal(await page.locator('[data-testid="activation-maps"] canvas').count(), 6);
  assert.match(await page.locator('[data-testid="test-image"]').textContent(), /test image 1 of 30 · class 7/);

  await page.locator('[title="previous test image"]').click();
  const previous = await answer();
  assert.equal(previous.testIndex, 29);
  await page.locator('[data-testid="activation-node"]').selectOption('c3');
  const deeper = await answer();
  assert.equal(deeper.node, 'c3');
  assert.equal(deeper.testIndex, 29);
  await page.locator('[data-testid="activation-maps"] canvas >> nth=15').waitFor();
  assert.equal(await page.locator('[data-testid="activation-maps"] canvas').count(), 16);

  const pad = page.locator('[data-testid="draw-pad"] canvas');
  const box = await pad.boundingBox();
  await page.mouse.move(box.x + 60, box.y + 40);
  await page.mouse.down();
  await page.mouse.move(box.x + 110, box.y + 180, { steps: 8 });
  await page.mouse.up();
  const drawn = await answer();
  assert.equal(drawn.pixels.length, 784);
  assert.equal(drawn.node, 'c3');
  assert.ok(drawn.pixels.some((v) => v > 0.5), 'the stroke is in the pixels');
  assert.match(await page.locator('[data-testid="explorer-input"]').textContent(), /your drawing/);
  await page.locator('[data-testid="input-explorer"]').scrollIntoViewIfNeeded();
  console.log('input explorer scenario passed');
}
