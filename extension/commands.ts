/** The palette commands: New Network, Show Summary, Auto Layout, Fit View. */
import * as vscode from 'vscode';
import { parseGraphText } from '../engine/graph/parse';
import { analyzeGraph } from '../engine/shape/analyze';
import { formatSummary, summarize } from '../engine/shape/summary';
import { VIEW_TYPE, type GraphEditorProvider } from './graphEditorProvider';
import { log } from './log';
import { isGraphDocument } from './problemsPanel';
import { TEMPLATES } from './templates';

async function newNetwork(): Promise<void> {
  const pick = await vscode.window.showQuickPick(
    TEMPLATES.map((t) => ({ label: t.label, detail: t.detail, template: t })),
    { title: 'wiregrad: New Network', placeHolder: 'Start from a template' },
  );
  if (!pick) return;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    title: 'Save the new network as',
    defaultUri: folder ? vscode.Uri.joinPath(folder, `${pick.template.fileName}.nn.json`) : undefined,
    filters: { 'wiregrad network': ['nn.json'] },
  });
  if (!target) return;
  // VS Code's own save dialog (the one in the browser) appends the filter's "nn.json" to a typed "name.nn.json",
  // since it sees the extension ".json": one ".nn.json" whatever the dialog returns.
  const uri = target.with({ path: target.path.replace(/(\.nn\.json)+$|\.json$/, '') + '.nn.json' });
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(pick.template.text()));
  await vscode.commands.executeCommand('vscode.openWith', uri, VIEW_TYPE);
}

/** In the canvas: toggles its summary panel. In a text editor: prints the summary table to the output channel. */
function showSummary(editors: GraphEditorProvider): void {
  if (editors.command('show-summary')) return;
  const document = vscode.window.activeTextEditor?.document;
  if (!document || !isGraphDocument(document)) {
    void vscode.window.showInformationMessage('wiregrad: open a *.nn.json network first.');
    return;
  }
  const parsed = parseGraphText(document.getText());
  if (!parsed.graph) {
    void vscode.window.showErrorMessage(`wiregrad: ${parsed.problems[0]?.message ?? 'the file cannot be read'}`);
    return;
  }
  log().info('\n' + formatSummary(summarize(parsed.graph.name, analyzeGraph(parsed.graph)), { explain: false }));
  log().show(true);
}

function inCanvas(editors: GraphEditorProvider, command: 'auto-layout' | 'fit-view' | 'find-node', direction?: 'DOWN' | 'RIGHT'): void {
  if (!editors.command(command, direction)) void vscode.window.showInformationMessage('wiregrad: open a network in the graph editor first.');
}

export function registerCommands(editors: GraphEditorProvider): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('wiregrad.newNetwork', newNetwork),
    vscode.commands.registerCommand('wiregrad.showSummary', () => showSummary(editors)),
    vscode.commands.registerCommand('wiregrad.autoLayout', () => inCanvas(editors, 'auto-layout', 'DOWN')),
    vscode.commands.registerCommand('wiregrad.autoLayoutRight', () => inCanvas(editors, 'auto-layout', 'RIGHT')),
    vscode.commands.registerCommand('wiregrad.fitView', () => inCanvas(editors, 'fit-view')),
    vscode.commands.registerCommand('wiregrad.findNode', () => inCanvas(editors, 'find-node')),
  );
}
