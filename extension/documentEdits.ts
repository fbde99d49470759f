/** Applies an intent from the canvas to a TextDocument as a minimal WorkspaceEdit (undoable like typing). */
import * as vscode from 'vscode';
import { parseGraphText } from '../engine/graph/parse';
import { applyIntent } from './document/intents';
import { graphTextEdits } from './document/textEdits';
import type { Intent } from './protocol';

export type EditOutcome = { readonly ok: true } | { readonly ok: false; readonly error: string };

export async function applyIntentToDocument(document: vscode.TextDocument, intent: Intent): Promise<EditOutcome> {
  const text = document.getText();
  const parsed = parseGraphText(text);
  if (!parsed.graph) return { ok: false, error: 'The file has errors; fix them in the text editor first.' };
  const result = applyIntent(parsed.graph, intent);
  if (!result.ok) return result;
  const edits = graphTextEdits(text, parsed.graph, result.graph);
  if (edits.length === 0) return { ok: true };
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) {
    edit.replace(document.uri, new vscode.Range(document.positionAt(e.offset), document.positionAt(e.offset + e.length)), e.text);
  }
  const applied = await vscode.workspace.applyEdit(edit);
  return applied ? { ok: true } : { ok: false, error: 'VS Code refused the edit (is the file read-only?).' };
}
