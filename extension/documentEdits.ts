/** Applies an intent from the canvas to a TextDocument as a minimal WorkspaceEdit (undoable like typing). */
import * as vscode from 'vscode';
import { parseGraphText } from '../engine/graph/parse';
import type { Graph } from '../engine/graph/types';
import { editLosses } from '../engine/graph/lossless';
import { canonicalText } from './document/canonicalText';
import { applyIntent } from '../engine/document/intents';
import { applyTextEdits, graphTextEdits } from './document/textEdits';
import type { Intent } from './protocol';

/** On success, the document's new text and the graph it holds (so the webview need not parse it again). */
export type EditOutcome =
  | { readonly ok: true; readonly text: string; readonly graph: Graph; readonly canonical: boolean }
  | { readonly ok: false; readonly error: string };

/** What the caller already knows about the document's current text (from its cache or the previous edit). */
export interface KnownState {
  readonly graph: Graph | null;
  /** Whether the text is in canonical form; `undefined` = find out. */
  readonly canonical?: boolean;
}

/**
 * `expect` hears the text and graph the edit will produce just before VS Code applies it: VS Code announces the
 * change (onDidChangeTextDocument) before applyEdit resolves, and a listener that already knows the graph of the
 * new text sends it with the document, so the webview does not parse the file again.
 */
export async function applyIntentToDocument(
  document: vscode.TextDocument,
  intent: Intent,
  known?: KnownState,
  expect?: (state: { readonly text: string; readonly graph: Graph; readonly canonical: boolean }) => void,
): Promise<EditOutcome> {
  const text = document.getText();
  const before = known ? known.graph : parseGraphText(text).graph;
  if (!before) return { ok: false, error: 'The file has errors; fix them in the text editor first.' };
  const result = applyIntent(before, intent);
  if (!result.ok) return result;
  const canonical = known?.canonical ?? canonicalText(before) === text;
  const edits = graphTextEdits(text, before, result.graph, canonical);
  if (edits.length === 0) return { ok: true, text, graph: before, canonical };
  // Rewriting a line re-serialises its values: 1e999, a 20-digit integer or a key given twice would change silently.
  const losses = editLosses(text, edits);
  if (losses.length > 0) {
    const first = losses[0];
    return { ok: false, error: `Line ${first.line}: ${first.message}. This edit would rewrite that line; fix it in the text editor first.` };
  }
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) {
    edit.replace(document.uri, new vscode.Range(document.positionAt(e.offset), document.positionAt(e.offset + e.length)), e.text);
  }
  expect?.({ text: applyTextEdits(text, edits), graph: result.graph, canonical });
  const applied = await vscode.workspace.applyEdit(edit);
  return applied ? { ok: true, text: document.getText(), graph: result.graph, canonical } : { ok: false, error: 'VS Code refused the edit (is the file read-only?).' };
}
