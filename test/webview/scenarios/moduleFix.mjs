// Webview harness scenario: a problem inside a module keeps its fix on the canvas. x 7×7×1 → a, b → sum (module m: a 3×3
// conv of stride 3, no padding, written in the definition): (7 − 3)/3 + 1 = 2.33 does not tile. The inner card's
// inspector offers "padding 1" as an edit of the definition (both uses change), and the button applies it.
//   node test/webview/harness.mjs /tmp/module-fix.nn.json /tmp/fix.png dark test/webview/scenarios/moduleFix.mjs
import assert from 'node:assert/strict';

// The graph is test/fixtures/module-fix.nn.json (the real-VS-Code quickfix-module scenario uses it too).

export default async function (ctx) {
  const { page, sent } = ctx;
  const card = (id) => `[data-testid="node-${id}"]`;
  await page.locator(`${card('a')} [data-testid="node-badge"]`).waitFor();
  await page.locator(card('a')).dblclick();
  await page.locator(`${card('a/conv')} [data-testid="node-badge"][data-severity="warning"]`).waitFor();
  assert.equal(await page.locator(`${card('a/conv')} [data-testid="node-shape"]`).textContent(), '2×2×2');
  await page.locator(card('a/conv')).click();
  const fix = page.locator('[data-testid="inspector"] [data-testid="fix-button"]').first();
  assert.equal(await fix.textContent(), "padding 1 → 3×3 output (in module 'm', shared by 2 uses: a, b)");
  await fix.click();
  // (7 + 2 − 3)/3 + 1 = 3: both uses' convs now 3×3×2, and the badges are gone.
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent === '3×3×2', `${card('a/conv')} [data-testid="node-shape"]`, { timeout: 10_000 });
  assert.deepEqual(sent.findLast((m) => m.type === 'intent').intent, { kind: 'apply-fix', edits: [{ kind: 'set-module-attribute', module: 'm', node: 'conv', attribute: 'padding', value: 1 }] });
  assert.equal(await page.locator(`${card('b')} [data-testid="node-shape"]`).textContent(), '3×3×2');
  assert.equal(await page.locator('[data-testid="node-badge"]').count(), 0);
  assert.ok(ctx.text.includes('{ "id": "conv", "type": "conv2d", "filters": 2, "kernel": 3, "stride": 3, "padding": 1 }'));
  console.log('moduleFix scenario passed');
}
