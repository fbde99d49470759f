// Webview harness scenario (issue 13): designing with the keyboard only, no mouse: find a node (Ctrl+F, Enter /
// Shift+Enter), add a block (A, type, Enter: it arrives selected and focused), edit it (Enter: the inspector's first
// attribute; Escape twice comes back to the card), connect two nodes picked by typing (C), delete (Delete); the
// cards and handles have accessible names, and the minimap is off until M.
//   node test/webview/harness.mjs examples/lenet5.nn.json /tmp/kbd.png dark test/webview/scenarios/keyboardDesign.mjs
import assert from 'node:assert/strict';

async function until(what, check, page, tries = 150) {
  for (let i = 0; i < tries; i++) {
    const v = await check();
    if (v) return v;
    await page.waitForTimeout(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

export default async function ({ page, sent }) {
  const focused = () => page.evaluate(() => document.activeElement?.closest('.react-flow__node')?.getAttribute('data-id') ?? document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName);
  const selected = () => page.locator('.react-flow__node.selected').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
  const count = () => page.locator('[data-testid="find-count"]').textContent();
  const intents = (kind) => sent.filter((m) => m.type === 'intent' && m.intent.kind === kind).map((m) => m.intent);

  // Accessible names: every card (React Flow's focusable wrapper) and both handles of each.
  const names = await page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  assert.equal(names.length, 13);
  assert.ok(names.includes('conv2d block c1') && names.includes('maxpool2d block s2'), names.join(', '));
  const handles = await page.locator('[data-id="c1"] .react-flow__handle').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  assert.deepEqual(handles.sort(), ['input of c1', 'output of c1']);
  assert.equal(await page.locator('.react-flow__minimap').count(), 0, 'the minimap is off at first');
  await page.keyboard.press('m');
  await page.locator('.react-flow__minimap').waitFor();
  await page.keyboard.press('m');
  await page.locator('.react-flow__minimap').waitFor({ state: 'detached' });

  // Find: by id, then by type with next/previous.
  await page.keyboard.press('Control+f');
  await page.locator('[data-testid="find-input"]').waitFor();
  await page.keyboard.type('c3');
  await until('c3 selected', async () => (await selected()).join() === 'c3', page);
  await until('find count 1 of 1', async () => (await count()) === '1 of 1', page);
  await page.keyboard.press('Control+a');
  await page.keyboard.type('relu');
  await until('relu1 selected', async () => (await selected()).join() === 'relu1', page);
  await until('find count 1 of 4', async () => (await count()) === '1 of 4', page);
  await page.keyboard.press('Enter');
  await until('relu3 selected', async () => (await selected()).join() === 'relu3', page);
  await until('find count 2 of 4', async () => (await count()) === '2 of 4', page);
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.press('Shift+Enter');
  await until('relu6 selected (wrapped around)', async () => (await selected()).join() === 'relu6', page);
  await until('find count 4 of 4', async () => (await count()) === '4 of 4', page);
  await page.keyboard.press('Control+a');
  await page.keyboard.type('nothing-like-this');
  await until('find count No results', async () => (await count()) === 'No results', page);
  await page.keyboard.press('Control+a');
  await page.keyboard.type('s4');
  await page.keyboard.press('Escape');
  await until('focus on the s4 card', async () => (await focused()) === 's4', page);
  assert.equal(await page.locator('[data-testid="find-widget"]').count(), 0);

  // Add a dropout with the keyboard: Escape selects nothing (so it is added on its own, not after s4), A focuses
  // the palette search, Enter adds the first match.
  await page.keyboard.press('Escape');
  await until('nothing selected', async () => (await selected()).length === 0, page);
  await page.keyboard.press('a');
  await until('the palette search focused', async () => (await focused()) === 'palette-search', page);
  await page.keyboard.type('dropout');
  await page.keyboard.press('Enter');
  const added = await until('the added block selected and focused', async () => {
    const s = await selected();
    return s.length === 1 && s[0].startsWith('dropout') && (await focused()) === s[0] ? s[0] : null;
  }, page);
  assert.deepEqual(intents('add-node').at(-1), { kind: 'add-node', type: 'dropout' });

  // Edit it: Enter goes to the inspector's first attribute; Enter commits; Escape (twice) comes back to the card.
  await page.keyboard.press('Enter');
  const field = await until('an attribute focused', async () => {
    const id = await focused();
    return typeof id === 'string' && id.startsWith('attr-') ? id : null;
  }, page);
  await page.keyboard.press('Control+a');
  await page.keyboard.type('0.3');
  await page.keyboard.press('Enter');
  await until('the set-attribute intent', async () => intents('set-attribute').some((i) => i.node === added && i.value === 0.3), page);
  assert.equal(field, 'attr-rate');
  await page.keyboard.press('Escape');
  await until('focus back on the card', async () => (await focused()) === added, page);

  // Connect c1 → the dropout by keys: find c1, Escape (focus on it), C, type the target, Enter.
  await page.keyboard.press('Control+f');
  await page.keyboard.type('c1');
  await page.keyboard.press('Escape');
  await until('focus on c1', async () => (await focused()) === 'c1', page);
  await page.keyboard.press('c');
  await page.locator('[data-testid="find-input"]').waitFor();
  await until('the connect widget from c1', async () => /c1 →/.test(await page.locator('[data-testid="find-widget"]').textContent()), page);
  await page.keyboard.type(added);
  await until('the target found', async () => (await count()).startsWith('1 of 1'), page);
  await page.keyboard.press('Enter');
  await until('the connect intent', async () => intents('connect').some((i) => i.from === 'c1' && i.to === added), page);
  await page.locator(`[data-testid="edge-label-c1-${added}"]`).waitFor();

  // Delete the dropout: find it, Escape to its card, Delete.
  await page.keyboard.press('Control+f');
  await page.keyboard.type(added);
  await page.keyboard.press('Escape');
  await until(`focus on ${added}`, async () => (await focused()) === added, page);
  await page.keyboard.press('Delete');
  await page.locator(`[data-testid="node-${added}"]`).waitFor({ state: 'detached' });
  assert.deepEqual(intents('delete').at(-1).nodes, [added]);
  console.log('keyboard design scenario passed');
}
