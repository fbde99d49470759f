/**
 * wiregrad's VS Code entry: only wiring. Activation registers the graph editor, the Problems panel, the status
 * bar and the commands; the work happens when a `*.nn.json` file is opened.
 */
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { registerDiagramCommands } from './diagram/diagramExport';
import { AnalysisCache } from './document/analysisCache';
import { registerExportCommands, setExtensionRoot } from './exportCommands';
import { GraphEditorProvider, VIEW_TYPE } from './graphEditorProvider';
import { log } from './log';
import { AFTER_TYPING_MS, ProblemsPanel } from './problemsPanel';
import { GraphStatusBar } from './statusBar';
import { registerTraining } from './training/trainingCommands';

export function activate(context: vscode.ExtensionContext): void {
  const cache = new AnalysisCache();
  const editors = new GraphEditorProvider(context.extensionUri, cache);
  const statusBar = new GraphStatusBar(cache);
  const problems = new ProblemsPanel(cache);

  const activeDocument = () => editors.activeDocument ?? vscode.window.activeTextEditor?.document;
  const refreshStatus = () => statusBar.show(activeDocument());
  // On a text change the status bar reads the document (parse + analysis) after a pause, not in the change event:
  // this listener runs before the graph editors' own, and the canvas should get the new text first (and the Problems
  // panel, after the same pause, then finds the analysis in the cache).
  let statusTimer: ReturnType<typeof setTimeout> | undefined;
  const refreshStatusSoon = () => {
    clearTimeout(statusTimer);
    statusTimer = setTimeout(refreshStatus, AFTER_TYPING_MS);
  };
  setExtensionRoot(context.extensionPath);
  context.subscriptions.push(
    log(),
    statusBar,
    vscode.window.registerCustomEditorProvider(VIEW_TYPE, editors, {
      webviewOptions: { retainContextWhenHidden: true },
      supportsMultipleEditorsPerDocument: true,
    }),
    problems.register(),
    registerCommands(editors),
    registerTraining(context, editors),
    registerExportCommands(activeDocument),
    registerDiagramCommands(activeDocument, editors.rasterize),
    editors.onDidChangeActive(refreshStatus),
    vscode.window.onDidChangeActiveTextEditor(refreshStatus),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === (editors.activeDocument ?? vscode.window.activeTextEditor?.document)) refreshStatusSoon();
    }),
    { dispose: () => clearTimeout(statusTimer) },
  );
  refreshStatus();
}

export function deactivate(): void {}
