/**
 * Issue 13: designing with the keyboard only inside a real VS Code (the workbench forwards a webview's keys to its
 * own keybindings first). Cards and handles have accessible names; Ctrl+F finds and selects, Escape leaves the focus
 * on the match; A adds from the palette (the block arrives selected and focused); Enter edits its first attribute;
 * C connects the selected node to one picked by typing its whole id; Ctrl+S saves the edge and the attribute; Delete
 * deletes; saved again, the file is byte for byte what it was. No mouse after the first click that gives the webview
 * the focus. The editor must never show its error view on the way (React error #185 once replaced it mid-scenario,
 * and a node "gone" from a failed editor looked deleted).
 */
import path from 'node:path';
import fs from 'node:fs';
import { assert, waitUntil } from '../harness/poll';
import { WORKSPACE_FILES } from '../harness/workspace';
import { openGraph, type E2E } from './context';

interface SavedGraph {
  readonly nodes: readonly { readonly id: string; readonly rate?: unknown }[];
  readonly edges: readonly { readonly from: string; readonly to: string }[];
}

export async function keyboardOnly(e2e: E2E): Promise<void> {
  const file = WORKSPACE_FILES.sync;
  const onDisk = path.join(e2e.workspace, file);
  const original = fs.readFileSync(onDisk, 'utf8');
  const { view } = await openGraph(e2e, file);
  const keys = e2e.page.keyboard;
  const selected = () => view.frame.locator('.react-flow__node.selected').evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? ''));
  // The focused card's id, or the data-testid / tag of whatever else has the focus inside the webview.
  const focused = () =>
    view.frame.locator('body').evaluate((body) => {
      const active = body.ownerDocument.activeElement;
      return active?.closest('.react-flow__node')?.getAttribute('data-id') ?? active?.getAttribute('data-testid') ?? active?.tagName ?? '';
    });
  const noErrorView = async (when: string) => assert((await view.frame.locator('.error-view').count()) === 0, `the editor shows its error view ${when}`);

  // Accessible names of a card and its two handles.
  assert((await view.flowNode('s4').getAttribute('aria-label')) === 'maxpool2d block s4', 'the s4 card is named "maxpool2d block s4"');
  const handles = await view.flowNode('s4').locator('.react-flow__handle').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  assert(handles.sort().join() === 'input of s4,output of s4', `the s4 handles are named: ${handles.join(', ')}`);

  await view.deselect();
  await keys.press('Control+f');
  await view.byTestId('find-input').waitFor({ timeout: 5000 });
  await keys.type('s4');
  await waitUntil('s4 selected by the find widget', selected, (s) => s.join() === 's4');
  await keys.press('Escape');
  await waitUntil('the focus on the s4 card', focused, (f) => f === 's4');
  await keys.press('Escape');
  await waitUntil('nothing selected', selected, (s) => s.length === 0);

  const t0 = Date.now();
  await keys.press('a');
  await keys.type('dropout');
  await keys.press('Enter');
  const added = (await waitUntil('the added dropout selected', selected, (s) => s.length === 1 && s[0].startsWith('dropout')))[0];
  e2e.figure('keyboard add (A, type, Enter → card selected)', Date.now() - t0, 'ms');
  await waitUntil(`the focus on the ${added} card`, focused, (f) => f === added);
  await e2e.workbench.waitForDirty(file, true);

  // Edit: Enter goes to the inspector's first attribute, Enter commits, Escape comes back to the card.
  await keys.press('Enter');
  await waitUntil('the rate box focused', focused, (f) => f === 'attr-rate');
  await keys.press('Control+a');
  await keys.type('0.3');
  await keys.press('Enter');
  await waitUntil(`${added}'s card says 0.3`, () => view.node(added).locator('.card-attrs').textContent(), (t) => (t ?? '').includes('0.3'));
  await keys.press('Escape');
  await waitUntil(`the focus back on the ${added} card`, focused, (f) => f === added);

  // Connect s4 → the dropout: find s4, Escape (the focus on it), C, the whole target id, Enter.
  await keys.press('Control+f');
  await keys.type('s4');
  await keys.press('Escape');
  await waitUntil('the focus on the s4 card', focused, (f) => f === 's4');
  await keys.press('c');
  await waitUntil('the connect box from s4', () => view.byTestId('find-widget').textContent(), (t) => /s4 →/.test(t ?? ''));
  await keys.type(added);
  // Every character reached the box (it used to lose the focus after three or four).
  await waitUntil('the whole target id in the connect box', () => view.byTestId('find-input').inputValue(), (v) => v === added);
  await waitUntil('the target found', () => view.byTestId('find-count').textContent(), (t) => (t ?? '').startsWith('1 of 1'));
  await keys.press('Enter');
  // The labels: the edge carries s4's output shape, and the dropout (shape-preserving) now has it too.
  await waitUntil(`the edge label s4 → ${added}`, () => view.byTestId(`edge-label-s4-${added}`).textContent().catch(() => null), (t) => t === '5×5×16');
  await waitUntil(`${added}'s shape`, () => view.shapeOf(added).textContent(), (t) => t === '5×5×16');
  await noErrorView('after connecting');

  await keys.press('Control+S');
  await e2e.workbench.waitForDirty(file, false);
  const saved = JSON.parse(await waitUntil('the file on disk to change', async () => fs.readFileSync(onDisk, 'utf8'), (t) => t !== original)) as SavedGraph;
  assert(saved.edges.some((e) => e.from === 's4' && e.to === added), `the saved file has the edge s4 → ${added}`);
  assert(saved.nodes.find((n) => n.id === added)?.rate === 0.3, `the saved file has ${added} with rate 0.3`);

  // Delete: find the dropout, Escape to its card, Delete; saved, the file is what it was before the scenario.
  await keys.press('Control+f');
  await keys.type(added);
  await keys.press('Escape');
  await waitUntil(`the focus on the ${added} card`, focused, (f) => f === added);
  await keys.press('Delete');
  await view.node(added).waitFor({ state: 'detached', timeout: 10_000 });
  await noErrorView('after deleting');
  assert((await view.byTestId(`edge-label-s4-${added}`).count()) === 0, `the edge s4 → ${added} went with its node`);
  await keys.press('Control+S');
  await e2e.workbench.waitForDirty(file, false);
  await waitUntil('the file on disk back to its original text', async () => fs.readFileSync(onDisk, 'utf8'), (t) => t === original);
}
