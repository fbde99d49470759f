// Webview harness scenario: a structural problem inside a module gets its fix on the canvas. Module m reads
// in → conv → relu, and a dangling 'extra' relu also reads conv: two outputs, so neither use (a, b) can be expanded.
// The use's inspector offers "remove 'extra'" as an edit of the definition; the button applies it, both uses expand:
// a 3×3 conv of 2 filters, no padding: 7 → 5 → 3, (9·1 + 1)·2 = 20 and (9·2 + 1)·2 = 38 params.
//   node test/webview/harness.mjs test/fixtures/module-dangling.nn.json /tmp/structure.png dark test/webview/scenarios/moduleStructureFix.mjs
import assert from 'node:assert/strict';

export default async function (ctx) {
  const { page, sent } = ctx;
  const card = (id) => `[data-testid="node-${id}"]`;
  await page.locator(`${card('a')} [data-testid="node-badge"][data-severity="error"]`).waitFor();
  await page.locator(card('a')).click();
  const fix = page.locator('[data-testid="inspector"] [data-testid="fix-button"]').first();
  await fix.waitFor({ timeout: 10_000 });
  assert.equal(await fix.textContent(), "remove 'extra' (in module 'm', shared by 2 uses: a, b)");
  await fix.click();
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent === '3×3×2', `${card('b')} [data-testid="node-shape"]`, { timeout: 10_000 });
  assert.deepEqual(sent.findLast((m) => m.type === 'intent').intent, { kind: 'apply-fix', edits: [{ kind: 'edit-module', module: 'm', edit: { kind: 'remove-node', node: 'extra' } }] });
  assert.equal(await page.locator(`${card('a')} [data-testid="node-shape"]`).textContent(), '5×5×2');
  assert.equal(await page.locator(`${card('a')} [data-testid="node-params"]`).textContent(), '20');
  assert.equal(await page.locator(`${card('b')} [data-testid="node-params"]`).textContent(), '38');
  assert.equal(await page.locator('[data-testid="node-badge"]').count(), 0);
  // The definition lost the node's line and its edge's line; nothing else changed.
  assert.ok(!ctx.text.includes('extra'));
  assert.ok(ctx.text.includes('        { "from": "conv", "to": "relu" }\n      ]'));
  console.log('moduleStructureFix scenario passed');
}
