/**
 * The Problems panel for `*.nn.json` files (whichever editor shows them) and the shape engine's fixes as Quick
 * Fixes in the text editor. Each fix's WorkspaceEdit is the same minimal edit the canvas's fix button makes.
 */
import * as vscode from 'vscode';
import { parseGraphText } from '../engine/graph/parse';
import type { ExpressionFix } from '../engine/expression/diagnostics';
import { AnalysisCache } from './document/analysisCache';
import { applyIntent } from '../engine/document/intents';
import { problemsOf } from './document/problems';
import { graphTextEdits } from './document/textEdits';

/**
 * How long the host waits after a text change before its own reading of the document (the Problems panel, the
 * status bar's totals): a parse and analysis of the whole graph, 3–120 ms at 500 nodes on the loaded test machine.
 * Sooner, it ran while the change was still on its way to the graph editor's webview (key → webview 50–350 ms
 * there, ~130 ms on a quiet machine), competing for the same two cores; and between two keys of fast typing.
 */
export const AFTER_TYPING_MS = 300;

export function isGraphDocument(document: vscode.TextDocument): boolean {
  return document.uri.path.endsWith('.nn.json');
}

const SEVERITY = { error: vscode.DiagnosticSeverity.Error, warning: vscode.DiagnosticSeverity.Warning, info: vscode.DiagnosticSeverity.Information };

export class ProblemsPanel implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };
  private readonly collection = vscode.languages.createDiagnosticCollection('wiregrad');
  /** Fixes of each published diagnostic, found again by range and message (VS Code hands back copies). */
  private readonly fixes = new Map<string, { readonly diagnostic: vscode.Diagnostic; readonly fixes: readonly ExpressionFix[] }[]>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(readonly cache: AnalysisCache) {}

  register(): vscode.Disposable {
    for (const d of vscode.workspace.textDocuments) this.update(d);
    return vscode.Disposable.from(
      this.collection,
      vscode.workspace.onDidOpenTextDocument((d) => this.update(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.collection.delete(d.uri);
        this.fixes.delete(d.uri.toString());
        this.cache.forget(d.uri.toString());
      }),
      vscode.languages.registerCodeActionsProvider({ pattern: '**/*.nn.json' }, this, ProblemsPanel.metadata),
    );
  }

  /** Typing fires a change per keystroke: publish once the user pauses. */
  private schedule(document: vscode.TextDocument): void {
    if (!isGraphDocument(document)) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => this.update(document), AFTER_TYPING_MS));
  }

  update(document: vscode.TextDocument): void {
    if (!isGraphDocument(document)) return;
    const key = document.uri.toString();
    const state = this.cache.get(key, document.version, () => document.getText());
    const entries = problemsOf(state.parsed, state.analysis, state.expression?.diagnostics).map((p) => {
      const range = new vscode.Range(document.positionAt(p.offset), document.positionAt(p.offset + Math.max(p.length, 1)));
      const diagnostic = new vscode.Diagnostic(range, p.message, SEVERITY[p.severity]);
      diagnostic.source = 'wiregrad';
      diagnostic.code = p.code;
      return { diagnostic, fixes: p.fixes };
    });
    this.fixes.set(key, entries);
    this.collection.set(document.uri, entries.map((e) => e.diagnostic));
  }

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const entries = this.fixes.get(document.uri.toString()) ?? [];
    const text = document.getText();
    const graph = parseGraphText(text).graph;
    if (!graph) return [];
    const actions: vscode.CodeAction[] = [];
    // A problem inside a module is reported once per use, on the same definition line, with the same fixes (each
    // edits the shared definition): one action per fix is enough.
    const offered = new Set<string>();
    for (const asked of context.diagnostics) {
      const entry = entries.find((e) => e.diagnostic.message === asked.message && e.diagnostic.range.isEqual(asked.range));
      for (const fix of entry?.fixes ?? []) {
        const key = `${fix.title}\u0000${JSON.stringify(fix.edits)}`;
        if (offered.has(key)) continue;
        offered.add(key);
        const result = applyIntent(graph, { kind: 'apply-fix', edits: fix.edits });
        if (!result.ok) continue;
        const edit = new vscode.WorkspaceEdit();
        for (const e of graphTextEdits(text, graph, result.graph)) {
          edit.replace(document.uri, new vscode.Range(document.positionAt(e.offset), document.positionAt(e.offset + e.length)), e.text);
        }
        const action = new vscode.CodeAction(`wiregrad: ${fix.title}`, vscode.CodeActionKind.QuickFix);
        action.edit = edit;
        action.diagnostics = [asked];
        action.isPreferred = entry!.fixes.length === 1;
        actions.push(action);
      }
    }
    return actions;
  }
}
