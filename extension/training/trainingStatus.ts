/**
 * Where a run shows outside its panel: a progress notification per run (its Cancel stops the run) and one
 * status-bar item for the running run (a click stops it).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RunningTraining } from './pythonProcess';

/** The notification of a run, updated with the run's line every half second until the run ends. */
export function showTrainingProgress(document: vscode.TextDocument, line: () => string, session: RunningTraining): void {
  const name = path.basename(document.uri.fsPath);
  void vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Training ${name}`, cancellable: true },
    async (progress, token) => {
      token.onCancellationRequested(() => session.cancel());
      let last = '';
      const timer = setInterval(() => {
        if (line() !== last) progress.report({ message: (last = line()) });
      }, 500);
      await session.done;
      clearInterval(timer);
    },
  );
}

/** The status-bar item: the running run's line ("epoch 2/4 · step 120/844"), hidden when nothing runs. */
export class TrainingStatusItem {
  private readonly item = vscode.window.createStatusBarItem('wiregrad.training', vscode.StatusBarAlignment.Left, 50);

  constructor() {
    this.item.name = 'wiregrad: training';
    this.item.command = 'wiregrad.stopTraining';
  }

  /** `line`: the running run's line, or null when no run is running. */
  show(line: string | null): void {
    if (line === null) {
      this.item.hide();
      return;
    }
    this.item.text = `$(sync~spin) ${line.split(' · ').slice(0, 2).join(' · ')}`;
    this.item.tooltip = `${line}\nClick to stop.`;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
