/**
 * Export from the editor (toolbar buttons and the "wiregrad: Export to …" commands): saves the document, writes the
 * export through the same engine code as `wiregrad export`, then opens what was written. Errors say what to do.
 * One row per target in EXPORTS.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { writeOnnx } from '../engine/export/onnx/writeOnnx';
import { exportPytorch } from '../engine/export/pytorch/exportPytorch';
import { exportWeights } from '../engine/export/weightsSource';
import { parseGraphText } from '../engine/graph/parse';
import { readTextCapped } from '../engine/io/readCapped';
import { analyzeGraph } from '../engine/shape/analyze';
import { log } from './log';
import type { ExportTarget } from './protocol';
import { restrictedReason } from './trust';

interface Exported {
  /** Text files to open in editors afterwards. */
  readonly open: readonly string[];
  /** A binary file to show in the Explorer afterwards. */
  readonly reveal?: string;
  /** Where the export went, for the message. */
  readonly where: string;
  readonly notes: readonly string[];
}

const EXPORTS: Readonly<Record<ExportTarget, { readonly title: string; run(graphFile: string, dataDir: string): Promise<Exported> }>> = {
  pytorch: {
    title: 'PyTorch',
    async run(graphFile, dataDir) {
      const r = await exportPytorch({ graphFile, dataDir });
      return { open: [path.join(r.outDir, 'model.py'), path.join(r.outDir, 'train.py')], where: r.outDir, notes: r.notes };
    },
  },
  onnx: {
    title: 'ONNX',
    async run(graphFile) {
      const parsed = parseGraphText(readTextCapped(graphFile));
      if (!parsed.graph) throw new Error(`${path.basename(graphFile)}: ${parsed.problems[0]?.message ?? 'not a graph file'}; fix the file first`);
      const analysis = analyzeGraph(parsed.graph);
      const first = analysis.diagnostics.find((d) => d.severity === 'error');
      if (first) throw new Error(`the graph has errors (${first.node ? `node '${first.node}': ` : ''}${first.message}); fix them (see the Problems panel) before exporting`);
      const weights = exportWeights(graphFile, parsed.graph, analysis);
      const out = graphFile.replace(/\.nn\.json$|\.json$/i, '') + '.onnx';
      writeOnnx(out, parsed.graph, analysis, weights);
      return { open: [], reveal: out, where: out, notes: weights.source === 'fresh' ? [`it holds ${weights.description}`] : [] };
    },
  },
};

let extensionRoot = '';

/** Remembers where the bundled data files are (dist/data of the extension), for exports that include a data set. */
export function setExtensionRoot(root: string): void {
  extensionRoot = root;
}

export async function exportDocument(document: vscode.TextDocument | undefined, target: ExportTarget): Promise<void> {
  const spec = EXPORTS[target];
  if (!document || !document.uri.path.endsWith('.nn.json')) {
    void vscode.window.showInformationMessage(`wiregrad: open a *.nn.json network to export it to ${spec.title}.`);
    return;
  }
  // Restricted Mode: an export reads the weights beside the graph and writes files; only a trusted workspace may.
  const restricted = restrictedReason(vscode.workspace.isTrusted, 'export');
  if (restricted) {
    void vscode.window.showWarningMessage(`wiregrad: ${restricted}`);
    return;
  }
  if (document.uri.scheme !== 'file') {
    void vscode.window.showErrorMessage(`wiregrad: save the network to a file on disk before exporting it to ${spec.title}.`);
    return;
  }
  if (document.isDirty && !(await document.save())) {
    void vscode.window.showErrorMessage('wiregrad: the file could not be saved before exporting; save it, then export again.');
    return;
  }
  try {
    const exported = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Exporting ${path.basename(document.uri.fsPath)} to ${spec.title}…` },
      () => spec.run(document.uri.fsPath, path.join(extensionRoot, 'dist', 'data')),
    );
    if (exported.reveal) await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(exported.reveal));
    for (const [i, file] of exported.open.entries()) {
      await vscode.window.showTextDocument(vscode.Uri.file(file), { preview: false, preserveFocus: i > 0, viewColumn: vscode.ViewColumn.Beside });
    }
    log().info(`Exported ${document.uri.fsPath} to ${spec.title}: ${exported.where}${exported.notes.map((n) => `\n  note: ${n}`).join('')}`);
    const note = exported.notes.length ? ` Note: ${exported.notes.join(' ')}` : '';
    void vscode.window.showInformationMessage(`wiregrad: exported to ${exported.where}.${note}`);
  } catch (err) {
    const message = (err as Error).message;
    log().error(`Export of ${document.uri.fsPath} to ${spec.title} failed: ${message}`);
    void vscode.window.showErrorMessage(`wiregrad: the export to ${spec.title} failed: ${message}`);
  }
}

export function registerExportCommands(active: () => vscode.TextDocument | undefined): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('wiregrad.exportPytorch', () => exportDocument(active(), 'pytorch')),
    vscode.commands.registerCommand('wiregrad.exportOnnx', () => exportDocument(active(), 'onnx')),
  );
}
