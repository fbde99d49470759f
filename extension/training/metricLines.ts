/**
 * The JSON lines of an exported train.py (engine/export/pytorch/trainPy.ts): one trainer message per line on stdout,
 * validated by the same parseWorkerMessage as the built-in worker's messages, so the charts treat both alike. Lines
 * that are not JSON (torchrun's notices, warnings) are the process's own text, kept for the log.
 */
import { parseWorkerMessage, type WorkerMessage } from '../../engine/train/protocol';

export type MetricLine =
  | { readonly kind: 'message'; readonly message: WorkerMessage }
  | { readonly kind: 'text'; readonly text: string }
  /** A JSON object that is not a valid trainer message (a train.py from another version of wiregrad?). */
  | { readonly kind: 'invalid'; readonly text: string };

export function parseMetricLine(line: string): MetricLine {
  const text = line.trim();
  if (!text.startsWith('{')) return { kind: 'text', text };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { kind: 'text', text };
  }
  const message = parseWorkerMessage(data);
  return message ? { kind: 'message', message } : { kind: 'invalid', text };
}

/** Splits a stream's chunks into whole lines (a chunk may end mid-line, or hold many lines). */
export class LineSplitter {
  private rest = '';

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: string): void {
    const parts = (this.rest + chunk).split(/\r?\n/);
    this.rest = parts.pop() ?? '';
    for (const line of parts) if (line.trim() !== '') this.onLine(line);
  }

  /** The last line, when the stream ended without a newline. */
  end(): void {
    if (this.rest.trim() !== '') this.onLine(this.rest);
    this.rest = '';
  }
}
