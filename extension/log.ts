/** The "wiregrad" output channel: dropped messages, refused intents and training failures are written here. */
import * as vscode from 'vscode';

let channel: vscode.LogOutputChannel | undefined;

export function log(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('wiregrad', { log: true });
  return channel;
}
