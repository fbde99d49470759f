/**
 * Issue 4: the canvas follows VS Code's theme through its CSS variables. Switch between Default Light Modern and
 * Default Dark Modern with "Preferences: Color Theme", check the webview was told (body class) and its
 * background is light/dark, and keep a screenshot of the canvas in each for a human to look at.
 */
import type { FrameLocator } from 'playwright-core';
import { assert, waitUntil } from '../harness/poll';
import { WORKSPACE_FILES } from '../harness/workspace';
import { openGraph, type E2E } from './context';

/** Relative luminance (0 black … 1 white) of the canvas' painted background, walking up to the first opaque one. */
async function canvasLuminance(frame: FrameLocator): Promise<number> {
  return frame.locator('[data-testid="canvas"]').evaluate((el) => {
    for (let e: Element | null = el; e; e = e.parentElement) {
      const m = /rgba?\((\d+), (\d+), (\d+)(?:, ([\d.]+))?\)/.exec(getComputedStyle(e).backgroundColor);
      if (m && (m[4] === undefined || Number(m[4]) > 0.5)) {
        const [r, g, b] = [m[1], m[2], m[3]].map((c) => Number(c) / 255);
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      }
    }
    return -1;
  });
}

const THEMES = [
  { setting: 'Default Dark Modern', workbenchClass: 'vs-dark', bodyClass: 'vscode-dark', dark: true },
  { setting: 'Default Light Modern', workbenchClass: 'vs', bodyClass: 'vscode-light', dark: false },
];

export async function themesLightAndDark(e2e: E2E): Promise<void> {
  const { view } = await openGraph(e2e, WORKSPACE_FILES.themes);
  for (const theme of THEMES) {
    await e2e.workbench.setColorTheme(theme.setting);
    await waitUntil(`the workbench in ${theme.setting}`, () => e2e.page.locator('.monaco-workbench').getAttribute('class'), (c) => (c ?? '').split(' ').includes(theme.workbenchClass), 20_000);
    await waitUntil(`the webview told about ${theme.setting}`, () => view.themeKind(), (c) => c.split(' ').includes(theme.bodyClass));
    await e2e.page.waitForTimeout(300); // let the canvas repaint with the new variables
    const luminance = await canvasLuminance(view.frame);
    e2e.figure(`canvas background luminance, ${theme.setting}`, luminance.toFixed(2));
    assert(theme.dark ? luminance >= 0 && luminance < 0.35 : luminance > 0.65, `canvas background luminance ${luminance.toFixed(2)} does not fit ${theme.setting}`);
    const name = theme.dark ? 'canvas-dark' : 'canvas-light';
    await e2e.screenshot(name, view.canvas);
    await e2e.screenshot(`${name}-window`);
  }
}
