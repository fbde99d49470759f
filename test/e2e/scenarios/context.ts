/** What every scenario gets: the page, VS Code's workbench, the server (settings, paths) and the workspace. */
import type { Page } from 'playwright-core';
import type { CodeServer } from '../harness/codeServer';
import type { ScenarioContext } from '../harness/suite';
import { waitUntil } from '../harness/poll';
import { GraphWebview } from '../harness/webview';
import type { Workbench } from '../harness/workbench';

export interface E2E extends ScenarioContext {
  page: Page;
  workbench: Workbench;
  server: CodeServer;
  workspace: string;
}

/** Opens a workspace file in our custom editor and waits for its canvas to draw nodes. */
export async function openGraph(e2e: E2E, fileName: string, timeoutMs?: number): Promise<{ view: GraphWebview; ms: number }> {
  const t0 = Date.now();
  await e2e.workbench.quickOpen(fileName);
  const view = new GraphWebview(e2e.page);
  await view.waitForCanvas(timeoutMs);
  const ms = Date.now() - t0;
  // VS Code hands the keyboard to a webview editor once its frame has loaded, a moment after the canvas draws; a
  // quick input opened before that (the next step's F1, or a command's own question) loses the focus to it and
  // closes. Wait for the hand-over (a file opened without the focus never gets it: then go on after a while).
  await waitUntil('the graph editor to take the keyboard', () => e2e.page.evaluate(() => document.activeElement?.tagName === 'IFRAME'), (focused) => focused, 3000).catch(() => undefined);
  return { view, ms };
}
