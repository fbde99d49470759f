/**
 * Issue 13: the designer's keys reach it inside a real VS Code (the workbench forwards a webview's keys to its own
 * keybindings first): Ctrl+F opens the canvas' find widget, the match is selected; A adds from the palette, Delete
 * deletes, the file follows; then the edits are reverted. No mouse after the
 * first click that gives the webview the focus.
 */
import path from 'node:path';
import fs from 'node:fs';
import { assert, waitUntil } from '../harness/poll';
import { WORKSPACE_FILES } from '../harness/workspace';
import { openGraph, type E2E } from './context';

export async function keyboardOnly(e2e: E2E): Promise<void> {
  const file = WORKSPACE_FILES.sync;
  const { view } = await openGraph(e2e, file);
  const keys = e2e.page.keyboard;
  const selected = () => view.frame.locator('.react-flow__node.selected').evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? ''));
  await view.deselect();

  await keys.press('Control+f');
  await view.byTestId('find-input').waitFor({ timeout: 5000 });
  await keys.type('s4');
  await waitUntil('s4 selected by the find widget', selected, (s) => s.join() === 's4');
  await keys.press('Escape');
  await keys.press('Escape');
  await waitUntil('nothing selected', selected, (s) => s.length === 0);

  const t0 = Date.now();
  await keys.press('a');
  await keys.type('dropout');
  await keys.press('Enter');
  const added = (await waitUntil('the added dropout selected', selected, (s) => s.length === 1 && s[0].startsWith('dropout')))[0];
  e2e.figure('keyboard add (A, type, Enter → card selected)', Date.now() - t0, 'ms');
  // Not checked here yet: C (connect) in real VS Code — the connect box lost the focus after 3–4 typed characters
  // in two runs (the webview scenario keyboardDesign, in chromium alone, connects fine); see the issue 13 report.
  await e2e.workbench.waitForDirty(file, true);
  await keys.press('Control+f');
  await keys.type(added);
  await keys.press('Escape');
  await keys.press('Delete');
  await view.node(added).waitFor({ state: 'detached', timeout: 10_000 });
  const onDisk = fs.readFileSync(path.join(e2e.workspace, file), 'utf8');
  assert(!onDisk.includes(added), 'nothing was saved: the file on disk is untouched');
}
