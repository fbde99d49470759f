/**
 * "Expand into gates": a small dense node of a network opened as the expression graph it computes (a row of dots and
 * adds) with its weights (engine/expression/expandDense.ts). It opens as an untitled file beside the network, in the
 * same editor; saving it is the user's choice.
 */
import path from 'node:path';
import * as vscode from 'vscode';
import { expandDenseNode } from '../../engine/expression/expandDense';
import { parseGraphText } from '../../engine/graph/parse';
import { serializeGraph } from '../../engine/graph/serialize';

/** Resolves to an error message for the user, or null when the graph opened. */
export async function expandIntoGates(document: vscode.TextDocument, node: string, viewType: string): Promise<string | null> {
  const graph = parseGraphText(document.getText()).graph;
  if (!graph) return 'The file has errors; fix them first.';
  const expanded = expandDenseNode(document.uri.fsPath, graph, node);
  if ('error' in expanded) return expanded.error;
  const base = path.basename(document.uri.fsPath).replace(/\.nn\.json$/, '');
  const uri = vscode.Uri.file(path.join(path.dirname(document.uri.fsPath), `${base}.${node}.gates.nn.json`)).with({ scheme: 'untitled' });
  const opened = await vscode.workspace.openTextDocument(uri);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, new vscode.Range(opened.positionAt(0), opened.positionAt(opened.getText().length)), serializeGraph(expanded.graph));
  await vscode.workspace.applyEdit(edit);
  await vscode.commands.executeCommand('vscode.openWith', uri, viewType);
  return null;
}
