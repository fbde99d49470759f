/**
 * Each run's record beside the graph: `runs/<graph>/<date>_<time>/metrics.jsonl` (one JSON object per progress,
 * epoch and final message) and `weights.safetensors` (copied atomically at the end). Past runs are read back for
 * the panel's loss-curve overlay.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { WorkerMessage } from '../../engine/train/protocol';
import type { PastRun } from '../protocol';
import { copyFileAtomic } from '../../engine/io/atomicWrite';
import { requireRegularFileAsync } from '../../engine/io/regularFile';

/** How many earlier runs the panel overlays. */
const PAST_RUNS = 5;

function stamp(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}_${p(date.getHours())}-${p(date.getMinutes())}-${p(date.getSeconds())}`;
}

export function runsRoot(graphFile: string): string {
  return path.join(path.dirname(graphFile), 'runs', path.basename(graphFile).replace(/\.nn\.json$|\.json$/i, ''));
}

export class RunFolderError extends Error {}

/**
 * The run record is written inside the graph's folder only: `runs` and `runs/<graph>` are resolved with realpath, and
 * a link leading elsewhere (a cloned repository can ship `runs` → ~/.ssh) is refused rather than written through.
 */
function confineRuns(graphFile: string): void {
  const home = fs.realpathSync(path.dirname(graphFile));
  const runs = path.join(path.dirname(graphFile), 'runs');
  for (const candidate of [runs, runsRoot(graphFile)]) {
    let real: string;
    try {
      real = fs.realpathSync(candidate);
    } catch {
      if (fs.lstatSync(candidate, { throwIfNoEntry: false })?.isSymbolicLink()) {
        throw new RunFolderError(`${candidate} is a link to a missing folder; the run is not recorded there (remove the link)`);
      }
      return; // does not exist yet: it is created inside the folder
    }
    const inside = path.relative(home, real);
    if (inside.startsWith('..') || path.isAbsolute(inside)) {
      throw new RunFolderError(`${candidate} leads to ${real}, outside the graph's folder ${home}; the run is not recorded there (remove the link)`);
    }
  }
}

export class RunFolder {
  readonly dir: string;
  private writing: Promise<void> = Promise.resolve();

  /** Throws RunFolderError when `runs` (or the graph's sub-folder in it) is a link leading out of the graph's folder. */
  constructor(graphFile: string, now = new Date()) {
    confineRuns(graphFile);
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
    await copyFileAtomic(weightsFile, target); // temporary file, fsync, rename, fsync of the folder
    return target;
  }

  flushed(): Promise<void> {
    return this.writing;
  }
}

/** How much of one run's metrics.jsonl is read: a long run at four progress lines a second fills about 4 MB an hour. */
export const MAX_HISTORY_BYTES = 8 * 1024 * 1024;
/** Lines parsed per run; the chart thins what it draws far below this. */
const MAX_HISTORY_LINES = 100_000;

/**
 * The loss curves of the latest earlier runs (newest first), from their metrics files. Asynchronous and bounded: the
 * folder comes with the repository, so a metrics.jsonl that is a pipe, a device or a link to one is skipped by stat
 * (opening a pipe would block), and at most MAX_HISTORY_BYTES of each file are read.
 */
export async function pastRuns(graphFile: string, except?: string): Promise<PastRun[]> {
  const root = runsRoot(graphFile);
  let names: string[];
  try {
    names = await fs.promises.readdir(root);
  } catch {
    return [];
  }
  const runs: PastRun[] = [];
  for (const name of names.filter((n) => path.join(root, n) !== except).sort().reverse()) {
    if (runs.length === PAST_RUNS) break;
    const steps = await readHistory(path.join(root, name, 'metrics.jsonl'));
    if (steps) runs.push({ name, steps });
  }
  return runs;
}

/** The progress points of one metrics file, or null when it is missing or not a regular file. */
async function readHistory(file: string): Promise<{ step: number; loss: number }[] | null> {
  try {
    await requireRegularFileAsync(file);
  } catch {
    return null;
  }
  let text: string;
  const handle = await fs.promises.open(file, 'r').catch(() => null);
  if (!handle) return null;
  try {
    const buffer = Buffer.alloc(MAX_HISTORY_BYTES);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    text = buffer.toString('utf8', 0, filled);
  } catch {
    return null;
  } finally {
    await handle.close();
  }
  const steps: { step: number; loss: number }[] = [];
  const lines = text.split('\n', MAX_HISTORY_LINES);
  for (const line of lines) {
    try {
      const m = JSON.parse(line) as { type?: string; progress?: { globalStep: number; loss: number } };
      if (m.type === 'progress' && m.progress && Number.isFinite(m.progress.loss) && Number.isFinite(m.progress.globalStep)) {
        steps.push({ step: m.progress.globalStep, loss: m.progress.loss });
      }
    } catch {
      // a torn line (the run was killed mid-write, or the read stopped at the cap) is skipped
    }
  }
  return steps;
}
