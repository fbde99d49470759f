/**
 * Issue 4: the shape engine's fixes are also Quick Fixes (code actions) in a plain text editor on the same file.
 * Reopen the graph as text, jump to the problem (F8), Ctrl+. and pick the fix by its title: the text changes to
 * the fixed attribute and the Problems panel no longer lists the warning.
 */
import path from 'node:path';
import { assert, waitUntil } from '../harness/poll';
import { summarize } from '../harness/summary';
import { WORKSPACE_FILES } from '../harness/workspace';
import { openGraph, type E2E } from './context';

export async function quickFixInTextEditor(e2e: E2E): Promise<void> {
  const file = WORKSPACE_FILES.strideWarning;
  const { summary } = await summarize(path.join(e2e.workspace, file));
  const warning = summary?.diagnostics.find((d) => d.node === 'conv' && d.code === 'stride-does-not-tile');
  assert(warning && warning.fixes.length > 0, `the CLI reports no fixable stride warning for ${file}`);
  const fix = warning.fixes[0];
  const edit = fix.edits.find((e) => e.kind === 'set-attribute');
  assert(edit?.attribute, `the first fix is not an attribute change: ${JSON.stringify(fix)}`);
  await applyQuickFix(e2e, file, fix.title, `"${edit.attribute}": ${JSON.stringify(edit.value)}`, 'does not tile');
}

/**
 * Issue 13: a problem inside a module (a/conv and b/conv, both copies of module m's conv) is on the definition's
 * line, and its Quick Fix edits the definition: both uses are fixed at once.
 */
export async function quickFixInModule(e2e: E2E): Promise<void> {
  const file = WORKSPACE_FILES.moduleFix;
  const { summary } = await summarize(path.join(e2e.workspace, file));
  const warning = summary?.diagnostics.find((d) => d.node === 'a/conv' && d.code === 'stride-does-not-tile');
  assert(warning && warning.fixes.length > 0, `the CLI reports no fixable stride warning inside module m of ${file}`);
  const fix = warning.fixes[0];
  assert(fix.edits[0]?.kind === 'set-module-attribute', `the first fix does not edit the module's definition: ${JSON.stringify(fix)}`);
  // The rows of this file's problems name the use's path; other files' rows (an earlier scenario's) do not.
  await applyQuickFix(e2e, file, fix.title, '{ "id": "conv", "type": "conv2d", "filters": 2, "kernel": 3, "stride": 3, "padding": 1 }', 'a/conv: Stride 3 does not tile');
}

/**
 * Reopens `file` as text, jumps to its problem, picks the Quick Fix `fixTitle`: the text then holds `fixedText`, and
 * no Problems row says `problem` any more.
 */
async function applyQuickFix(e2e: E2E, file: string, fixTitle: string, fixedText: string, problem: string): Promise<void> {
  await openGraph(e2e, file); // "Reopen with Text Editor" is offered once the custom editor is the active one
  await e2e.workbench.command('View: Reopen Editor with Text Editor');
  const editor = e2e.page.locator('.editor-instance .monaco-editor').first();
  await waitUntil('the graph as text', () => e2e.workbench.editorText(), (t) => t.includes('"stride": 3'));
  await e2e.workbench.waitForProblems((rows) => rows.some((r) => r.includes(problem)));

  // The cursor goes to the start of the problem's range; Escape closes the peek view, the cursor stays.
  await editor.locator('.view-lines').click({ position: { x: 2, y: 2 } });
  await e2e.workbench.command('Go to Next Problem (Error, Warning, Info)');
  await e2e.page.keyboard.press('Escape');
  // Code actions are computed asynchronously after the diagnostics arrive: ask again if the first answer is empty.
  const action = e2e.page.locator('.action-widget .monaco-list-row', { hasText: fixTitle });
  await waitUntil(`the Quick Fix "${fixTitle}" in the Ctrl+. menu`, async () => {
    if (await action.count()) return true;
    await e2e.page.keyboard.press('Escape');
    await e2e.page.keyboard.press('Control+.');
    await action.first().waitFor({ timeout: 2000 }).catch(() => undefined);
    return (await action.count()) > 0;
  }, (found) => found, 15_000);
  const offered = await e2e.page.locator('.action-widget .monaco-list-row').allInnerTexts();
  e2e.log(`Quick Fixes offered: ${offered.map((t) => t.trim()).join(' | ')}`);
  // The menu is driven by the keyboard (a mouse click races its open animation): move the focus to the fix, Enter.
  for (let i = 0; i < offered.length; i++) {
    const focused = await e2e.page.locator('.action-widget .monaco-list-row.focused').getAttribute('aria-label');
    if (focused?.endsWith(fixTitle)) break; // the extension may prefix its name ("wiregrad: …")
    await e2e.page.keyboard.press('ArrowDown');
  }
  await e2e.page.keyboard.press('Enter');

  await waitUntil(`the text to hold ${fixedText} after "${fixTitle}"`, () => e2e.workbench.editorText(), (t) => t.includes(fixedText));
  await e2e.workbench.waitForProblems((rows) => !rows.some((r) => r.includes(problem)));
  await e2e.screenshot(`text-quick-fix-applied-${path.basename(file, '.nn.json')}`);
}
