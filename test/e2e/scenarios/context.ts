/** What every scenario gets: the page, VS Code's workbench, the server (settings, paths) and the workspace. */
import type { Page } from 'playwright-core';
import type { CodeServer } from '../harness/codeServer';
import type { ScenarioContext } from '../harness/suite';
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
  return { view, ms: Date.now() - t0 };
}
