/**
 * Each run's record beside the graph: `runs/<graph>/<date>_<time>/metrics.jsonl` (one JSON object per progress,
 * epoch and final message) and `weights.safetensors` (copied atomically at the end). Past runs are read back for
 * the panel's loss-curve overlay.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { WorkerMessage } from '../../engine/train/protocol';
import type { PastRun } from '../protocol';

/** How many earlier runs the panel overlays. */
const PAST_RUNS = 5;

function stamp(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}_${p(date.getHours())}-${p(date.getMinutes())}-${p(date.getSeconds())}`;
}

export function runsRoot(graphFile: string): string {
  return path.join(path.dirname(graphFile), 'runs', path.basename(graphFile).replace(/\.nn\.json$|\.json$/i, ''));
}

export class RunFolder {
  readonly dir: string;
  private writing: Promise<void> = Promise.resolve();

  constructor(graphFile: string, now = new Date()) {
    let dir = path.join(runsRoot(graphFile), stamp(now));
    for (let n = 2; fs.existsSync(dir); n++) dir = path.join(runsRoot(graphFile), `${stamp(now)}_${n}`);
    fs.mkdirSync(dir, { recursive: true });
    this.dir = dir;
  }

  /** Appends the message as one line (in order; never blocks the extension host on disk). */
  record(message: WorkerMessage): void {
    const line = JSON.stringify({ time: new Date().toISOString(), ...message }) + '\n';
    this.writing = this.writing.then(() => fs.promises.appendFile(path.join(this.dir, 'metrics.jsonl'), line)).catch(() => undefined);
  }

  /** Copies the final weights in: to a temporary name first, then renamed, so a reader never sees half a file. */
  async keepWeights(weightsFile: string): Promise<string> {
    await this.writing;
    const target = path.join(this.dir, 'weights.safetensors');
    const tmp = `${target}.tmp-${process.pid}`;
    await fs.promises.copyFile(weightsFile, tmp);
    await fs.promises.rename(tmp, target);
    return target;
  }

  flushed(): Promise<void> {
    return this.writing;
  }
}

/** The loss curves of the latest earlier runs (newest first), from their metrics files. */
export function pastRuns(graphFile: string, except?: string): PastRun[] {
  const root = runsRoot(graphFile);
  if (!fs.existsSync(root)) return [];
  const names = fs
    .readdirSync(root)
    .filter((n) => path.join(root, n) !== except && fs.existsSync(path.join(root, n, 'metrics.jsonl')))
    .sort()
    .reverse()
    .slice(0, PAST_RUNS);
  return names.map((name) => {
    const steps: { step: number; loss: number }[] = [];
    for (const line of fs.readFileSync(path.join(root, name, 'metrics.jsonl'), 'utf8').split('\n')) {
      try {
        const m = JSON.parse(line) as { type?: string; progress?: { globalStep: number; loss: number } };
        if (m.type === 'progress' && m.progress && Number.isFinite(m.progress.loss)) steps.push({ step: m.progress.globalStep, loss: m.progress.loss });
      } catch {
        // a torn last line (the run was killed mid-write) is skipped
      }
    }
    return { name, steps };
  });
}
