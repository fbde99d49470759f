/**
 * The custom editor for `*.nn.json`. The TextDocument is the single source of truth: the webview shows it and
 * sends intents; intents become minimal text edits; every change of the document (from the canvas, the text
 * editor beside it, undo, git checkout) is pushed back to the webview. Messages are validated on arrival.
 */
import * as vscode from 'vscode';
import type { Graph } from '../engine/graph/types';
import type { AnalysisCache } from './document/analysisCache';
import { applyIntentToDocument } from './documentEdits';
import { expandIntoGates } from './expression/expandIntoGates';
import { exportDiagram } from './diagram/diagramExport';
import { RasterRequests } from './diagram/rasterRequests';
import { exportDocument } from './exportCommands';
import { log } from './log';
import { decodeWebviewMessage, type EditorCommand, type HostMessage, type PredictRequest, type Prediction, type WebviewMessage } from './protocol';
import { bundleRoot, webviewHtml } from './webviewHtml';

export const VIEW_TYPE = 'wiregrad.graphEditor';

/** What a training controller needs from the editor (issue 5); kept as an interface so the editor stays small. */
export interface TrainingHooks {
  onTrainMessage(document: vscode.TextDocument, action: 'start' | 'stop' | 'pause' | 'resume', engine?: 'builtin' | 'pytorch'): void;
  /** The current training view of a document, sent to a newly opened panel. */
  viewFor(document: vscode.TextDocument): Promise<HostMessage | null>;
  /** One input (drawn pixels or a test image) through the trained network (rejects with a readable message when there are no weights). */
  predict(document: vscode.TextDocument, request: PredictRequest): Promise<Prediction>;
  /** "Can it overfit a tiny subset?" in the training worker; the panel shows the curve and the verdict. */
  checkOverfit(document: vscode.TextDocument): Promise<void>;
}

interface Editor {
  readonly document: vscode.TextDocument;
  readonly panel: vscode.WebviewPanel;
  /** Opened by "Open in its own tab": shows the training panel only. */
  readonly trainingTab: boolean;
}

export class GraphEditorProvider implements vscode.CustomTextEditorProvider {
  private readonly editors = new Set<Editor>();
  private active: Editor | undefined;
  private readonly activeChanged = new vscode.EventEmitter<vscode.TextDocument | undefined>();
  /** Fires when a graph editor gains or loses focus (for the status bar). */
  readonly onDidChangeActive = this.activeChanged.event;
  training: TrainingHooks | undefined;

