// Webview harness scenario (issue 13): a file opens fitted to the view: every card of a small network lies inside
// the canvas, none clipped, centred (the first view waits until the cards are measured).
//   node test/webview/harness.mjs tiny.nn.json /tmp/first.png dark test/webview/scenarios/firstView.mjs
import assert from 'node:assert/strict';

async function fitted(page) {
  const canvas = await page.locator('[data-testid="canvas"]').boundingBox();
  const cards = await page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()));
  assert.ok(cards.length >= 3);
  for (const c of cards) {
    assert.ok(c.left >= canvas.x && c.right <= canvas.x + canvas.width && c.top >= canvas.y && c.bottom <= canvas.y + canvas.height, `a card at ${JSON.stringify(c)} is outside the canvas ${JSON.stringify(canvas)}`);
  }
  const left = Math.min(...cards.map((c) => c.left)) - canvas.x;
  const right = canvas.x + canvas.width - Math.max(...cards.map((c) => c.right));
  assert.ok(Math.abs(left - right) < 4, `not centred: ${left} px left, ${right} px right`);
  // Fitted, not merely inside: the network fills the height (padding aside) or is drawn at the largest zoom (1.25).
  const tall = (Math.max(...cards.map((c) => c.bottom)) - Math.min(...cards.map((c) => c.top))) / canvas.height;
  const zoom = cards[0].width / 200;
  assert.ok(tall > 0.6 || zoom > 1.2, `not fitted: the cards take ${(tall * 100).toFixed(0)}% of the height at zoom ${zoom.toFixed(2)}`);
}

export default async function ({ page }) {
  await page.waitForTimeout(800);
  await fitted(page);
  // An editor that opens small (its panel still animating, a split) and then grows is fitted again.
  await page.setViewportSize({ width: 700, height: 260 });
  await page.reload();
  await page.locator('.react-flow__node').first().waitFor();
  await page.waitForTimeout(800);
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.waitForTimeout(800);
  await fitted(page);
  console.log('first view scenario passed');
}
