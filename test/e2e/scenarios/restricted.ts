/**
 * Workspace Trust in the real VS Code: a second code-server with trust on opens a workspace it does not trust, so
 * the window is in Restricted Mode (no prompt). There the designer opens and shows every shape (the CLI's labels),
 * while Train and Export are refused with the Restricted Mode message and nothing is written beside the graph. This
 * scenario starts its own server (trust on) and page, and stops both.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CodeServer } from '../harness/codeServer';
import { ARTIFACTS, EXAMPLES, VSIX } from '../harness/paths';
import { assert, assertEqual, waitUntil } from '../harness/poll';
import { freePort } from '../harness/processes';
import { paramsLabel, shapeLabel, summarize } from '../harness/summary';
import { GraphWebview } from '../harness/webview';
import { Workbench } from '../harness/workbench';
import type { E2E } from './context';

const FILE = 'untrusted.nn.json';
const RESTRICTED = /disabled in Restricted Mode/;

export async function restrictedMode(e2e: E2E): Promise<void> {
  const runDir = path.join(e2e.server.runDir, 'restricted');
  const workspace = path.join(runDir, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  fs.copyFileSync(path.join(EXAMPLES, 'lenet5.nn.json'), path.join(workspace, FILE));
  const server = new CodeServer(runDir, workspace, await freePort(), true);
  const page = await e2e.page.context().newPage();
  page.setDefaultTimeout(10_000);
  // A cold second server on a loaded machine: its first page load can take far longer than one step should.
  page.setDefaultNavigationTimeout(120_000);
  try {
    await server.installExtension(VSIX);
    await server.start();
    const workbench = new Workbench(page);
    await workbench.open(server.url, FILE);
    // VS Code says so in the status bar (and the banner): this window is in Restricted Mode.
    await page.locator('.statusbar-item', { hasText: /Restricted Mode/ }).first().waitFor({ timeout: 30_000 });

    const { summary } = await summarize(path.join(workspace, FILE));
    assert(summary, 'the CLI could not read the graph');
    await workbench.quickOpen(FILE);
    const view = new GraphWebview(page);
    await view.waitForCanvas();
    for (const node of summary.nodes) {
      assertEqual(await view.label(node.id), { type: node.type, shape: shapeLabel(node.outputShape), params: paramsLabel(node) }, `Restricted Mode: labels of '${node.id}'`);
    }
    e2e.log(`Restricted Mode: the designer shows all ${summary.nodes.length} nodes with the CLI's shapes and params`);

    const before = new Set(fs.readdirSync(workspace));
    const toast = (text: RegExp) => page.locator('.notification-toast').filter({ hasText: text }).first();
    await view.byTestId('export-onnx').click();
    await toast(/Exporting is disabled in Restricted Mode/).waitFor({ timeout: 15_000 });
    await view.byTestId('train-button').click();
    await toast(/Training is disabled in Restricted Mode/).waitFor({ timeout: 15_000 });
    const panelError = await waitUntil(
      'the training panel to say why',
      async () => ((await view.byTestId('training-panel').innerText({ timeout: 2000 })) ?? '').replace(/\s+/g, ' '),
      (t) => RESTRICTED.test(t),
    );
    e2e.log(`panel: ${panelError.slice(0, 160)}`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'restricted-mode.png') });
    const after = fs.readdirSync(workspace).filter((f) => !before.has(f));
    assertEqual(after, [], 'files written beside the graph in Restricted Mode');
    assert(!fs.existsSync(path.join(workspace, 'untrusted.onnx')), 'an ONNX file was exported in Restricted Mode');
  } finally {
    await page.close().catch(() => undefined);
    await server.stop();
  }
}