  /** The graph each document holds after the canvas's last edit, keyed by URI: sent along so the webview skips a parse. */
  private readonly known = new Map<string, { readonly text: string; readonly graph: Graph; readonly canonical: boolean }>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly cache: AnalysisCache,
  ) {}

  get activeDocument(): vscode.TextDocument | undefined {
    return this.active?.document;
  }

  /** Sends a command to the focused graph editor; false when none is focused. */
  command(command: EditorCommand, direction?: 'DOWN' | 'RIGHT'): boolean {
    if (!this.active) return false;
    void this.active.panel.webview.postMessage({ type: 'command', command, ...(direction ? { direction } : {}) } satisfies HostMessage);
    return true;
  }

  private readonly rasters = new RasterRequests();
  /** Documents whose next editor to open is the training panel's own tab. */
  private readonly trainingTabs = new Set<string>();

  /** Opens a second editor of `document` beside, showing only the training panel (it follows the same runs). */
  async openTrainingTab(document: vscode.TextDocument): Promise<void> {
    this.trainingTabs.add(document.uri.toString());
    try {
      await vscode.commands.executeCommand('vscode.openWith', document.uri, VIEW_TYPE, { viewColumn: vscode.ViewColumn.Beside, preview: false });
    } catch (err) {
      this.trainingTabs.delete(document.uri.toString());
      void vscode.window.showErrorMessage(`wiregrad: could not open the training tab: ${(err as Error).message}`);
    }
  }

  /** Has the graph editor showing `document` (the focused one first) draw an SVG into a PNG. */
  readonly rasterize = (document: vscode.TextDocument, svg: string, width: number, height: number, scale: number): Promise<Uint8Array> => {
    const editor = this.active?.document === document ? this.active : [...this.editors].find((e) => e.document === document);
    if (!editor) return Promise.reject(new Error('open the network in the graph editor: it draws the PNG'));
    return this.rasters.request((requestId) => void editor.panel.webview.postMessage({ type: 'rasterize', requestId, svg, width, height, scale } satisfies HostMessage));
  };

  /**
   * Sends a message to every editor showing `document`'s file. By URI, not by object: a run outlives its editor, and
   * the graph reopened after a close is a new TextDocument that must still hear the run (its Stop, its end).
   */
  broadcast(document: vscode.TextDocument, message: HostMessage): void {
    const uri = document.uri.toString();
    for (const e of this.editors) if (e.document.uri.toString() === uri) void e.panel.webview.postMessage(message);
  }

  resolveCustomTextEditor(document: vscode.TextDocument, panel: vscode.WebviewPanel): void {
    const trainingTab = this.trainingTabs.delete(document.uri.toString());
    const editor: Editor = { document, panel, trainingTab };
    if (trainingTab) panel.title = `Training: ${panel.title}`;
    this.editors.add(editor);
    panel.webview.options = { enableScripts: true, localResourceRoots: [bundleRoot(this.extensionUri)] };
    panel.webview.html = webviewHtml(panel.webview, this.extensionUri);

    const post = (message: HostMessage) => void panel.webview.postMessage(message);
    /** The version of the text this webview holds (sent whole, then changed by changes); none before it is ready. */
    let held: number | undefined;
    /** The graph of the document's text when the canvas's last edit made it (the webview then skips a parse). */
    const knownGraph = (length: number): { graph?: Graph } => {
      const known = this.known.get(document.uri.toString());
      return known && known.text.length === length && known.text === document.getText() ? { graph: known.graph } : {};
    };
    const sendDocument = () => {
      const text = document.getText();
      held = document.version;
      post({ type: 'document', text, version: document.version, ...knownGraph(text.length), sentAt: Date.now() });
    };
    // A change goes as the change itself (a few bytes, where the text is 40 kB at 500 nodes and 170 kB at 2,000), so
    // no hop between here and the webview serialises the whole document again at each keystroke.
    const sendChanges = (changes: readonly vscode.TextDocumentContentChangeEvent[]) => {
      if (held === undefined) return sendDocument();
      const length = document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
      const from = held;
      held = document.version;
      post({
        type: 'document-change',
        from,
        version: document.version,
        changes: changes.map((c) => ({ offset: c.rangeOffset, length: c.rangeLength, text: c.text })),
        length,
        ...knownGraph(length),
        sentAt: Date.now(),
      });
    };
    const subscriptions = [
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === document && e.contentChanges.length > 0) sendChanges(e.contentChanges);
      }),
      panel.onDidChangeViewState(() => this.setActive(panel.active ? editor : this.active === editor ? undefined : this.active)),
      panel.webview.onDidReceiveMessage((data: unknown) => {
        const parsed = decodeWebviewMessage(data);
        if (!parsed.ok) {
          log().warn(`Dropped a message from the graph editor of ${document.uri.fsPath}: ${parsed.reason}`);
          return;
        }
        void this.handle(editor, parsed.value, sendDocument);
      }),
    ];
    if (panel.active) this.setActive(editor);
    panel.onDidDispose(() => {
      subscriptions.forEach((s) => s.dispose());
      this.editors.delete(editor);
      if (![...this.editors].some((e) => e.document === document)) this.known.delete(document.uri.toString());
      if (this.active === editor) this.setActive(undefined);
      if (this.editors.size === 0) this.rasters.cancelAll('the graph editor was closed before it drew the picture');
    });
  }

  private setActive(editor: Editor | undefined): void {
    if (this.active === editor) return;
    this.active = editor;
    this.activeChanged.fire(editor?.document);
  }

  /** Intents are applied one at a time per editor, each against the document as the previous one left it. */
  private queue = Promise.resolve();

  private async handle(editor: Editor, message: WebviewMessage, sendDocument: () => void): Promise<void> {
    const { document, panel } = editor;
    switch (message.type) {
      case 'document-request':
        sendDocument();
        return;
      case 'ready': {
        sendDocument();
        if (editor.trainingTab) void panel.webview.postMessage({ type: 'command', command: 'training-tab' } satisfies HostMessage);
        // The run history is read off the host's hot path (async, bounded); the panel shows it when it comes.
        void this.training?.viewFor(document).then((training) => training && void panel.webview.postMessage(training));
        return;
      }
      case 'intent':
        this.queue = this.queue.then(async () => {
          const key = document.uri.toString();
          // The graph of the current text: from the canvas's previous edit if nothing changed since, else parsed
          // once per version (shared with the Problems panel).
          const last = this.known.get(key);
          const known = last && last.text === document.getText() ? last : { graph: this.cache.get(key, document.version, () => document.getText()).parsed.graph ?? null };
          // Known before VS Code applies the edit, so the document message its change event sends carries the graph
          // (a text that turns out different, e.g. CRLF line ends, just goes without it).
          const outcome = await applyIntentToDocument(document, message.intent, known, (expected) => this.known.set(key, expected));
          if (outcome.ok) this.known.set(key, { text: outcome.text, graph: outcome.graph, canonical: outcome.canonical });
          else log().info(`Refused ${message.intent.kind} in ${document.uri.fsPath}: ${outcome.error}`);
          const result: HostMessage = outcome.ok
            ? { type: 'intent-result', requestId: message.requestId, ok: true }
            : { type: 'intent-result', requestId: message.requestId, ok: false, error: outcome.error };
          void panel.webview.postMessage(result);
        });
        return this.queue;
      case 'open-as-text':
        await vscode.commands.executeCommand('vscode.openWith', document.uri, 'default');
        return;
      case 'train':
        this.training?.onTrainMessage(document, message.action, message.engine);
        return;
      case 'check-overfit':
        await this.training?.checkOverfit(document);
        return;
      case 'export':
        await exportDocument(document, message.target);
        return;
      case 'export-image':
        await exportDiagram(document, {}, this.rasterize);
        return;
      case 'open-training-tab':
        await this.openTrainingTab(document);
        return;
      case 'raster':
        this.rasters.answer(message.requestId, message.png, message.error, message.part, message.parts);
        return;
      case 'predict': {
        let reply: HostMessage;
        try {
          if (!this.training) throw new Error('training is not available');
          reply = { type: 'prediction', requestId: message.requestId, prediction: await this.training.predict(document, message) };
        } catch (err) {
          reply = { type: 'prediction', requestId: message.requestId, error: (err as Error).message };
        }
        void panel.webview.postMessage(reply);
        return;
      }
      case 'expand-into-gates': {
        const error = await expandIntoGates(document, message.node, VIEW_TYPE);
        if (error) void vscode.window.showErrorMessage(`wiregrad: Expand into gates: ${error}`);
        return;
      }
      case 'log':
        if (message.level === 'error') log().error(`graph editor: ${message.message}`);
        else log().info(`graph editor: ${message.message}`);
        return;
    }
  }
}
