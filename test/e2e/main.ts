/**
 * The real-VS-Code end-to-end suite: build and package the extension, install it into a fresh code-server
 * profile, start ONE server and ONE page, run every scenario of issues 4, 5 and 12 on it (the Restricted Mode one
 * starts its own server with Workspace Trust on), stop the server by its
 * process group (on failure too), print figures and "N passed, M failed". Run it with `npm run test:e2e`
 * (test/e2e/run.mjs bundles this file); prerequisites come from scripts/e2e/install.sh.
 *
 * WIREGRAD_E2E_ONLY=labels,edit runs a subset while iterating; CI always runs all.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, type Browser } from './harness/browser';
import { buildAndPackage, keepPackage } from './harness/build';
import { CodeServer } from './harness/codeServer';
import { residentMegabytes } from './harness/memory';
import { ARTIFACTS, ROOT } from './harness/paths';
import { missingPrerequisites } from './harness/prerequisites';
import { freePort } from './harness/processes';
import { Suite } from './harness/suite';
import { Workbench } from './harness/workbench';
import { createWorkspace, WORKSPACE_FILES } from './harness/workspace';
import type { E2E } from './scenarios/context';
import { backpropLab } from './scenarios/backpropLab';
import { expandIntoGates } from './scenarios/expandGates';
import { bigGraphEdit } from './scenarios/bigGraph';
import { load2000 } from './scenarios/load';
import { changedOnDiskWhileDirty, deletedOnDiskWhileDirty } from './scenarios/diskChanges';
import { restrictedMode } from './scenarios/restricted';
import { closeEditorDuringRun, reloadDuringRun } from './scenarios/trainingInterrupted';
import { editFixUndoSave } from './scenarios/editFixUndoSave';
import { labelsMatchSummary } from './scenarios/labels';
import { malformedShowsErrorView } from './scenarios/malformed';
import { textAndCanvasStayInSync } from './scenarios/textCanvasSync';
import { quickFixInModule, quickFixInTextEditor } from './scenarios/textQuickFix';
import { diagramExport } from './scenarios/diagramExport';
import { highContrastThemes } from './scenarios/highContrast';
import { keyboardOnly } from './scenarios/keyboardOnly';
import { modulesInVsCode } from './scenarios/modules';
import { themesLightAndDark } from './scenarios/themes';
import { cancelLongRun, trainTinyNetwork } from './scenarios/training';
import { exportButtons, noTorch, trainWithPytorch, writePytorchWorkspace } from './scenarios/pytorch';

interface Scenario {
  key: string;
  name: string;
  body: (e2e: E2E) => Promise<void>;
  /** A data-testid the feature's UI must contain; until the built webview has it, the scenario is PENDING. */
  needs?: string;
  /** Why the scenario cannot run on this machine (e.g. "skipped: no torch (…)"), or null; reported as PENDING. */
  cannotRun?: () => string | null;
}

const SCENARIOS: Scenario[] = [
  { key: 'labels', name: 'open lenet5: node labels equal wiregrad summary', body: labelsMatchSummary },
  { key: 'edit', name: 'palette conv2d, connect, stride, Problems, fix, Ctrl+Z, Ctrl+S, minimal diff', body: editFixUndoSave },
  { key: 'sync', name: 'text editor and canvas side by side stay in sync', body: textAndCanvasStayInSync },
  { key: 'quickfix', name: 'Quick Fix in the text editor', body: quickFixInTextEditor },
  { key: 'quickfix-module', name: 'Quick Fix of a problem inside a module: the definition line is fixed, for both uses', body: quickFixInModule },
  { key: 'malformed', name: 'malformed file: error view, file untouched', body: malformedShowsErrorView },
  { key: 'themes', name: 'canvas in light and dark theme', body: themesLightAndDark },
  { key: 'diagram', name: 'Export Diagram as SVG and PNG: the engine’s bytes, a 2× PNG from the webview', body: diagramExport },
  { key: 'keys', name: 'keyboard only: Ctrl+F finds, A adds, Enter edits, C connects, Delete deletes; names of cards and handles', body: keyboardOnly },
  { key: 'contrast', name: 'canvas in both high-contrast themes', body: highContrastThemes },
  { key: 'big', name: '500-node graph: one edit, every label follows', body: bigGraphEdit },
  { key: 'modules', name: 'resnet18-modules: expand a use, edit its definition in the inspector, every use follows the CLI, undo; Group into module', body: modulesInVsCode, needs: 'shared-definition' },
  { key: 'train', name: 'train a tiny network to the end', body: trainTinyNetwork, needs: 'train-button' },
  { key: 'cancel', name: 'cancel a long training run', body: cancelLongRun, needs: 'stop-button' },
  { key: 'conflict', name: 'graph changed on disk while dirty: conflict on save, Overwrite, Revert File; no silent overwrite', body: changedOnDiskWhileDirty },
  { key: 'deleted', name: 'graph deleted on disk while dirty: Save recreates it, nothing lost', body: deletedOnDiskWhileDirty },
  { key: 'close-run', name: 'editor closed during a run: the run goes on, reopening shows it, Stop works, weights intact', body: closeEditorDuringRun, needs: 'stop-button' },
  { key: 'reload-run', name: 'window reloaded during a run: the run stops, weights intact, Resume continues', body: reloadDuringRun, needs: 'resume-button' },
  { key: 'restricted', name: 'Restricted Mode: designer shows shapes; Train and Export refused with a message', body: restrictedMode },
  { key: 'load2000', name: '2,000-node graph: opens, lays out, stays editable (times printed)', body: load2000 },
  { key: 'export', name: 'toolbar Export ONNX and Export PyTorch: files on disk, ONNX runs in onnxruntime, model.py opens', body: exportButtons },
  { key: 'torch', name: 'Train with PyTorch: tiny MNIST, charts fill, run finishes, weights written back', body: trainWithPytorch, needs: 'engine-select', cannotRun: noTorch },
  { key: 'backprop', name: 'backprop lab: (x + y)·z template, step backward, gradients −4, −4, 3 on the wires', body: backpropLab },
  { key: 'gates', name: 'Expand into gates on xor-mlp\'s 2 × 3 dense node: the expression graph and its f', body: expandIntoGates },
];

