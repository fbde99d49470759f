/**
 * The training commands (Train, Train with PyTorch, Resume, Stop, Check overfit) and the controller behind them
 * and behind the panel's buttons.
 */
import * as vscode from 'vscode';
import type { GraphEditorProvider } from '../graphEditorProvider';
import { TrainingController } from './trainingController';

export function registerTraining(context: vscode.ExtensionContext, editors: GraphEditorProvider): vscode.Disposable {
  const controller = new TrainingController(context, editors);
  editors.training = controller;
  const target = () => editors.activeDocument ?? vscode.window.activeTextEditor?.document;
  return vscode.Disposable.from(
    controller,
    vscode.commands.registerCommand('wiregrad.train', async () => {
      const document = target();
      if (!document?.uri.path.endsWith('.nn.json')) {
        void vscode.window.showInformationMessage('wiregrad: open a *.nn.json network to train it.');
        return;
      }
      editors.broadcast(document, { type: 'command', command: 'show-training' });
      await controller.start(document, false);
    }),
    vscode.commands.registerCommand('wiregrad.trainWithPytorch', async () => {
      const document = target();
      if (!document?.uri.path.endsWith('.nn.json')) {
        void vscode.window.showInformationMessage('wiregrad: open a *.nn.json network to train it.');
        return;
      }
      editors.broadcast(document, { type: 'command', command: 'show-training' });
      await controller.start(document, false, 'pytorch');
    }),
    vscode.commands.registerCommand('wiregrad.resumeTraining', async () => {
      const document = target();
      if (document?.uri.path.endsWith('.nn.json')) await controller.start(document, true);
    }),
    vscode.commands.registerCommand('wiregrad.stopTraining', () => controller.stopActive()),
    vscode.commands.registerCommand('wiregrad.checkOverfit', async () => {
      const document = target();
      if (!document?.uri.path.endsWith('.nn.json')) {
        void vscode.window.showInformationMessage('wiregrad: open a *.nn.json network to check it.');
        return;
      }
      editors.broadcast(document, { type: 'command', command: 'show-training' });
      await controller.checkOverfit(document);
    }),
    vscode.workspace.onDidChangeTextDocument((e) => controller.documentChanged(e.document)),
  );
}
