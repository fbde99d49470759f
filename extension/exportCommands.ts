/**
 * Export from the editor (toolbar buttons and the "wiregrad: Export to …" commands): saves the document, runs the
 * export in a worker thread (dist/exportWorker.js, the same engine code as `wiregrad export`) so that initialising and
 * encoding a VGG-sized model never freezes the editor, shows its steps in a cancellable progress notification, then
 * opens what was written. Errors say what to do.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import * as vscode from 'vscode';
import { removeCutShortWrites } from '../engine/export/job/cutShortWrites';
import type { ExportJobRequest, ExportJobResult, ExportWorkerMessage } from '../engine/export/job/exportJob';
import { log } from './log';
import type { ExportTarget } from './protocol';
import { restrictedReason } from './trust';

const TITLES: Readonly<Record<ExportTarget, string>> = { pytorch: 'PyTorch', onnx: 'ONNX' };

/** Runs the export in a worker; resolves with its result, or null when cancelled; rejects with the export's error. */
function exportInWorker(
  request: ExportJobRequest,
  progress: vscode.Progress<{ message?: string }>,
  token: vscode.CancellationToken,
): Promise<ExportJobResult | null> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(extensionRoot, 'dist', 'exportWorker.js'), { workerData: request });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      cancel.dispose();
      fn();
    };
    const cancel = token.onCancellationRequested(() => {
      settle(() => {
        void worker.terminate().then(() => {
          removeCutShortWrites(request.graphFile, request.target);
          resolve(null);
        });
      });
    });
    worker.on('message', (message: ExportWorkerMessage) => {
      if (message.type === 'step') progress.report({ message: message.step });
      else if (message.type === 'done') settle(() => resolve(message.result));
      else settle(() => reject(new Error(message.message)));
    });
    worker.on('error', (err) => settle(() => reject(err)));
    worker.on('exit', (code) => settle(() => reject(new Error(`the export worker stopped (exit code ${code}) before finishing`))));
  });
}

let extensionRoot = '';

/** Remembers where the bundled data files are (dist/data of the extension), for exports that include a data set. */
export function setExtensionRoot(root: string): void {
  extensionRoot = root;
}

export async function exportDocument(document: vscode.TextDocument | undefined, target: ExportTarget): Promise<void> {
  const title = TITLES[target];
  if (!document || !document.uri.path.endsWith('.nn.json')) {
    void vscode.window.showInformationMessage(`wiregrad: open a *.nn.json network to export it to ${title}.`);
    return;
  }
  // Restricted Mode: an export reads the weights beside the graph and writes files; only a trusted workspace may.
  const restricted = restrictedReason(vscode.workspace.isTrusted, 'export');
  if (restricted) {
    void vscode.window.showWarningMessage(`wiregrad: ${restricted}`);
    return;
  }
  if (document.uri.scheme !== 'file') {
    void vscode.window.showErrorMessage(`wiregrad: save the network to a file on disk before exporting it to ${title}.`);
    return;
  }
  if (document.isDirty && !(await document.save())) {
    void vscode.window.showErrorMessage('wiregrad: the file could not be saved before exporting; save it, then export again.');
    return;
  }
  try {
    const request: ExportJobRequest = { target, graphFile: document.uri.fsPath, dataDir: path.join(extensionRoot, 'dist', 'data') };
    const exported = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Exporting ${path.basename(document.uri.fsPath)} to ${title}`, cancellable: true },
      (progress, token) => exportInWorker(request, progress, token),
    );
    if (!exported) {
      log().info(`Export of ${document.uri.fsPath} to ${title} cancelled`);
      void vscode.window.showInformationMessage(
        `wiregrad: the export to ${title} was cancelled. Every file in ${target === 'onnx' ? 'the folder' : `${path.basename(request.graphFile).replace(/\.nn\.json$|\.json$/i, '')}.pytorch`} is whole, but some may be from an earlier export; export again for a consistent set.`,
      );
      return;
    }
    if (exported.reveal) await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(exported.reveal));
    for (const [i, file] of exported.open.entries()) {
      await vscode.window.showTextDocument(vscode.Uri.file(file), { preview: false, preserveFocus: i > 0, viewColumn: vscode.ViewColumn.Beside });
    }
    log().info(`Exported ${document.uri.fsPath} to ${title}: ${exported.where}${exported.notes.map((n) => `\n  note: ${n}`).join('')}`);
    const note = exported.notes.length ? ` Note: ${exported.notes.join(' ')}` : '';
    void vscode.window.showInformationMessage(`wiregrad: exported to ${exported.where}.${note}`);
  } catch (err) {
    const message = (err as Error).message;
    log().error(`Export of ${document.uri.fsPath} to ${title} failed: ${message}`);
    void vscode.window.showErrorMessage(`wiregrad: the export to ${title} failed: ${message}`);
  }
}

export function registerExportCommands(active: () => vscode.TextDocument | undefined): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('wiregrad.exportPytorch', () => exportDocument(active(), 'pytorch')),
    vscode.commands.registerCommand('wiregrad.exportOnnx', () => exportDocument(active(), 'onnx')),
  );
}
