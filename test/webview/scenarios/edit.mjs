// Webview harness scenario: labels, an attribute edit, palette add after the selection, summary, auto layout.
//   node test/webview/harness.mjs examples/lenet5.nn.json /tmp/edit.png dark test/webview/scenarios/edit.mjs
import assert from 'node:assert/strict';

export default async function ({ page, sent }) {
  const text = (sel) => page.locator(sel).textContent();
  assert.equal(await text('[data-testid="node-c1"] [data-testid="node-shape"]'), '28×28×6');
  assert.equal(await text('[data-testid="node-c1"] [data-testid="node-params"]'), '156');
  assert.equal(await text('[data-testid="edge-label-c1-relu1"]'), '28×28×6');
  await page.locator('[data-testid="node-c1"]').click();
  await page.locator('[data-testid="attr-stride"]').fill('2');
  await page.locator('[data-testid="attr-stride"]').press('Enter');
  await page.locator('[data-testid="node-c1"] [data-testid="node-shape"] >> text=14×14×6').waitFor();
  // 14×14 → s2 7×7 → c3 (5×5) 3×3×16 → s4 1×1×16: c5 reads 16 values now, (16 + 1)·120 = 2,040 params.
  assert.equal(await text('[data-testid="node-c5"] [data-testid="node-params"]'), '2,040');
  const explanations = await page.locator('[data-testid="explanation"]').allTextContents();
  assert.ok(explanations.some((e) => e.includes('(28 + 2·2 − 5)/2 + 1 = 14.50 → 14')), explanations.join('\n'));

  await page.locator('[data-testid="palette-search"]').fill('conv');
  await page.locator('[data-testid="palette-item-conv2d"]').click();
  await page.locator('[data-testid="edge-label-c1-conv2d_1"]').waitFor();
  await page.locator('[data-testid="toggle-summary"]').click();
  assert.equal(await page.locator('[data-testid="summary-panel"] tbody tr').count(), 14);

  await page.locator('text=Layout ↓').click();
  for (let i = 0; i < 50 && sent.at(-1)?.intent?.kind !== 'move'; i++) await page.waitForTimeout(100);
  assert.equal(Object.keys(sent.at(-1).intent.positions).length, 14, 'auto layout placed every node');
  console.log('edit scenario passed');
}
