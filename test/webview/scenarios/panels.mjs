// Webview harness scenario (issue 13): at the size VS Code gives the editor in a 1600×1000 window with the Explorer
// open (about 1250×870), the summary table shows every column without a horizontal scroll, the training panel's
// pictures (confusion matrix, mistakes, filters, the input explorer's class probabilities) are inside the panel,
// and Widen gives the panel the whole editor; Open in its own tab asks the host for it.
//   node test/webview/harness.mjs examples/lenet5.nn.json /tmp/panels.png dark test/webview/scenarios/panels.mjs
import assert from 'node:assert/strict';

const classNames = '0123456789'.split('');

function prediction(m) {
  const maps = Array.from({ length: 6 }, (_, k) => Array.from({ length: 784 }, (_, i) => (i * (k + 1)) % 256));
  const sample = { index: m.testIndex ?? 0, count: 30, actual: 7, label: '7', width: 28, height: 28, channels: 1, pixels: Array.from({ length: 784 }, (_, i) => (i % 28) * 9) };
  return {
    probabilities: Array.from({ length: 10 }, (_, i) => (i === 7 ? 0.91 : 0.01)),
    classNames,
    convNodes: [{ node: 'c1', width: 28, height: 28, channels: 6 }],
    activations: [{ node: 'c1', width: 28, height: 28, maps }],
    sample,
  };
}

/** Whether `inner` lies within `outer` horizontally (1 px of rounding allowed). */
async function inside(page, inner, outer) {
  const a = await page.locator(inner).first().boundingBox();
  const b = await page.locator(outer).first().boundingBox();
  return a && b && a.x >= b.x - 1 && a.x + a.width <= b.x + b.width + 1;
}

export default async function ({ page, sent, post }) {
  await page.locator('[data-testid="toggle-summary"]').click();
  const summary = page.locator('[data-testid="summary-panel"]');
  await summary.waitFor();
  // 1250: a 1600×1000 window with the Explorer open; 960: VS Code's smallest comfortable window, 1280×800.
  for (const width of [960, 1250]) {
    await page.setViewportSize({ width, height: 870 });
    await page.waitForTimeout(200);
    const overflow = await summary.evaluate((el) => el.scrollWidth - el.clientWidth);
    assert.ok(overflow <= 0, `at ${width} px the summary scrolls sideways by ${overflow} px`);
    assert.ok(await inside(page, '[data-testid="summary-panel"] thead th:nth-child(6)', '[data-testid="summary-panel"]'), `at ${width} px the receptive-field column is cut off`);
  }
  const rf = await page.locator('[data-testid="summary-panel"] tbody tr:nth-child(5) td:nth-child(6)').textContent();
  assert.equal(rf, '14×14');
  await page.locator('[data-testid="toggle-summary"]').click();

  const view = {
    status: 'finished', line: 'finished 8 epochs in 0:19 · test accuracy 98.40%', steps: [{ step: 1, loss: 2.3, accuracy: 0.1 }, { step: 2, loss: 0.2, accuracy: 0.95 }], epochs: [],
    testAccuracy: 0.984, testLoss: 0.05, error: null, designChanged: false, memory: null, weightsFile: '/tmp/w.safetensors', classNames,
    confusion: classNames.map((_, a) => classNames.map((__, p) => (a === p ? 190 : (a + p) % 3))),
    learned: null,
    filters: { node: 'c1', width: 5, height: 5, channels: 1, images: Array.from({ length: 6 }, (_, k) => Array.from({ length: 25 }, (_, i) => (i * 10 + k * 30) % 256)) },
    misclassified: { width: 28, height: 28, channels: 1, checked: 2000, wrong: 32, classNames, examples: Array.from({ length: 12 }, (_, k) => ({ pixels: Array.from({ length: 784 }, (_, i) => (i + k) % 256), actual: k % 10, predicted: (k + 1) % 10, confidence: 0.6 })) },
    runFolder: null, pastRuns: [], inputShape: [28, 28, 1], fixes: [], resumable: false,
  };
  await post({ type: 'command', command: 'show-training' });
  await post({ type: 'training', view });
  await page.locator('[data-testid="input-explorer"]').waitFor();
  for (let i = 0; i < 50 && !sent.some((m) => m.type === 'predict'); i++) await page.waitForTimeout(100);
  const asked = sent.find((m) => m.type === 'predict');
  await post({ type: 'prediction', requestId: asked.requestId, prediction: prediction(asked) });
  await page.locator('[data-testid="class-probabilities"]').waitFor();
  const panel = '[data-testid="training-panel"]';
  const sideways = await page.locator(panel).evaluate((el) => el.scrollWidth - el.clientWidth);
  assert.ok(sideways <= 0, `the training panel scrolls sideways by ${sideways} px`);
  for (const picture of ['[data-testid="class-probabilities"]', '.confusion', '[data-testid="input-explorer"]']) {
    assert.ok(await inside(page, picture, panel), `${picture} is cut off by the training panel`);
  }

  await page.locator('[data-testid="training-widen"]').click();
  await page.locator('[data-testid="canvas"]').waitFor({ state: 'hidden' });
  const wide = await page.locator('.training-area').boundingBox();
  assert.ok(wide.width >= 1240 && wide.height > 700, `widened panel is ${wide.width}×${wide.height}`);
  await page.screenshot({ path: '/tmp/wiregrad-training-wide.png' });
  await page.locator('[data-testid="training-widen"]').click();
  await page.locator('[data-testid="canvas"]').waitFor();
  await page.locator('[data-testid="training-own-tab"]').click();
  for (let i = 0; i < 30 && !sent.some((m) => m.type === 'open-training-tab'); i++) await page.waitForTimeout(100);
  assert.ok(sent.some((m) => m.type === 'open-training-tab'), 'Open in its own tab asks the host');
  // The host's answer in the new tab: the training panel alone.
  await post({ type: 'command', command: 'training-tab' });
  await page.locator('[data-testid="canvas"]').waitFor({ state: 'hidden' });
  assert.equal(await page.locator('[data-testid="training-bar"]').count(), 0);
  console.log('panels scenario passed');
}
