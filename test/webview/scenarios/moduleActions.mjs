// Webview harness scenario: the module buttons (Group into module, Expand/Collapse) sit beside the selection and
// cover neither an opened use's frame header nor its cards (examples/resnet18-modules.nn.json). Fixed over the
// canvas' top centre they covered the frame's title and first cards whenever the frame was at the top of the view.
// Opened from the button: above the frame. Panned so the frame's top is at the canvas' edge and selected again by
// its title: below it. The Collapse button still works from there.
//   node test/webview/harness.mjs examples/resnet18-modules.nn.json /tmp/moduleActions.png dark test/webview/scenarios/moduleActions.mjs
import assert from 'node:assert/strict';

const overlaps = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

export default async function ({ page }) {
  const actions = page.locator('[data-testid="module-actions"]');
  const frame = page.locator('[data-testid="group-l2b0"]');
  const title = frame.locator('[data-testid="group-title"]');
  /** Every card and frame on screen that the buttons cover, by id. */
  const covered = async () => {
    const bar = await actions.boundingBox();
    const nodes = await page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => ({ id: e.getAttribute('data-id'), ...JSON.parse(JSON.stringify(e.getBoundingClientRect())) })));
    return nodes.filter((n) => overlaps(bar, n)).map((n) => n.id);
  };
  const settled = async () => {
    // The buttons follow the view: wait until two frames apart they are where they were.
    let last = null;
    for (let i = 0; i < 50; i++) {
      const box = JSON.stringify(await actions.boundingBox());
      if (box === last) return;
      last = box;
      await page.waitForTimeout(100);
    }
  };

  await page.locator('[data-testid="node-l2b0"]').click();
  await page.locator('[data-testid="toggle-module"]').click();
  await frame.waitFor();
  await settled();
  const [bar1, frame1] = [await actions.boundingBox(), await frame.boundingBox()];
  assert.ok(bar1.y + bar1.height <= frame1.y, `the buttons ${JSON.stringify(bar1)} above the frame ${JSON.stringify(frame1)}`);
  assert.deepEqual(await covered(), [], 'the buttons cover no card or frame');

  // Drag the canvas up until the frame's top is 10 px under the canvas' top edge: no room for the buttons above it.
  const pane = await page.locator('.react-flow').boundingBox();
  const dy = frame1.y - (pane.y + 10);
  await page.mouse.move(pane.x + 60, pane.y + pane.height - 40);
  await page.mouse.down();
  await page.mouse.move(pane.x + 60, pane.y + pane.height - 40 - dy / 2, { steps: 5 });
  await page.mouse.move(pane.x + 60, pane.y + pane.height - 40 - dy, { steps: 5 });
  await page.mouse.up();
  // The click on the pane cleared the selection: select the use again by its frame's title.
  await title.click();
  await actions.waitFor();
  await settled();
  const [bar2, frame2, title2] = [await actions.boundingBox(), await frame.boundingBox(), await title.boundingBox()];
  assert.ok(frame2.y - pane.y < 20, `the frame's top at the canvas' edge (${frame2.y - pane.y} px)`);
  assert.ok(!overlaps(bar2, title2) && !overlaps(bar2, frame2), `the buttons ${JSON.stringify(bar2)} clear of the frame ${JSON.stringify(frame2)} and its title`);
  for (const id of ['l2b0/conv1', 'l2b0/downsample']) assert.ok(!(await covered()).includes(id), `the buttons cover ${id}`);

  await page.locator('[data-testid="toggle-module"]').click();
  await page.locator('[data-testid="node-l2b0"]').waitFor();
  assert.equal(await frame.count(), 0, 'Collapse closed the frame');
  console.log('moduleActions scenario passed');
}
