/**
 * Issue 12's file faults in the real VS Code: the graph changed or deleted on disk while it is open and dirty in the
 * designer. Nothing may be written behind the user's back: the file keeps the bytes the other program wrote until
 * the user chooses (VS Code's conflict flow on save: Overwrite or Compare; or File: Revert File), and the canvas
 * shows, coherently, either the user's kept edit or the new content. A deleted file is recreated by Save with the
 * user's content, nothing lost. Expected labels come from the CLI on the same text.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { assert, assertEqual, waitForText, waitUntil } from '../harness/poll';
import { paramsLabel, shapeLabel, summarize, type Summary } from '../harness/summary';
import type { GraphWebview } from '../harness/webview';
import { WORKSPACE_FILES } from '../harness/workspace';
import { openGraph, type E2E } from './context';

/** The CLI's summary of `text` (written to a scratch file). */
async function summaryOf(e2e: E2E, text: string, name: string): Promise<Summary> {
  const file = path.join(e2e.server.runDir, `${name}-${Date.now()}.nn.json`);
  fs.writeFileSync(file, text);
  const { summary } = await summarize(file);
  assert(summary, `the CLI could not read ${name}`);
  return summary;
}

/** Every node's shape and params label on the canvas equals the CLI's for `expected` (the canvas is coherent). */
async function canvasShows(view: GraphWebview, expected: Summary, what: string): Promise<void> {
  for (const node of expected.nodes) {
    await waitForText(`${what}: ${node.id} shape`, view.shapeOf(node.id), shapeLabel(node.outputShape));
    await waitForText(`${what}: ${node.id} params`, view.paramsOf(node.id), paramsLabel(node));
  }
}

/** Sets c1's filters in the inspector and waits for the tab's unsaved-changes dot. */
async function editFilters(e2e: E2E, view: GraphWebview, file: string, filters: number): Promise<void> {
  await view.select('c1');
  await view.setAttr('filters', String(filters));
  await waitForText('c1 shape after the edit', view.shapeOf('c1'), `28×28×${filters}`);
  await e2e.workbench.waitForDirty(file, true);
}

/** The text another program writes: the graph renamed and f6 widened (a different size, so VS Code's etag differs). */
function editedElsewhere(text: string, units: number): string {
  const out = text.replace('"name": "LeNet-5"', `"name": "LeNet-5 (edited elsewhere, ${units})"`).replace(/"id": "f6", "type": "dense", "units": \d+/, `"id": "f6", "type": "dense", "units": ${units}`);
  assert(out !== text, 'the external edit did not change the text (the example changed?)');
  return out;
}

/** A notification toast or dialog whose text matches `text`, as VS Code shows save conflicts. */
function conflictUi(e2e: E2E, text: RegExp): Locator {
  return e2e.page.locator('.notification-toast, .monaco-dialog-box').filter({ hasText: text }).first();
}

/** Presses Ctrl+S with the focus in the canvas (the webview forwards it to the workbench). */
async function saveFromCanvas(view: GraphWebview): Promise<void> {
  await view.deselect();
  await view.page.keyboard.press('Control+S');
}

