// Webview harness scenario: nudge, copy/paste, delete, a refused connection, select all, label.
//   node test/webview/harness.mjs examples/lenet5.nn.json /tmp/keyboard.png dark test/webview/scenarios/keyboard.mjs
import assert from 'node:assert/strict';

export default async function ({ page, sent }) {
  const last = () => sent.at(-1)?.intent;
  await page.locator('[data-testid="node-relu1"]').click();
  await page.keyboard.press('ArrowRight');
  for (let i = 0; i < 30 && last()?.kind !== 'move'; i++) await page.waitForTimeout(100);
  assert.equal(last().kind, 'move');
  assert.equal(Object.keys(last().positions).join(), 'relu1');

  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await page.locator('[data-testid="node-relu1_2"]').waitFor();
  await page.locator('[data-testid="node-relu1_2"]').click();
  await page.keyboard.press('Delete');
  await page.locator('[data-testid="node-relu1_2"]').waitFor({ state: 'detached' });

  const src = await page.locator('[data-testid="node-relu1"] .react-flow__handle.source').boundingBox();
  const dst = await page.locator('[data-testid="node-c1"] .react-flow__handle.target').boundingBox();
  await page.mouse.move(src.x + src.width / 2, src.y + src.height / 2);
  await page.mouse.down();
  await page.mouse.move(dst.x + dst.width / 2, dst.y + dst.height / 2, { steps: 12 });
  await page.mouse.up();
  await page.locator('[data-testid="notice"]').waitFor();
  assert.match(await page.locator('[data-testid="notice"]').textContent(), /would make a cycle/);

  await page.keyboard.press('Control+a');
  for (let i = 0; i < 30 && (await page.locator('.react-flow__node.selected').count()) !== 13; i++) await page.waitForTimeout(100);
  assert.equal(await page.locator('.react-flow__node.selected').count(), 13);
  await page.keyboard.press('Escape');
  await page.locator('[data-testid="node-c1"]').click();
  await page.locator('[data-testid="node-label"]').fill('first conv');
  await page.locator('[data-testid="node-label"]').press('Enter');
  await page.locator('[data-testid="node-c1"] >> text=first conv').waitFor();
  console.log('keyboard scenario passed');
}
