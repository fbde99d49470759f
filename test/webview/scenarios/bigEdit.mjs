// Webview harness scenario: issue 4's speed case without VS Code. In the 500-node graph of the end-to-end suite
// (a conv, then relu and batchnorm alternating), c0's filters are edited back and forth; every edit changes all
// 500 node labels and 499 edge labels. Prints, per edit and as medians (figures, never assertions):
//   labels   Enter → the first and the last card drawn show the new shape (DOM, as the e2e `big` scenario measures;
//            above 200 nodes only the cards in view are in the DOM)
//   painted  Enter → the frame after that has been laid out and painted (the next animation frame, then a task)
//   host     Enter → the document arrived back in the webview (the harness host: a CDP round trip; the canvas draws
//            an attribute edit before the document confirms it, so this may come after the labels)
//   text     a text edit: the new document posted as text alone (as a keystroke in the text editor sends it) → the
//            first and the last card drawn show the new shape
// then asserts every card and edge label in the DOM holds the last edit's shape, that the DOM holds only the cards in
// view, and that the keyboard still reaches every node: Ctrl+F draws, selects and focuses the last one (showing the
// new shape), and Tab walks the cards in order past the bottom of the view (the view follows the focus).
//   node test/webview/bigGraph.mjs > /tmp/big-500.nn.json
//   node test/webview/harness.mjs /tmp/big-500.nn.json /tmp/big.png dark test/webview/scenarios/bigEdit.mjs
// WIREGRAD_EDITS sets the number of edits (default 12).
import assert from 'node:assert/strict';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export default async function ({ page, text }) {
  // `text` is the file as opened: the text edits below rewrite c0's filters in it.
  const ids = JSON.parse(text).nodes.map((n) => n.id);
  const drawnIds = () => page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
  // React Flow draws every card once (to measure it), then keeps only those in view.
  let drawn = await drawnIds();
  for (let t = 0; t < 100 && drawn.length === ids.length; t++) {
    await page.waitForTimeout(50);
    drawn = await drawnIds();
  }
  assert.ok(drawn.length > 3 && drawn.length < 60, `only the cards in view are in the DOM (${drawn.length} of ${ids.length})`);
  const last = drawn.at(-1);
  await page.locator('[data-testid="node-c0"]').click();
  const input = page.locator('[data-testid="attr-filters"]');
  const rows = { labels: [], painted: [], host: [] };
  const edits = Number(process.env.WIREGRAD_EDITS ?? 12);
  let filters = 4;
  for (let i = 0; i < edits; i++) {
    filters = filters === 4 ? 5 : 4;
    const shape = `8×8×${filters}`;
    await input.fill(String(filters));
    await page.evaluate(
      ({ targets }) => {
        const probe = { enter: 0, labels: 0, painted: 0, received: 0 };
        window.__bigEdit = probe;
        new PerformanceObserver((list, self) => {
          const mark = list.getEntries().find((e) => e.name === 'wiregrad:document-received' && probe.enter && e.startTime > probe.enter);
          if (mark) {
            probe.received = mark.startTime;
            self.disconnect();
          }
        }).observe({ type: 'mark' });
        const done = () => Object.entries(targets).every(([id, s]) => document.querySelector(`[data-testid="node-${id}"] [data-testid="node-shape"]`)?.textContent === s);
        document.addEventListener('keydown', (e) => { if (e.key === 'Enter' && !probe.enter) probe.enter = performance.now(); }, { capture: true, once: true });
        const observer = new MutationObserver(() => {
          if (!probe.enter || probe.labels || !done()) return;
          probe.labels = performance.now();
          observer.disconnect();
          requestAnimationFrame(() => setTimeout(() => (probe.painted = performance.now()), 0));
        });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
      },
      { targets: { c0: shape, [last]: shape } },
    );
    await input.press('Enter');
    let p;
    for (let t = 0; t < 200; t++) {
      p = await page.evaluate(() => window.__bigEdit);
      if (p.painted && p.received) break;
      await page.waitForTimeout(25);
    }
    assert.ok(p.painted, `edit ${i}: the labels never showed ${shape}`);
    rows.labels.push(p.labels - p.enter);
    rows.painted.push(p.painted - p.enter);
    rows.host.push(p.received - p.enter);

    await page.waitForTimeout(150);
  }
  const shape = `8×8×${filters}`;
  const shapes = await page.locator('[data-testid="node-shape"]').allTextContents();
  assert.ok(shapes.length < ids.length, 'only the cards in view are in the DOM');
  assert.ok(shapes.slice(1).every((s) => s === shape), 'every card drawn after the input shows the new shape');
  const edgeLabels = await page.locator('[data-testid^="edge-label-"]').allTextContents();
  assert.ok(edgeLabels.length >= shapes.length - 1, `the edges between the cards drawn are drawn (${edgeLabels.length})`);
  assert.ok(edgeLabels.slice(1).every((s) => s === shape), 'every edge drawn after c0 carries the new shape');

  // Text edits: the document arrives as text alone (as after a keystroke in VS Code's text editor) and the webview
  // reads it whole: message → the first and last card show the new shape (page clock).
  rows.text = [];
  const c0Line = /("id": "c0", "type": "conv2d", "filters": )\d+/;
  assert.match(text, c0Line, "the c0 line of the generated graph");
  let version = 1000;
  for (let i = 0; i < edits; i++) {
    filters = filters === 4 ? 5 : 4;
    const shape = `8×8×${filters}`;
    const edited = text.replace(c0Line, `$1${filters}`);
    const ms = await page.evaluate(
      ({ edited, targets, version }) =>
        new Promise((resolve) => {
          const done = () => Object.entries(targets).every(([id, s]) => document.querySelector(`[data-testid="node-${id}"] [data-testid="node-shape"]`)?.textContent === s);
          const observer = new MutationObserver(() => {
            if (!done()) return;
            observer.disconnect();
            resolve(performance.now() - t0);
          });
          observer.observe(document.body, { subtree: true, childList: true, characterData: true });
          const t0 = performance.now();
          window.postMessage({ type: 'document', text: edited, version }, '*');
        }),
      { edited, targets: { c0: shape, [last]: shape }, version: ++version },
    );
    rows.text.push(ms);
    await page.waitForTimeout(150);
  }
  const textShape = `8×8×${filters}`;
  const afterText = await page.locator('[data-testid="node-shape"]').allTextContents();
  assert.ok(afterText.slice(1).every((s) => s === textShape), 'every card after the input shows the shape of the last text edit');

  // The keyboard reaches the cards not in the DOM. Ctrl+F: the last node is drawn, selected and focused, and shows
  // the last edit's shape.
  const focusedCard = () => page.evaluate(() => document.activeElement?.closest('.react-flow__node')?.getAttribute('data-id') ?? null);
  const findAndFocus = async (id) => {
    await page.locator('[data-testid="canvas"]').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+f');
    await page.locator('[data-testid="find-input"]').fill(id);
    await page.keyboard.press('Escape');
    for (let t = 0; t < 100 && (await focusedCard()) !== id; t++) await page.waitForTimeout(20);
    assert.equal(await focusedCard(), id, `Ctrl+F ${id}: the card has the focus`);
  };
  const final = ids.at(-1);
  await findAndFocus(final);
  assert.equal(await page.locator(`[data-testid="node-${final}"] [data-testid="node-shape"]`).textContent(), textShape, `${final}, drawn by Ctrl+F, shows the last edit's shape`);
  // Tab from c0 walks the cards in graph order past the last one drawn at first: the view follows the focus and the
  // cards it brings in are drawn, focusable.
  await findAndFocus('c0');
  const walked = [];
  for (let i = 0; i < 120 && ids.indexOf(walked.at(-1) ?? 'c0') <= ids.indexOf(last); i++) {
    const before = await focusedCard();
    await page.keyboard.press('Tab');
    // A card brought into view takes the focus once drawn (a frame or two): wait for it before the next key.
    let id = await focusedCard();
    for (let t = 0; t < 50 && id === before; t++) {
      await page.waitForTimeout(20);
      id = await focusedCard();
    }
    if (id && id !== walked.at(-1)) walked.push(id);
  }
  assert.ok(ids.indexOf(walked.at(-1)) > ids.indexOf(last), `Tab reaches past ${last}, the last card drawn at first (walked ${walked.join(' ')})`);
  assert.deepEqual(walked, ids.slice(2, 2 + walked.length), 'Tab visits the cards in graph order');
  const box = await page.locator(`.react-flow__node[data-id="${walked.at(-1)}"]`).boundingBox();
  const canvas = await page.locator('[data-testid="canvas"]').boundingBox();
  assert.ok(box && box.y >= canvas.y - 1 && box.y + box.height <= canvas.y + canvas.height + 1, `the focused card ${walked.at(-1)} is in view`);
  console.log(`cards in the DOM: ${drawn.length} of ${ids.length}; Tab walked ${walked.length} cards to ${walked.at(-1)}`);

  const f = (xs) => xs.map((x) => x.toFixed(0)).join(' ');
  for (const [k, xs] of Object.entries(rows)) console.log(`${k.padEnd(15)} median ${median(xs).toFixed(1)} ms   (${f(xs)})`);
}
