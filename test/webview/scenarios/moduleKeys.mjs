// Webview harness scenario: module uses from the keyboard only (examples/resnet18-modules.nn.json). Ctrl+F finds the
// nodes inside uses by path, id and type ("conv1" in every use, "l2b0/" for one use's nodes); a match inside a closed
// use opens it and is selected and centred, and the count stays right. E opens a selected use and goes to its first
// card, the arrows step through its cards, Enter edits the module definition's node, Escape goes back to the use,
// Shift+E closes it; inner cards, frames and their handles have accessible names with the path.
//   node test/webview/harness.mjs examples/resnet18-modules.nn.json /tmp/moduleKeys.png dark test/webview/scenarios/moduleKeys.mjs
import assert from 'node:assert/strict';

async function until(what, check, page, tries = 150) {
  let last;
  for (let i = 0; i < tries; i++) {
    last = await check();
    if (last) return last;
    await page.waitForTimeout(100);
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}

export default async function ({ page, sent }) {
  const focused = () => page.evaluate(() => document.activeElement?.closest('.react-flow__node')?.getAttribute('data-id') ?? document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName);
  const selected = () => page.locator('.react-flow__node.selected').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')).join());
  const count = () => page.locator('[data-testid="find-count"]').textContent();
  const frame = (id) => page.locator(`[data-testid="group-${id}"]`);
  const intents = (kind) => sent.filter((m) => m.type === 'intent' && m.intent.kind === kind).map((m) => m.intent);
  /** Whether the card's centre is within the middle half of the canvas (the find widget centres its match). */
  const centred = (id) =>
    page.evaluate((cardId) => {
      const card = document.querySelector(`.react-flow__node[data-id="${cardId}"]`)?.getBoundingClientRect();
      const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
      if (!card || !pane || card.width === 0) return false;
      const [cx, cy] = [card.x + card.width / 2, card.y + card.height / 2];
      return Math.abs(cx - (pane.x + pane.width / 2)) < pane.width / 4 && Math.abs(cy - (pane.y + pane.height / 2)) < pane.height / 4;
    }, id);

  // Find by id: the stem's conv1 (its exact id) first, then conv1 in each use and repeat copy: 1 + 2 + 6 = 9.
  await page.locator('.react-flow__node').first().waitFor();
  await page.keyboard.press('Control+f');
  await page.locator('[data-testid="find-input"]').waitFor();
  await page.keyboard.type('conv1');
  await until('conv1 selected, 1 of 9', async () => (await selected()) === 'conv1' && (await count()) === '1 of 9', page);
  assert.equal(await frame('l1').count(), 0, 'no use opened for a top-level match');
  // Next: l1/0/conv1, inside the closed repeat l1, which opens; its card is selected and centred.
  await page.keyboard.press('Enter');
  await until('l1/0/conv1 selected, 2 of 9', async () => (await selected()) === 'l1/0/conv1' && (await count()) === '2 of 9', page);
  await frame('l1').waitFor();
  await until('l1/0/conv1 centred', () => centred('l1/0/conv1'), page);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await until('l2b0/conv1 selected, 4 of 9, l2b0 open', async () => (await selected()) === 'l2b0/conv1' && (await count()) === '4 of 9' && (await frame('l2b0').count()) === 1, page);
  await until('l2b0/conv1 centred', () => centred('l2b0/conv1'), page);

  // One use's nodes by path prefix: l2b0's 9; Shift+Enter wraps to the last, relu2.
  await page.keyboard.press('Control+a');
  await page.keyboard.type('l2b0/');
  await until('1 of 9 in l2b0', async () => (await count()) === '1 of 9' && (await selected()) === 'l2b0/conv1', page);
  await page.keyboard.press('Shift+Enter');
  await until('l2b0/relu2, 9 of 9', async () => (await selected()) === 'l2b0/relu2' && (await count()) === '9 of 9', page);
  // By type, inside the uses too: 3 basic_down uses hold a downsample conv each, with its batchnorm.
  await page.keyboard.press('Control+a');
  await page.keyboard.type('downsample');
  await until('1 of 6', async () => (await count()) === '1 of 6', page);
  await page.keyboard.press('Control+a');
  await page.keyboard.type('l2b0/relu2');
  await until('1 of 1', async () => (await count()) === '1 of 1', page);
  await page.keyboard.press('Escape');
  await until('focus on the l2b0/relu2 card', async () => (await focused()) === 'l2b0/relu2', page);

  // Arrows step through the use's cards (they nudge only the file's own cards): up to add, up to downsample_bn.
  await page.keyboard.press('ArrowUp');
  await until('l2b0/add selected and focused', async () => (await selected()) === 'l2b0/add' && (await focused()) === 'l2b0/add', page);
  await page.keyboard.press('ArrowLeft');
  await until('l2b0/downsample_bn', async () => (await selected()) === 'l2b0/downsample_bn' && (await focused()) === 'l2b0/downsample_bn', page);
  assert.equal(intents('move').length, 0, 'no card was moved');
  // Escape: out to the use (its frame stays open); Escape again selects nothing.
  await page.keyboard.press('Escape');
  await until('l2b0 selected and focused', async () => (await selected()) === 'l2b0' && (await focused()) === 'l2b0', page);
  assert.equal(await frame('l2b0').count(), 1);
  await page.keyboard.press('Escape');
  await until('nothing selected', async () => (await selected()) === '', page);

  // A closed use, reached by keys: find l3b0, Escape to its card, E opens it and goes to its first card.
  await page.keyboard.press('Control+f');
  await page.keyboard.type('l3b0');
  await until('l3b0 selected', async () => (await selected()) === 'l3b0', page);
  await page.keyboard.press('Escape');
  await until('focus on l3b0', async () => (await focused()) === 'l3b0', page);
  assert.equal(await frame('l3b0').count(), 0);
  await page.keyboard.press('e');
  await until('l3b0/conv1 selected and focused in the open frame', async () => (await selected()) === 'l3b0/conv1' && (await focused()) === 'l3b0/conv1', page);

  // Accessible names: the inner card and its handles name the path; the frame names the use and its module.
  const name = (id) => page.locator(`.react-flow__node[data-id="${id}"]`).getAttribute('aria-label');
  assert.equal(await name('l3b0/conv1'), 'conv2d block l3b0/conv1, in module basic_down');
  assert.equal(await name('l3b0'), 'module basic_down use l3b0, open, 9 nodes');
  const handles = (id) => page.locator(`.react-flow__node[data-id="${id}"] .react-flow__handle`).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')).sort());
  assert.deepEqual(await handles('l3b0/conv1'), ['input of l3b0/conv1', 'output of l3b0/conv1']);
  assert.deepEqual(await handles('l3b0'), ['input of l3b0', 'output of l3b0']);

  // Enter edits the definition's node: its first attribute, "$filters"; the edit is one set-module-attribute.
  await page.keyboard.press('Enter');
  await until('filters focused', async () => (await focused()) === 'attr-filters', page);
  assert.equal(await page.locator('[data-testid="attr-filters"]').inputValue(), '$filters');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('$filters*2');
  await page.keyboard.press('Enter');
  await until('the set-module-attribute intent', async () => intents('set-module-attribute').length === 1, page);
  assert.deepEqual(intents('set-module-attribute')[0], { kind: 'set-module-attribute', module: 'basic_down', node: 'conv1', attribute: 'filters', value: '$filters*2' });
  // l3b0/conv1: 3·3·128·512 = 589,824 params.
  await until('l3b0/conv1 recomputed', async () => (await page.locator('[data-testid="node-l3b0/conv1"] [data-testid="node-params"]').textContent()) === '589,824', page);
  await page.keyboard.press('Escape');
  await until('focus back on l3b0/conv1', async () => (await focused()) === 'l3b0/conv1', page);

  // Shift+E closes the use and goes to its card.
  await page.keyboard.press('ArrowDown');
  await until('l3b0/bn1', async () => (await selected()) === 'l3b0/bn1', page);
  await page.keyboard.press('Shift+E');
  await until('l3b0 closed, selected and focused', async () => (await frame('l3b0').count()) === 0 && (await selected()) === 'l3b0' && (await focused()) === 'l3b0', page);
  console.log('module keys scenario passed');
}
