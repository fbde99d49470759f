/** A status-bar item with the total params and MACs of the graph in the focused editor (canvas or text). */
import * as vscode from 'vscode';
import { formatNumber } from '../engine/expression/format';
import { formatCount } from '../engine/shape/format';
import type { AnalysisCache } from './document/analysisCache';
import { isGraphDocument } from './problemsPanel';

/** 416520 → "416.5K", the short form that fits a status bar. */
export function shortCount(n: number): string {
  for (const [scale, unit] of [[1e9, 'G'], [1e6, 'M'], [1e3, 'K']] as const) if (n >= scale) return `${(n / scale).toFixed(1)}${unit}`;
  return String(n);
}

export class GraphStatusBar {
  private readonly item = vscode.window.createStatusBarItem('wiregrad.totals', vscode.StatusBarAlignment.Right, 100);

  constructor(private readonly cache: AnalysisCache) {
    this.item.name = 'wiregrad: params and MACs';
    this.item.command = 'wiregrad.showSummary';
  }

  show(document: vscode.TextDocument | undefined): void {
    if (!document || !isGraphDocument(document)) {
      this.item.hide();
      return;
    }
    const { analysis, expression } = this.cache.get(document.uri.toString(), document.version, () => document.getText());
    if (expression) {
      this.item.text = expression.value === null ? '$(error) wiregrad: f has no value' : `$(symbol-operator) f = ${formatNumber(expression.value)}`;
      this.item.tooltip = `Expression graph: f is '${expression.output ?? '?'}'`;
    } else if (!analysis) {
      this.item.text = '$(error) wiregrad: file has errors';
    } else {
      const t = analysis.totals;
      this.item.text = `$(circuit-board) ${shortCount(t.totalParams)} params · ${shortCount(t.totalMacs)} MACs`;
      this.item.tooltip = `${formatCount(t.totalParams)} parameters (${formatCount(t.trainableParams)} trainable), ${formatCount(t.totalMacs)} multiply-accumulates per sample`;
    }
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
