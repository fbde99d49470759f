// Webview harness scenario: module uses on the canvas (examples/resnet18-modules.nn.json). A collapsed use shows its
// output shape and params in total; double-click expands it in place into a frame whose cards are named by path;
// "Group into module" turns a selection into a module use through an intent applied to the document.
//   node test/webview/harness.mjs examples/resnet18-modules.nn.json /tmp/modules.png dark test/webview/scenarios/modules.mjs
import assert from 'node:assert/strict';

export default async function (ctx) {
  const { page, sent } = ctx;
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

  // The frame lays the block out as the canvas lays out a graph: conv1 and the 1×1 downsample (both read the
  // block's input) side by side in the first row, relu2 six rows below.
  const box = (id) => page.locator(card(id)).first().boundingBox();
  const [c1, ds, r2] = [await box('l2b0/conv1'), await box('l2b0/downsample'), await box('l2b0/relu2')];
  assert.ok(Math.abs(c1.y - ds.y) < 1 && Math.abs(c1.x - ds.x) > 100, `conv1 ${JSON.stringify(c1)} and downsample ${JSON.stringify(ds)} side by side`);
  assert.ok(r2.y > c1.y + 5 * c1.height, 'relu2 rows below conv1');

  // An inner card in the inspector: its path, the definition it edits (shared by the 3 basic_down uses), and
  // "$filters" with what it is here.
  const waitText = (sel, want) => page.waitForFunction(([s, w]) => document.querySelector(s)?.textContent === w, [sel, want], { timeout: 10_000 });
  await page.locator(card('l2b0/conv1')).click();
  await waitText('[data-testid="inspector-path"]', 'l2b0/conv1');
  assert.match(await text('[data-testid="shared-definition"]'), /shared by 3 uses \(l2b0, l3b0, l4b0; 3 copies in the network\)/);
  assert.equal(await page.locator('[data-testid="attr-filters"]').inputValue(), '$filters');
  assert.equal(await text('[data-testid="attr-hint-filters"]'), '= 128 in l2b0');
  assert.equal(await text('[data-testid="inspector-params"]'), '73,728');

  // "$filters*2": one edit of the definition, every use follows. l2b0: conv1 3·3·64·256 = 147,456, bn1 4·256 = 1,024,
  // conv2 3·3·256·128 = 294,912, bn2 512, downsample 8,192, its bn 512 → 452,608. l3b0: 3·3·128·512 = 589,824 +
  // 2,048 + 3·3·512·256 = 1,179,648 + 1,024 + 128·256 = 32,768 + 1,024 → 1,806,336.
  const original = ctx.text;
  const filters = page.locator('[data-testid="attr-filters"]');
  await filters.fill('$filters*2');
  assert.equal(await text('[data-testid="attr-hint-filters"]'), '= 256 in l2b0');
  await filters.press('Enter');
  await waitText(`${card('l2b0/conv1')} [data-testid="node-params"]`, '147,456');
  assert.deepEqual(sent.findLast((m) => m.type === 'intent').intent, { kind: 'set-module-attribute', module: 'basic_down', node: 'conv1', attribute: 'filters', value: '$filters*2' });
  assert.equal(await text(`${card('l2b0/conv1')} [data-testid="node-shape"]`), '28×28×256');
  assert.equal(await text(`${card('l3b0')} [data-testid="node-params"]`), '1,806,336');
  assert.ok(ctx.text.includes('{ "id": "conv1", "type": "conv2d", "filters": "$filters*2", "kernel": 3, "stride": "$stride", "padding": 1, "bias": false }'));
  // Back to "$filters": the file is byte for byte what it was.
  await filters.fill('$filters');
  await filters.press('Enter');
  await waitText(`${card('l2b0/conv1')} [data-testid="node-params"]`, '73,728');
  assert.equal(ctx.text, original);
  // A reference to no parameter is refused as typed, naming the module's parameters.
  await filters.fill('$filter');
  assert.match(await text('[data-testid="inspector"] .attr-error'), /not a parameter of module 'basic_down' \(did you mean '\$filters'\?\)/);
  await filters.press('Escape');

  // The frame moves with its use: dragging its title sends one move of l2b0, and its cards come along.
  const title = await page.locator('[data-testid="group-l2b0"] [data-testid="group-title"]').boundingBox();
  await page.mouse.move(title.x + 20, title.y + title.height / 2);
  await page.mouse.down();
  await page.mouse.move(title.x + 80, title.y + title.height / 2 + 10, { steps: 5 });
  await page.mouse.move(title.x + 140, title.y + title.height / 2 + 20, { steps: 5 });
  await page.mouse.up();
  for (let i = 0; i < 50 && sent.at(-1)?.intent?.kind !== 'move'; i++) await page.waitForTimeout(100);
  assert.deepEqual(Object.keys(sent.at(-1).intent.positions), ['l2b0']);
  const moved = await box('l2b0/conv1');
  assert.ok(Math.abs(moved.x - c1.x - 120) < 20 && Math.abs(moved.y - c1.y - 20) < 20, `conv1 moved with the frame: ${JSON.stringify(c1)} → ${JSON.stringify(moved)}`);

  // The use's own parameters: filters 128 and stride 2 given, repeat by default 1; a wrong kind is refused as typed.
  await page.locator('[data-testid="group-l2b0"] [data-testid="group-title"]').click();
  await page.locator('[data-testid="use-params"]').waitFor({ timeout: 10_000 });
  assert.equal(await page.locator('[data-testid="use-params"] [data-testid="attr-filters"]').inputValue(), '128');
  assert.equal(await page.locator('[data-testid="use-params"] [data-testid="attr-stride"]').inputValue(), '2');
  assert.equal(await page.locator('[data-testid="use-params"] [data-testid="attr-repeat"]').getAttribute('placeholder'), 'default 1');
  await page.locator('[data-testid="use-params"] [data-testid="attr-filters"]').fill('wide');
  assert.equal(await text('[data-testid="inspector"] .attr-error'), `Parameter 'filters' of module 'basic_down' takes a number (default 128), got "wide".`);
  await page.locator('[data-testid="use-params"] [data-testid="attr-filters"]').press('Escape');

  await page.locator('[data-testid="group-l2b0"] [data-testid="group-title"]').dblclick();
  await page.locator(card('l2b0')).waitFor();
  assert.equal(await page.locator(`${card('l2b0/conv1')}`).count(), 0, 'collapsed again');

  // avgpool → fc has one input (l4b1) and one output (fc, read by softmax): it groups.
  // Each click is followed until the canvas shows its selection: on a loaded machine a click that lands while the
  // canvas is still redrawing the collapse can be lost (seen as l2b0 still selected), and the next click must not
  // build on it. Control is held a moment before the second click: React Flow learns that the multi-selection key
  // is down in an effect after the keydown, and on a busy machine (load 4.5 on 2 cores) a Ctrl+click sent at once
  // was taken as a plain click (the selection became [fc], or [] when its toggle ran twice). A failed attempt starts
  // again from avgpool alone. The scenario says when it had to try again.
  const selected = () => page.locator('.react-flow__node.selected').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')).sort());
  const shows = async (want) => {
    for (let i = 0; i < 20 && (await selected()).join() !== want.join(); i++) await page.waitForTimeout(100);
    return (await selected()).join() === want.join();
  };
  for (let attempt = 1; ; attempt++) {
    await page.locator(card('avgpool')).click();
    if (await shows(['avgpool'])) {
      await page.keyboard.down('Control');
      await page.waitForTimeout(300);
      await page.locator(card('fc')).click();
      await page.keyboard.up('Control');
      if (await shows(['avgpool', 'fc'])) break;
    }
    if (attempt === 3) assert.deepEqual(await selected(), ['avgpool', 'fc'], 'selecting avgpool, then fc with Ctrl');
    console.log(`selecting avgpool and fc left the selection at [${(await selected()).join(', ')}]; trying again (attempt ${attempt + 1})`);
  }
  await page.locator('[data-testid="group-into-module"]').click();
  for (let i = 0; i < 50 && sent.at(-1)?.intent?.kind !== 'group-into-module'; i++) await page.waitForTimeout(100);
  assert.deepEqual(sent.at(-1).intent, { kind: 'group-into-module', nodes: ['avgpool', 'fc'], name: 'block' });
  await page.locator(card('block')).waitFor();
  assert.equal(await text(`${card('block')} [data-testid="node-type"]`), 'module:block');
  assert.equal(await text(`${card('block')} [data-testid="node-shape"]`), '1000');
  assert.equal(await text(`${card('block')} [data-testid="node-params"]`), '513,000');
  console.log('modules scenario passed');
}
