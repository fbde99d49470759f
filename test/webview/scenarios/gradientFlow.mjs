// Webview harness scenario: the training panel's gradient flow after two epochs of the deep sigmoid MLP (fixed
// numbers, shaped like the worker's), the vanishing badge on the flagged cards, the initial-loss fix button (it sends
// set-training outputInitScale) and the overfit check button (it sends check-overfit).
//   node test/webview/harness.mjs examples/deep-sigmoid-mlp.nn.json /tmp/flow.png dark test/webview/scenarios/gradientFlow.mjs
import assert from 'node:assert/strict';

const layers = ['d1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7', 'd8', 'd9', 'd10', 'output'];
const epoch = (e) => ({
  epoch: e, samples: 20, every: 11,
  nodes: layers.map((node, i) => ({ node, params: i === 0 ? 25120 : 1056, paramGradNorm: 3e-6 * 4.2 ** i, outputGradNorm: 9e-8 * 4.2 ** i, updateRatio: 4e-8 * 4.2 ** i })),
});
const flag = (node, ratio) => ({ node, kind: 'vanishing', ratio, explanation: `gradient vanishing: this node's parameter gradient is 1/${Math.round(1 / ratio)} of the later layers'; sigmoid saturation in a deep stack` });

export default async function ({ page, sent, post }) {
  const view = {
    status: 'finished', line: 'finished 2 epochs', steps: [{ step: 1, loss: 2.4, accuracy: 0.1 }, { step: 476, loss: 2.3, accuracy: 0.1 }], epochs: [],
    testAccuracy: 0.1, testLoss: 2.3, error: null, designChanged: false, memory: null, weightsFile: null, classNames: null,
    confusion: null, learned: null, filters: null, misclassified: null, runFolder: null, pastRuns: [], inputShape: [28, 28, 1], fixes: [], resumable: false,
    gradientFlow: [epoch(0), epoch(1)],
    gradientFlags: [flag('d1', 1 / 31834), flag('d2', 1 / 12011)],
    initialLoss: {
      loss: 6.39, samples: 256, classes: 10, chance: Math.log(10), verdict: 'high', logitRms: 4.37, logitsNode: 'output',
      explanation: 'initial loss 6.390 on 256 training samples; chance is ln(10) = 2.303: …', fix: { outputInitScale: 0.02, loss: 2.307 },
    },
    overfit: null,
  };
  await post({ type: 'command', command: 'show-training' });
  await post({ type: 'training', view });
  await page.locator('[data-testid="gradient-flow"]').waitFor();
  for (const id of ['chart-param-grad', 'chart-output-grad', 'chart-update-ratio']) {
    assert.equal(await page.locator(`[data-testid="${id}"] .u-legend .u-series`).count(), layers.length + 1, `${id}: one series per node and the x axis`);
  }
  assert.equal(await page.locator('[data-testid="gradient-flags"] li').count(), 2);
  assert.equal(await page.locator('[data-testid="gradient-badge"]').count(), 2, 'badges on d1 and d2');
  const badge = page.locator('[data-testid="node-d1"] [data-testid="gradient-badge"]');
  assert.equal(await badge.getAttribute('data-kind'), 'vanishing');
  assert.match(await badge.getAttribute('title'), /sigmoid saturation in a deep stack/);
  assert.equal(await page.locator('[data-testid="node-d3"] [data-testid="gradient-badge"]').count(), 0);

  await page.locator('[data-testid="initial-loss-fix"]').click();
  const fix = sent.find((m) => m.type === 'intent' && m.intent.kind === 'set-training');
  assert.deepEqual(fix.intent, { kind: 'set-training', key: 'outputInitScale', value: 0.02 });
  await page.locator('[data-testid="check-overfit"]').click();
  assert.ok(sent.some((m) => m.type === 'check-overfit'), 'the overfit button sends check-overfit');
  await page.locator('[data-testid="gradient-flow"]').scrollIntoViewIfNeeded();
  console.log('gradient flow scenario passed');
}
