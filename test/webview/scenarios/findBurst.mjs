// Webview harness scenario (issue 13, React error #185): queries typed quickly into the find widget on a slow
// machine (CPU throttled 20×, as a busy VS Code webview is): each character selects another first match, so the app's
// selection changes again before React Flow's store has caught up with the last one. The canvas used to write back
// what the store reported (the older selection), the store then reported the newer one, and the two alternated until
// React stopped with "Maximum update depth exceeded" and the editor showed its error view (webview/canvas/Canvas.tsx,
// takeSelectChanges). A race, so a number of rounds: against the bundle before the fix, 2 of 3 runs failed (in rounds
// 3 and 1); after it, 3 of 3 runs of 8 rounds passed.
//   node test/webview/harness.mjs examples/lenet5.nn.json /tmp/burst.png dark test/webview/scenarios/findBurst.mjs
import assert from 'node:assert/strict';

const ROUNDS = Number(process.env.FIND_BURST_ROUNDS ?? 6);

export default async function ({ page, sent }) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 20 });
  const selected = () => page.locator('.react-flow__node.selected').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
  const errors = () => sent.filter((m) => m.type === 'log' && m.level === 'error').map((m) => m.message.slice(0, 200));
  await page.keyboard.press('Control+f');
  await page.locator('[data-testid="find-input"]').waitFor();
  // Each query's first character selects one node and its last another (c → c1 then c3; s → s2 then s4; …), typed
  // one after the other without waiting, as fast as the keys arrive.
  for (let round = 0; round < ROUNDS; round++) {
    for (const query of ['c3', 's4', 'relu5', 'f6']) {
      await page.keyboard.press('Control+a');
      await page.keyboard.type(query);
    }
    for (let i = 0; i < 100 && (await selected()).join() !== 'f6' && (await page.locator('.error-view').count()) === 0; i++) await page.waitForTimeout(50);
    assert.equal(await page.locator('.error-view').count(), 0, `the editor failed in round ${round + 1}: ${errors().join(' | ')}`);
    assert.deepEqual(await selected(), ['f6'], `the last query's match is selected (round ${round + 1})`);
  }
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  assert.deepEqual(errors(), []);
  console.log('find burst scenario passed');
}
