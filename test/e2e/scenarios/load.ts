/**
 * Issue 12's load case: a generated 2,000-node graph opens, lays out and stays editable. Prints the times (no
 * timed assertion): Quick Open → first node drawn and → all 2,000 drawn; Layout ↓ (elkjs in the webview, then one
 * move intent written into the document) → the document dirty with the new positions; one attribute edit after
 * the layout → the first and the last node's labels, asserted against the CLI on the edited text. (The big
 * scenario measures repeated canvas and text edits on the same file; this one the layout and an edit after it.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { assert, waitForText, waitUntil } from '../harness/poll';
import { paramsLabel, shapeLabel, summarize } from '../harness/summary';
import { timeEdit } from '../harness/webview';
import { WORKSPACE_FILES } from '../harness/workspace';
import { openGraph, type E2E } from './context';

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
  const drawn = await waitUntil('all 2,000 nodes on the canvas', () => view.nodeIds().then((ids) => ids.length), (n) => n === 2000, 120_000);
  e2e.figure('2,000 nodes: Quick Open → all nodes drawn', Date.now() - t0, 'ms');
  assert(drawn === 2000, `the canvas shows ${drawn} nodes`);

  // Layout ↓: the webview lays the graph out and sends the positions as one move intent; the document turns dirty.
  const t1 = Date.now();
  await view.frame.locator('button', { hasText: 'Layout ↓' }).click();
  await e2e.workbench.waitForDirty(file, true, 180_000);
  e2e.figure('2,000 nodes: Layout ↓ → positions written into the document', Date.now() - t1, 'ms');

  // Still editable: one edit, and the first and the 2,000th node follow. The layout fitted all 2,000 nodes in view,
  // so c0 is a 10-pixel speck a pointer cannot hit reliably: it gets the click event React Flow selects on.
  await view.flowNode('c0').dispatchEvent('click');
  await view.attr('filters').waitFor({ timeout: 15_000 });
  const edit = await timeEdit(view, 'filters', '5', { c0: shapeLabel(summary.nodes[1].outputShape), [last.id]: shapeLabel(last.outputShape) });
  e2e.figure('2,000 nodes: edit c0.filters → all labels updated', edit.labels, 'ms');
  e2e.figure('2,000 nodes: edit → document back from VS Code', edit.received, 'ms');
  await waitForText(`${last.id} params`, view.paramsOf(last.id), paramsLabel(last));
  await e2e.screenshot('big-2000-laid-out-and-edited', view.canvas);
}