function selectedScenarios(): Scenario[] {
  const only = process.env.WIREGRAD_E2E_ONLY?.split(',').map((s) => s.trim()).filter(Boolean);
  return only?.length ? SCENARIOS.filter((s) => only.includes(s.key)) : SCENARIOS;
}

/** Keeps the server's and the extension host's logs with the screenshots (CI shows them on failure). */
function collectLogs(server: CodeServer): void {
  const dest = path.join(ARTIFACTS, 'logs');
  fs.mkdirSync(dest, { recursive: true });
  if (fs.existsSync(server.logFile)) fs.copyFileSync(server.logFile, path.join(dest, 'code-server.log'));
  const walk = (dir: string): void => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/exthost|wiregrad|remoteagent|sharedprocess/i.test(full) && entry.name.endsWith('.log')) {
        fs.copyFileSync(full, path.join(dest, path.relative(server.userDir, full).replace(/[\\/]/g, '__')));
      }
    }
  };
  walk(path.join(server.userDir, 'logs'));
}

async function main(): Promise<number> {
  let page: Page | undefined;
  const suite = new Suite(() => page);
  const missing = missingPrerequisites();
  if (missing.length) {
    suite.fail('prerequisites', `the end-to-end suite cannot run:\n${missing.join('\n')}`);
    return suite.finish();
  }

  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiregrad-e2e-'));
  const workspace = path.join(runDir, 'workspace');
  const server = new CodeServer(runDir, workspace, await freePort());
  let browser: Browser | undefined;
  const shutdown = async (): Promise<void> => {
    await browser?.close();
    await server.stop();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void shutdown().finally(() => process.exit(130)));
  }

  try {
    let t0 = Date.now();
    const { vsix, vsixBytes } = await buildAndPackage();
    suite.figure('npm run package (build + vsce)', Date.now() - t0, 'ms');
    suite.figure('wiregrad.vsix size', Math.round(vsixBytes / 1024), 'KiB');
    suite.log(`packaged ${path.relative(ROOT, vsix)}`);

    createWorkspace(workspace);
    writePytorchWorkspace(workspace);
    t0 = Date.now();
    await server.installExtension(vsix);
    keepPackage(vsix);
    suite.figure('code-server --install-extension', Date.now() - t0, 'ms');
    t0 = Date.now();
    await server.start();
    suite.figure('code-server start → /healthz', Date.now() - t0, 'ms');
    suite.log(`code-server pid ${server.pid} on ${server.url}`);

    browser = await launchBrowser(runDir);
    page = browser.page;
    page.on('pageerror', (e) => suite.log(`  [pageerror] ${e.message.slice(0, 200)}`));
    page.on('console', (m) => { if (m.type() === 'error') suite.consoleError(m.text()); });
    const workbench = new Workbench(page);
    t0 = Date.now();
    await workbench.open(server.url, WORKSPACE_FILES.labels);
    suite.figure('browser → workbench ready', Date.now() - t0, 'ms');

    const webviewBundle = path.join(ROOT, 'dist', 'webview', 'main.js');
    const built = fs.existsSync(webviewBundle) ? fs.readFileSync(webviewBundle, 'utf8') : '';
    for (const scenario of selectedScenarios()) {
      if (scenario.needs && !built.includes(scenario.needs)) {
        suite.pending(scenario.name, `dist/webview/main.js has no "${scenario.needs}" yet`);
        continue;
      }
      const why = scenario.cannotRun?.();
      if (why) {
        suite.pending(scenario.name, why);
        continue;
      }
      await suite.scenario(
        scenario.name,
        (ctx) => scenario.body({ ...ctx, page: page!, workbench, server, workspace }),
        async () => {
          await workbench.closeAllEditors();
          await workbench.closePanel();
        },
      );
    }
    const memory = residentMegabytes(server.pid, path.join(runDir, 'chromium-profile'));
    suite.figure('RSS code-server (all processes) at the end', memory.server, 'MB');
    suite.figure('RSS chromium at the end', memory.chromium, 'MB');
  } catch (e) {
    suite.fail('suite setup', e);
    if (page) await suite.screenshot('FAILED-suite-setup').catch(() => undefined);
  } finally {
    await shutdown();
    collectLogs(server);
  }
  const code = suite.finish();
  // Keep the scratch profile of a failed run for a post-mortem; a green one is removed.
  if (code === 0) fs.rmSync(runDir, { recursive: true, force: true });
  else console.log(`scratch profile and workspace kept in ${runDir}`);
  return code;
}

process.exit(await main());
