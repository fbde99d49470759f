// Webview harness scenario: a file that is not JSON shows the error view with line and column, and the button.
//   node test/webview/harness.mjs <malformed file> /tmp/malformed.png dark test/webview/scenarios/malformed.mjs
import assert from 'node:assert/strict';

export default async function ({ page, sent }) {
  const view = page.locator('[data-testid="error-view"]');
  assert.match(await view.textContent(), /line \d+, column \d+/);
  await page.locator('[data-testid="open-as-text"]').click();
  await page.waitForTimeout(100);
  assert.deepEqual(sent.at(-1), { type: 'open-as-text' });
  assert.equal(sent.filter((m) => m.type === 'intent').length, 0, 'nothing edits the file');
  console.log('malformed scenario passed');
}
