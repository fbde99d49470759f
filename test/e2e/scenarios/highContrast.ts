/**
 * Issue 13: both high-contrast themes ("Default High Contrast" and "Default High Contrast Light") draw the designer
 * with the theme's contrast borders. Switches the theme as a user does, opens the summary, selects a node, checks
 * that every card has a solid border, and keeps screenshots (test-artifacts/ and media/) for a human to look at.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ARTIFACTS, ROOT } from '../harness/paths';
import { assert, waitUntil } from '../harness/poll';
import { WORKSPACE_FILES } from '../harness/workspace';
import { openGraph, type E2E } from './context';

const THEMES = [
  { label: 'Default High Contrast', workbenchClass: 'hc-black', bodyClass: 'vscode-high-contrast', shot: 'canvas-hc-dark' },
  { label: 'Default High Contrast Light', workbenchClass: 'hc-light', bodyClass: 'vscode-high-contrast-light', shot: 'canvas-hc-light' },
];

export async function highContrastThemes(e2e: E2E): Promise<void> {
  const { view } = await openGraph(e2e, WORKSPACE_FILES.labels);
  await view.byTestId('toggle-summary').click();
  await view.byTestId('summary-panel').waitFor();
  await view.select('c3');
  try {
    for (const theme of THEMES) {
      await e2e.workbench.setColorTheme(theme.label);
      await waitUntil(`the workbench in ${theme.label}`, () => e2e.page.locator('.monaco-workbench').getAttribute('class'), (c) => (c ?? '').split(' ').includes(theme.workbenchClass), 20_000);
      await waitUntil(`the webview told about ${theme.label}`, () => view.themeKind(), (c) => c.split(' ').includes(theme.bodyClass));
      await e2e.page.waitForTimeout(400);
      // Every card is outlined in the theme's contrast border (a high-contrast theme draws shapes by their borders).
      const borders = await view.frame.locator('.card').evaluateAll((els) => {
        const contrast = getComputedStyle(document.documentElement).getPropertyValue('--vscode-contrastBorder').trim();
        return { contrast, styles: els.map((e) => `${getComputedStyle(e).borderTopStyle} ${getComputedStyle(e).borderTopWidth}`) };
      });
      e2e.figure(`contrastBorder in ${theme.label}`, borders.contrast || '(none)');
      assert(borders.styles.every((s) => s.startsWith('solid') && parseFloat(s.split(' ')[1]) >= 1), `cards without a solid border in ${theme.label}: ${borders.styles.join(', ')}`);
      const name = theme.shot;
      await e2e.screenshot(name, view.canvas);
      const window = await e2e.screenshot(`${name}-window`);
      fs.copyFileSync(window, path.join(ROOT, 'media', `editor-${name.replace('canvas-', '')}.png`));
    }
  } finally {
    await e2e.workbench.setColorTheme('Default Light Modern');
  }
  assert(fs.existsSync(path.join(ARTIFACTS, 'canvas-hc-light-window.png')), 'no screenshot written');
}
