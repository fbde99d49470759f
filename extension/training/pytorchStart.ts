/**
 * Training with PyTorch: the Python with torch (the Python extension's interpreter or wiregrad.pythonPath), the
 * graph exported beside itself (NAME.pytorch/), and train.py run as a child process — under torchrun when the
 * wiregrad.pytorch.processes setting asks for more than one. It speaks wiregrad's worker messages, so the panel
 * shows it as it shows a run of the built-in trainer.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { exportPytorch } from '../../engine/export/pytorch/exportPytorch';
import type { MemoryEstimate } from '../../engine/train/memory';
import type { WorkerMessage } from '../../engine/train/protocol';
import { log } from '../log';
import { checkTorch, choosePython } from './pythonEnvironment';
import { PythonRun, type RunningTraining } from './pythonProcess';

/** How the start tells the panel what it is doing, and why it stopped. */
export interface PytorchStartReport {
  /** A step of the start ("checking that … has torch"), for the panel's line. */
  progress(line: string): void;
  /** Why the run could not start; the panel shows it as the run's failure. */
  failed(message: string): void;
}

/** Starts train.py; returns null (after `report.failed` says why) when it cannot. */
export async function startPytorch(
  document: vscode.TextDocument,
  extensionPath: string,
  graphFile: string,
  memory: MemoryEstimate,
  onMessage: (m: WorkerMessage) => void,
  report: PytorchStartReport,
): Promise<RunningTraining | null> {
  const python = await choosePython(document.uri);
  let torchVersion: string;
  try {
    report.progress(`Starting: checking that ${python.path} has torch…`);
    torchVersion = await checkTorch(python);
  } catch (err) {
    const message = (err as Error).message;
    report.failed(message);
    void vscode.window.showErrorMessage(`wiregrad: ${message}`);
    return null;
  }
  let outDir: string;
  try {
    report.progress(`Starting: exporting to PyTorch (torch ${torchVersion})…`);
    outDir = (await exportPytorch({ graphFile, dataDir: path.join(extensionPath, 'dist', 'data') })).outDir;
  } catch (err) {
    report.failed(`the export to PyTorch failed: ${(err as Error).message}`);
    return null;
  }
  const processes = Math.max(1, Math.floor(vscode.workspace.getConfiguration('wiregrad', document.uri).get<number>('pytorch.processes', 1)));
  const args = processes > 1 ? ['-m', 'torch.distributed.run', '--standalone', `--nproc-per-node=${processes}`, 'train.py'] : ['train.py'];
  log().info(`Training ${graphFile} with PyTorch ${torchVersion}: ${python.path} ${args.join(' ')} (in ${outDir}; Python from ${python.source})`);
  return new PythonRun({
    command: python.path,
    args,
    cwd: outDir,
    // train.py does not estimate memory; the panel shows wiregrad's estimate of the same design.
    onMessage: (m) => onMessage(m.type === 'started' && !m.info.memory ? { ...m, info: { ...m.info, memory } } : m),
    onOutput: (line) => log().info(`[train.py] ${line}`),
  });
}
