/**
 * Issue 4, "the document is the model": with the canvas and a text editor on the same file side by side, a text
 * edit shows on the canvas at once and a canvas edit shows in the text, with no save in between.
 */
import fs from 'node:fs';
import path from 'node:path';
import { assert, waitForText, waitUntil } from '../harness/poll';
import { paramsLabel, shapeLabel, summarize } from '../harness/summary';
import { WORKSPACE_FILES } from '../harness/workspace';
import { openGraph, type E2E } from './context';

export async function textAndCanvasStayInSync(e2e: E2E): Promise<void> {
  const file = WORKSPACE_FILES.sync;
  const original = fs.readFileSync(path.join(e2e.workspace, file), 'utf8');
  const expectAt = async (filters: number) => {
    const edited = path.join(e2e.server.runDir, `sync-${filters}.nn.json`);
    fs.writeFileSync(edited, original.replace('"filters": 6', `"filters": ${filters}`));
    const { summary } = await summarize(edited);
    const c1 = summary?.nodes.find((n) => n.id === 'c1');
    assert(c1, 'the CLI could not read the edited graph');
    return c1;
  };

  const { view } = await openGraph(e2e, file);

  // Canvas → text: the inspector sets c1's filters to 10 (while the canvas has the whole width to click in).
  const c1At10 = await expectAt(10);
  await view.select('c1');
  await view.setAttr('filters', '10');
  await waitForText('c1 shape after the canvas edit', view.shapeOf('c1'), shapeLabel(c1At10.outputShape));

  // The same document as text beside the canvas shows the unsaved edit.
  await e2e.workbench.command('View: Split Editor Right');
  await e2e.workbench.command('View: Reopen Editor with Text Editor');
  await waitUntil('the text editor beside the canvas to show filters 10', () => e2e.workbench.editorText(), (t) => t.includes('"filters": 10,'));
  assert(fs.readFileSync(path.join(e2e.workspace, file), 'utf8') === original, 'the file on disk changed without a save');
  await view.waitForCanvas();

  // Text → canvas: replace c1's filters in the text editor (Find/Replace, all occurrences: there is one).
  const c1At8 = await expectAt(8);
  await e2e.page.locator('.editor-instance .monaco-editor .view-lines').first().click();
  await e2e.page.keyboard.press('Control+H');
  const find = e2e.page.locator('.find-widget.visible .find-part textarea, .find-widget.visible .find-part input').first();
  await find.fill('"filters": 10,');
  const replace = e2e.page.locator('.find-widget.visible .replace-part textarea, .find-widget.visible .replace-part input').first();
  await replace.fill('"filters": 8,');
  const t0 = Date.now();
  await e2e.page.keyboard.press('Control+Alt+Enter');
  await waitForText('c1 shape after the text edit', view.shapeOf('c1'), shapeLabel(c1At8.outputShape));
  await waitForText('c1 params after the text edit', view.paramsOf('c1'), paramsLabel(c1At8));
  e2e.figure('text edit → canvas label (page clock)', Date.now() - t0, 'ms');
  await e2e.page.keyboard.press('Escape');
  assert(fs.readFileSync(path.join(e2e.workspace, file), 'utf8') === original, 'the file on disk changed without a save');
  await e2e.page.locator('.editor-instance .monaco-editor .view-lines').first().click();
  await e2e.page.keyboard.press('Control+Home'); // show the text from its first column in the screenshot
  await e2e.screenshot('text-and-canvas-side-by-side');
}