export async function changedOnDiskWhileDirty(e2e: E2E): Promise<void> {
  const file = WORKSPACE_FILES.conflict;
  const onDisk = path.join(e2e.workspace, file);
  const original = fs.readFileSync(onDisk, 'utf8');
  const { view } = await openGraph(e2e, file);

  // 1. The user edits (c1 filters 6 → 8, unsaved); another program rewrites the file meanwhile.
  await editFilters(e2e, view, file, 8);
  const external = editedElsewhere(original, 100);
  fs.writeFileSync(onDisk, external);
  const kept = await summaryOf(e2e, original.replace('"filters": 6', '"filters": 8'), 'kept');

  // 2. Save: VS Code must not overwrite the newer file; it reports the conflict and waits for the user.
  await saveFromCanvas(view);
  const conflict = conflictUi(e2e, /newer|changed on disk|has been changed/i);
  await conflict.waitFor({ timeout: 20_000 });
  const message = ((await conflict.innerText()) ?? '').replace(/\s+/g, ' ').trim();
  e2e.log(`VS Code: ${message.slice(0, 200)}`);
  assertEqual(fs.readFileSync(onDisk, 'utf8'), external, 'the file on disk after Save with a newer file there (it must keep the other program’s bytes)');
  assert(await e2e.workbench.isDirty(file), 'the editor lost its unsaved edit when the save was refused');
  await canvasShows(view, kept, 'while the conflict waits');
  await e2e.screenshot('conflict-on-save', undefined);

  // 3. The user chooses Overwrite: the file now holds exactly the user's document (the original with filters 8).
  const overwrite = conflict.locator('.monaco-button', { hasText: /^Overwrite$/ }).first();
  await overwrite.click();
  await waitUntil('the file to hold the user’s version after Overwrite', async () => fs.readFileSync(onDisk, 'utf8'), (t) => t === original.replace('"filters": 6', '"filters": 8'), 15_000);
  await e2e.workbench.waitForDirty(file, false);
  await canvasShows(view, kept, 'after Overwrite');

  // 4. Again, and this time the user takes the new content (File: Revert File): nothing is written, the canvas shows
  //    the other program's graph (f6 with 120 units: 120·120 + 120 = 14,520 parameters).
  await editFilters(e2e, view, file, 10);
  const external2 = editedElsewhere(fs.readFileSync(onDisk, 'utf8'), 120);
  fs.writeFileSync(onDisk, external2);
  await e2e.workbench.command('File: Revert File');
  await e2e.workbench.waitForDirty(file, false);
  const taken = await summaryOf(e2e, external2, 'taken');
  await canvasShows(view, taken, 'after Revert File');
  assertEqual(fs.readFileSync(onDisk, 'utf8'), external2, 'the file on disk after Revert File (a revert writes nothing)');
  assertEqual(await view.label('f6'), { type: 'dense', shape: '120', params: '14,520' }, 'f6 after taking the new content');
  // Leave the workspace copy as it was for a re-run from the kept profile.
  fs.writeFileSync(onDisk, original);
}

export async function deletedOnDiskWhileDirty(e2e: E2E): Promise<void> {
  const file = WORKSPACE_FILES.deleted;
  const onDisk = path.join(e2e.workspace, file);
  const original = fs.readFileSync(onDisk, 'utf8');
  const { view } = await openGraph(e2e, file);
  await editFilters(e2e, view, file, 8);
  fs.unlinkSync(onDisk);
  // VS Code marks the editor of a deleted file (strike-through title); the unsaved edit stays.
  const marked = await waitUntil(
    'VS Code to mark the tab as deleted',
    () => e2e.page.locator('.tab', { hasText: file }).first().evaluate((tab) => tab.querySelector('.strikethrough, .deleted') !== null || /deleted/i.test(tab.textContent ?? '') || /deleted/i.test(tab.getAttribute('aria-label') ?? '')),
    (v) => v,
    15_000,
  ).catch(() => false);
  e2e.log(marked ? 'the tab is marked as deleted' : 'the tab showed no deleted mark within 15 s (VS Code 1.100 marks it only with decorations on)');
  assert(!fs.existsSync(onDisk), 'the deleted file came back before the user saved');
  assert(await e2e.workbench.isDirty(file), 'the editor lost its unsaved edit when the file was deleted');
  const kept = await summaryOf(e2e, original.replace('"filters": 6', '"filters": 8'), 'deleted-kept');
  await canvasShows(view, kept, 'after the file was deleted');

  // Save recreates the file with the user's document, byte for byte.
  await saveFromCanvas(view);
  await waitUntil('Save to recreate the deleted file', async () => (fs.existsSync(onDisk) ? fs.readFileSync(onDisk, 'utf8') : ''), (t) => t === original.replace('"filters": 6', '"filters": 8'), 20_000);
  await e2e.workbench.waitForDirty(file, false);
  await canvasShows(view, kept, 'after Save recreated the file');
  fs.writeFileSync(onDisk, original);
}
