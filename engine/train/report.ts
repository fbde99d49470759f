/** Plain-text renderings of training results, shared by the CLI and the extension's output channel. */
import type { EvaluationResult, SplitMetrics } from './metrics';
import type { EpochMetrics, ProgressEvent } from './trainer';

export function formatPercent(share: number | null): string {
  return share === null ? '–' : `${(share * 100).toFixed(2)}%`;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

function metrics(name: string, m: SplitMetrics): string {
  return `${name} loss ${m.loss.toFixed(4)}${m.accuracy === null ? '' : ` acc ${formatPercent(m.accuracy)}`}`;
}

/** "epoch 2/10  train loss 0.2053 acc 93.97%  val loss 0.1010 acc 96.88%  33.5s  228 samples/s" */
export function formatEpochLine(e: EpochMetrics, epochs: number): string {
  const parts = [`epoch ${e.epoch + 1}/${epochs}`, metrics('train', e.train)];
  if (e.validation) parts.push(metrics('val', e.validation));
  parts.push(`${e.seconds.toFixed(1)}s`, `${Math.round(e.samplesPerSecond)} samples/s`);
  return parts.join('  ');
}

/** One progress line; `barWidth` > 0 draws a bar for the current epoch. */
export function formatProgressLine(p: ProgressEvent, barWidth = 0): string {
  const done = p.step / p.stepsPerEpoch;
  const bar = barWidth > 0 ? ` [${'#'.repeat(Math.round(done * barWidth)).padEnd(barWidth, '.')}]` : '';
  const accuracy = p.accuracy === null ? '' : ` acc ${formatPercent(p.accuracy)}`;
  return (
    `epoch ${p.epoch + 1}/${p.epochs}${bar} ${p.step}/${p.stepsPerEpoch}  loss ${p.loss.toFixed(4)}${accuracy}` +
    `  ${Math.round(p.samplesPerSecond)} samples/s  ETA ${formatDuration(p.etaSeconds)}`
  );
}

/** The test result with, for classification, the confusion matrix (rows: actual class, columns: predicted). */
export function formatEvaluation(result: EvaluationResult, classNames: readonly string[], label = 'test'): string {
  const lines = [`${label}: ${result.count} samples, ${metrics('', result).trim()}`];
  if (result.confusion) lines.push('', formatConfusionMatrix(result.confusion, classNames));
  return lines.join('\n');
}

export function formatConfusionMatrix(confusion: readonly (readonly number[])[], classNames: readonly string[]): string {
  const names = confusion.map((_, i) => classNames[i] ?? String(i));
  const cell = Math.max(4, ...confusion.flat().map((v) => String(v).length), ...names.map((n) => Math.min(n.length, 8))) + 1;
  const title = 'actual ↓ / predicted →';
  const labelWidth = Math.max(title.length, ...names.map((n) => n.length));
  const short = (n: string) => (n.length > cell - 1 ? n.slice(0, cell - 2) + '…' : n);
  const header = `${title.padEnd(labelWidth)} ${names.map((n) => short(n).padStart(cell)).join('')}   recall`;
  const rows = confusion.map((row, i) => {
    const total = row.reduce((a, b) => a + b, 0);
    const recall = total > 0 ? formatPercent(row[i] / total) : '–';
    return `${names[i].padEnd(labelWidth)} ${row.map((v) => String(v).padStart(cell)).join('')}  ${recall.padStart(7)}`;
  });
  return [header, ...rows].join('\n');
}
