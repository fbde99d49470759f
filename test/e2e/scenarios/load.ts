/**
 * Issue 12's load case: a generated 2,000-node graph opens, lays out and stays editable. Prints the times (no
 * timed assertion): Quick Open → first node drawn and → every card measured (the DOM then keeps the cards in view);
 * Layout ↓ (elkjs in the webview, then one move intent written into the document) → the document dirty with the new
 * positions; one attribute edit after the layout → c0's and the last drawn card's labels, and the 2,000th node's
 * once Ctrl+F has drawn it, asserted against the CLI on the edited text. (The big
 * scenario measures repeated canvas and text edits on the same file; this one the layout and an edit after it.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { assert, waitForText, waitUntil } from '../harness/poll';
import { paramsLabel, shapeLabel, summarize } from '../harness/summary';
import { timeEdit, type GraphWebview } from '../harness/webview';
import { WORKSPACE_FILES } from '../harness/workspace';
import { openGraph, type E2E } from './context';

/** Ctrl+F in the canvas: types the id, Escape; the card is drawn, centred, selected and focused. */
async function findCard(e2e: E2E, view: GraphWebview, id: string): Promise<void> {
  await view.canvas.click({ position: { x: 5, y: 5 } });
  await e2e.page.keyboard.press('Control+f');
  await view.byTestId('find-input').waitFor({ timeout: 5000 });
  await e2e.page.keyboard.type(id);
  await e2e.page.keyboard.press('Escape');
  await view.flowNode(id).waitFor({ timeout: 15_000 });
  await waitUntil(`${id} selected`, () => view.flowNode(id).getAttribute('class'), (c) => (c ?? '').includes('selected'));
}

export async function load2000(e2e: E2E): Promise<void> {
  const file = WORKSPACE_FILES.big2000;
  const onDisk = path.join(e2e.workspace, file);
  const original = fs.readFileSync(onDisk, 'utf8');
  const editedFile = path.join(e2e.server.runDir, 'big-2000-edited.nn.json');
  fs.writeFileSync(editedFile, original.replace('"filters": 4', '"filters": 5'));
  const { summary } = await summarize(editedFile);
  assert(summary && summary.nodes.length === 2000, 'the CLI could not read the 2,000-node graph');
  const last = summary.nodes[summary.nodes.length - 1];

  const t0 = Date.now();
  const { view, ms } = await openGraph(e2e, file);
  e2e.figure('2,000 nodes: Quick Open → first node drawn', ms, 'ms');
  // React Flow draws every card once (to measure it), then keeps only those in view in the DOM.
  const drawn = await waitUntil('the cards in view, and only those, in the DOM', () => view.nodeIds().then((ids) => ids.length), (n) => n > 0 && n < 2000, 120_000);
  e2e.figure('2,000 nodes: Quick Open → every card measured, the cards in view kept', Date.now() - t0, 'ms');
  e2e.figure('2,000 nodes: cards in the DOM at the first view', drawn);

  // Layout ↓: the webview lays the graph out and sends the positions as one move intent; the document turns dirty.
  const t1 = Date.now();
  await view.frame.locator('button', { hasText: 'Layout ↓' }).click();
  await e2e.workbench.waitForDirty(file, true, 180_000);
  e2e.figure('2,000 nodes: Layout ↓ → positions written into the document', Date.now() - t1, 'ms');

  // Still editable: one edit, and the first and the 2,000th node follow. The layout fitted the graph at the minimum
  // zoom, centred on the middle of the chain: c0 is out of view, not drawn. Ctrl+F finds it: drawn, centred, selected.
  await findCard(e2e, view, 'c0');
  await view.attr('filters').waitFor({ timeout: 15_000 });
  // The targets: c0 and the last card drawn (the fitted view at the minimum zoom still leaves the chain's end out).
  const drawnIds = await view.nodeIds();
  const drawnLast = summary.nodes.find((n) => n.id === drawnIds.at(-1)) ?? last;
  const edit = await timeEdit(view, 'filters', '5', { c0: shapeLabel(summary.nodes[1].outputShape), [drawnLast.id]: shapeLabel(drawnLast.outputShape) });
  e2e.figure('2,000 nodes: edit c0.filters → every label drawn updated', edit.labels, 'ms');
  e2e.figure('2,000 nodes: edit → document back from VS Code', edit.received, 'ms');
  await e2e.screenshot('big-2000-laid-out-and-edited', view.canvas);
  // The 2,000th node, not drawn until asked for: Ctrl+F draws it, centred, with the edited graph's labels.
  await findCard(e2e, view, last.id);
  await waitForText(`${last.id} shape, found by Ctrl+F`, view.shapeOf(last.id), shapeLabel(last.outputShape), 30_000);
  await waitForText(`${last.id} params`, view.paramsOf(last.id), paramsLabel(last));
}

