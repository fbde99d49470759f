/**
 * "wiregrad: Export Diagram as SVG / PNG" and the toolbar's "Export image…": asks the style and theme (unless the
 * command's argument gives them), draws the diagram from the document's current text (engine/export/diagram),
 * and writes it beside the graph atomically. A PNG is the same SVG rasterised by the graph editor's webview.
 */
import path from 'node:path';
import * as vscode from 'vscode';
import { diagramFileName, writeDiagram, type DiagramFormat } from '../../engine/export/diagram/diagramFile';
import { diagramSvg, DIAGRAM_STYLES, type DiagramStyle } from '../../engine/export/diagram/diagramSvg';
import { DIAGRAM_THEMES, type DiagramTheme } from '../../engine/export/diagram/theme';
import { parseGraphText } from '../../engine/graph/parse';
import { isExpressionGraph } from '../../engine/graph/types';
import { analyzeGraph } from '../../engine/shape/analyze';
import { log } from '../log';

/** How many device pixels per CSS pixel a PNG gets (sharp on a slide or a high-DPI screen). */
export const PNG_SCALE = 2;

export interface DiagramRequest {
  readonly format?: DiagramFormat;
  readonly style?: DiagramStyle;
  readonly theme?: DiagramTheme;
}

/** Draws an SVG into a PNG through the graph editor showing `document`; rejects when none is open. */
export type Rasterizer = (document: vscode.TextDocument, svg: string, width: number, height: number, scale: number) => Promise<Uint8Array>;

function currentTheme(): DiagramTheme {
  const kind = vscode.window.activeColorTheme.kind;
  return kind === vscode.ColorThemeKind.Light || kind === vscode.ColorThemeKind.HighContrastLight ? 'light' : 'dark';
}

/** The command's argument, when a keybinding or another extension passes one: only known values are taken. */
export function diagramRequest(arg: unknown, format?: DiagramFormat): DiagramRequest {
  const r = typeof arg === 'object' && arg !== null ? (arg as Record<string, unknown>) : {};
  return {
    ...(format ? { format } : r.format === 'svg' || r.format === 'png' ? { format: r.format } : {}),
    ...(DIAGRAM_STYLES.includes(r.style as DiagramStyle) ? { style: r.style as DiagramStyle } : {}),
    ...(DIAGRAM_THEMES.includes(r.theme as DiagramTheme) ? { theme: r.theme as DiagramTheme } : {}),
  };
}

async function ask(request: DiagramRequest): Promise<Required<DiagramRequest> | undefined> {
  const format =
    request.format ??
    (
      await vscode.window.showQuickPick(
        [
          { label: 'SVG', detail: 'Vector picture: sharp at any size, text stays text (papers, web pages, Inkscape)', format: 'svg' as const },
          { label: 'PNG', detail: `Image at ${PNG_SCALE}× (slides, documents, chat)`, format: 'png' as const },
        ],
        { title: 'wiregrad: Export Diagram', placeHolder: 'Format' },
      )
    )?.format;
  if (!format) return undefined;
  const style =
    request.style ??
    (
      await vscode.window.showQuickPick(
        [
          { label: 'As on screen', detail: 'The cards where the canvas places them, with shapes, parameters and problems', style: 'screen' as const },
          { label: 'Paper figure', detail: 'Compact, left to right, activations folded into their layer, the shape on every arrow', style: 'paper' as const },
        ],
        { title: 'wiregrad: Export Diagram', placeHolder: 'Style' },
      )
    )?.style;
  if (!style) return undefined;
  const first = currentTheme();
  const themes = first === 'light' ? (['light', 'dark'] as const) : (['dark', 'light'] as const);
  const theme =
    request.theme ??
    (
      await vscode.window.showQuickPick(
        themes.map((t) => ({ label: t === 'light' ? 'Light' : 'Dark', detail: t === first ? 'like the current colour theme' : undefined, theme: t })),
        { title: 'wiregrad: Export Diagram', placeHolder: 'Theme' },
      )
    )?.theme;
  if (!theme) return undefined;
  return { format, style, theme };
}

export async function exportDiagram(document: vscode.TextDocument | undefined, request: DiagramRequest, rasterize: Rasterizer): Promise<string | undefined> {
  if (!document || !document.uri.path.endsWith('.nn.json')) {
    void vscode.window.showInformationMessage('wiregrad: open a *.nn.json network to export its diagram.');
    return undefined;
  }
  if (document.uri.scheme !== 'file') {
    void vscode.window.showErrorMessage('wiregrad: save the network to a file on disk first: the diagram is written beside it.');
    return undefined;
  }
  const parsed = parseGraphText(document.getText());
  if (!parsed.graph || isExpressionGraph(parsed.graph)) {
    const why = parsed.graph ? 'an expression graph has no diagram export yet' : (parsed.problems[0]?.message ?? 'the file cannot be read');
    void vscode.window.showErrorMessage(`wiregrad: cannot draw ${path.basename(document.uri.fsPath)}: ${why}.`);
    return undefined;
  }
  const chosen = await ask(request);
  if (!chosen) return undefined;
  const file = diagramFileName(document.uri.fsPath, chosen.style, chosen.theme, chosen.format);
  try {
    const { svg, width, height } = diagramSvg(parsed.graph, analyzeGraph(parsed.graph), { style: chosen.style, theme: chosen.theme });
    const bytes = chosen.format === 'svg' ? writeDiagram(file, svg) : writeDiagram(file, await rasterize(document, svg, width, height, PNG_SCALE));
    log().info(`Exported the diagram of ${document.uri.fsPath} to ${file} (${chosen.style}, ${chosen.theme}, ${bytes} bytes)`);
    void vscode.window.showInformationMessage(`wiregrad: wrote ${path.basename(file)}.`, 'Open').then((choice) => {
      if (choice === 'Open') void vscode.commands.executeCommand('vscode.open', vscode.Uri.file(file), { viewColumn: vscode.ViewColumn.Beside });
    });
    return file;
  } catch (err) {
    const message = (err as Error).message;
    log().error(`Diagram export of ${document.uri.fsPath} failed: ${message}`);
    void vscode.window.showErrorMessage(`wiregrad: the diagram export failed: ${message}`);
    return undefined;
  }
}

export function registerDiagramCommands(active: () => vscode.TextDocument | undefined, rasterize: Rasterizer): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('wiregrad.exportSvg', (arg?: unknown) => exportDiagram(active(), diagramRequest(arg, 'svg'), rasterize)),
    vscode.commands.registerCommand('wiregrad.exportPng', (arg?: unknown) => exportDiagram(active(), diagramRequest(arg, 'png'), rasterize)),
  );
}
