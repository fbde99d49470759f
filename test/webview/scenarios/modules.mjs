// Webview harness scenario: module uses on the canvas (examples/resnet18-modules.nn.json). A collapsed use shows its
// output shape and params in total; double-click expands it in place into a frame whose cards are named by path;
// "Group into module" turns a selection into a module use through an intent applied to the document.
//   node test/webview/harness.mjs examples/resnet18-modules.nn.json /tmp/modules.png dark test/webview/scenarios/modules.mjs
import assert from 'node:assert/strict';

export default async function ({ page, sent }) {
  const text = (sel) => page.locator(sel).first().textContent();
  const card = (id) => `[data-testid="node-${id}"]`;
  // l2b0: conv 3×3/2 64→128 (73,728) + bn (512) + conv 3×3 128→128 (147,456) + bn (512) + 1×1/2 projection (8,192) + bn (512).
  assert.equal(await text(`${card('l2b0')} [data-testid="node-shape"]`), '28×28×128');
  assert.equal(await text(`${card('l2b0')} [data-testid="node-params"]`), '230,912');
  assert.equal(await text(`${card('l2b0')} [data-testid="node-type"]`), 'module:basic_down');

  await page.locator(card('l2b0')).dblclick();
  await page.locator('[data-testid="group-l2b0"]').waitFor();
  assert.match(await text('[data-testid="group-l2b0"] [data-testid="group-title"]'), /module:basic_down\s+l2b0\s+9 nodes/);
  assert.equal(await text(`${card('l2b0/conv1')} [data-testid="node-shape"]`), '28×28×128');
  assert.equal(await text(`${card('l2b0/conv1')} [data-testid="node-params"]`), '73,728');
  assert.equal(await text(`${card('l2b0/downsample')} [data-testid="node-params"]`), '8,192');
  assert.equal(await page.locator(card('l2b0')).count(), 0, 'the collapsed card is replaced by the frame');

  await page.locator('[data-testid="group-l2b0"] [data-testid="group-title"]').dblclick();
  await page.locator(card('l2b0')).waitFor();
  assert.equal(await page.locator(`${card('l2b0/conv1')}`).count(), 0, 'collapsed again');

  // avgpool → fc has one input (l4b1) and one output (fc, read by softmax): it groups.
  await page.locator(card('avgpool')).click();
  await page.locator(card('fc')).click({ modifiers: ['Control'] });
  await page.locator('[data-testid="group-into-module"]').click();
  for (let i = 0; i < 50 && sent.at(-1)?.intent?.kind !== 'group-into-module'; i++) await page.waitForTimeout(100);
  assert.deepEqual(sent.at(-1).intent, { kind: 'group-into-module', nodes: ['avgpool', 'fc'], name: 'block' });
  await page.locator(card('block')).waitFor();
  assert.equal(await text(`${card('block')} [data-testid="node-type"]`), 'module:block');
  assert.equal(await text(`${card('block')} [data-testid="node-shape"]`), '1000');
  assert.equal(await text(`${card('block')} [data-testid="node-params"]`), '513,000');
  console.log('modules scenario passed');
}
