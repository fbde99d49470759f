/**
 * Fault injection: a training run is hit the ways real ones fail (the worker killed mid-step, throwing, hanging with
 * no heartbeat, out of memory; and a step longer than the silence limit, which must be left to finish; the disk full or read-only when saving weights or exporting). Each case must end with
 * one clear message while this process (the host) carries on, and the last complete weights file must read back whole.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readWeights } from '../../engine/checkpoint/weights';
import { writeFileAtomic } from '../../engine/io/atomicWrite';
import { runTrainingJob } from '../../engine/train/job';
import type { WorkerMessage } from '../../engine/train/protocol';
import { TrainingSession } from '../../engine/train/session';

export interface FaultResult {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
  readonly ms: number;
}

const GRAPH = {
  format: 'wiregrad.graph',
  version: 1,
  name: 'fault',
  nodes: [
    { id: 'input', type: 'input', shape: [1] },
    { id: 'hidden', type: 'dense', units: 16 },
    { id: 'act', type: 'tanh' },
    { id: 'out', type: 'dense', units: 1 },
  ],
  edges: [
    { from: 'input', to: 'hidden' },
    { from: 'hidden', to: 'act' },
    { from: 'act', to: 'out' },
  ],
  training: { dataset: 'x2?train=400&test=100', batchSize: 16, epochs: 10_000, learningRate: 0.01 },
};

function graphFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wg-fault-'));
  const file = path.join(dir, 'fault.nn.json');
  fs.writeFileSync(file, JSON.stringify(GRAPH));
  return file;
}

/**
 * The weights file reads back whole and holds the last complete save: the update a stop saved at (`savedAt`, from a
 * `cancelled` message with a weights file: Stop saves where the run stood, which for a long step is the update after
 * the epoch end or the one after it, depending on when the Stop arrived), else an epoch's end (360 training samples
 * after the validation split, batch 16: 23 updates per epoch).
 */
function weightsIntact(file: string, savedAt: number | null = null): string | null {
  try {
    const w = readWeights(file.replace(/\.nn\.json$/, '.safetensors'));
    const step = w.info.globalStep;
    if (savedAt !== null) return step === savedAt ? null : `weights at update ${step}, not the update the stop saved (${savedAt})`;
    return step > 0 && step % 23 === 0 ? null : `weights at update ${step}, not an epoch end`;
  } catch (err) {
    return `weights unreadable: ${(err as Error).message}`;
  }
}

/**
 * Runs a real worker; after its first epoch (a complete weights file saved) `fault` (WIREGRAD_FAULT, read by
 * faultyWorker.ts) or `hit` strikes; expects a terminal message matching `expected`.
 */
async function workerFault(
  workerScript: string,
  name: string,
  fault: 'throw' | 'hang' | 'slow' | 'oom' | null,
  hit: (s: TrainingSession) => void,
  expected: RegExp,
  options: { maxHeapMb?: number; silenceLimitMs?: number } = {},
): Promise<FaultResult> {
  const t0 = performance.now();
  const file = graphFile();
  let epochs = 0;
  // A worker's environment is a copy of this process's at its creation.
  if (fault) process.env.WIREGRAD_FAULT = fault;
  else delete process.env.WIREGRAD_FAULT;
  const session: TrainingSession = new TrainingSession({
    workerScript,
    request: { graphFile: file, overrides: {}, resume: false, progressIntervalMs: 0 },
    ...options,
    onMessage: (m: WorkerMessage) => {
      if (m.type === 'epoch-end' && ++epochs === 1) hit(session);
    },
  });
  const end = await session.done;
  const text = end.type === 'failed' ? end.message : end.type;
  const damage = weightsIntact(file, end.type === 'cancelled' && end.weightsFile !== null ? end.position.globalStep : null);
  const ok = expected.test(text) && damage === null;
  return { name, ok, detail: `${text}${damage ? ` — ${damage}` : '; last weights intact'}`, ms: performance.now() - t0 };
}

/** fs.writeSync failing with `code` from the `after`-th call on: a disk that fills up (ENOSPC) or turns read-only. */
function failingWrites(code: string, after: number): () => void {
  const original = fs.writeSync;
  let calls = 0;
  (fs as { writeSync: unknown }).writeSync = (...args: unknown[]) => {
    if (++calls >= after) throw Object.assign(new Error(`${code}: injected`), { code });
    return (original as (...a: unknown[]) => number)(...args);
  };
  return () => ((fs as { writeSync: unknown }).writeSync = original);
}

async function diskFault(code: 'ENOSPC' | 'EROFS'): Promise<FaultResult> {
  const t0 = performance.now();
  const file = graphFile();
  let restore: (() => void) | null = null;
  const messages: WorkerMessage[] = [];
  let epochs = 0;
  await runTrainingJob({ graphFile: file, overrides: { epochs: 3 }, resume: false }, (m) => {
    messages.push(m);
    // After the first checkpoint is saved, the disk fails for the next one.
    if (m.type === 'epoch-end' && ++epochs === 1) restore = failingWrites(code, 1);
  });
  (restore as (() => void) | null)?.();
  const end = messages.at(-1);
  const text = end?.type === 'failed' ? end.message : String(end?.type);
  const damage = weightsIntact(file);
  const leftovers = fs.readdirSync(path.dirname(file)).filter((f) => f.endsWith('.tmp'));
  const ok = new RegExp(`cannot save the checkpoint .*${code}`).test(text) && damage === null && leftovers.length === 0;
  return { name: `disk ${code === 'ENOSPC' ? 'full' : 'read-only'} when saving weights`, ok, detail: `${text}${damage ? ` — ${damage}` : '; last weights intact'}${leftovers.length ? `; temporary files left: ${leftovers}` : ''}`, ms: performance.now() - t0 };
}

/**
 * A genuinely read-only disk, where the system allows it: this bundle re-run under `unshare --map-root-user --mount`
 * (a private mount namespace; nothing changes on the host) mounts a tmpfs, trains there, and remounts it read-only
 * after the first checkpoint, so the second save meets a real EROFS from the kernel. chmod cannot do this here: root
 * ignores file modes. Returns null (the caller falls back to the injected EROFS and says so) where unshare is refused.
 */
function realReadOnlyFault(selfScript: string): FaultResult | { readonly unavailable: string } {
  const t0 = performance.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wg-erofs-'));
  try {
    const r = spawnSync('unshare', ['--map-root-user', '--mount', process.execPath, selfScript, READ_ONLY_CHILD, dir], { encoding: 'utf8', timeout: 180_000 });
    if (r.error || r.status !== 0) return { unavailable: (r.error?.message ?? r.stderr.trim().split('\n').pop() ?? `exit ${r.status}`).slice(0, 200) };
    const { text, damage, leftovers } = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as { text: string; damage: string | null; leftovers: string[] };
    const ok = /cannot save the checkpoint .*EROFS/.test(text) && damage === null && leftovers.length === 0;
    return {
      name: 'disk read-only when saving weights (a real read-only tmpfs: unshare --mount, remount ro)',
      ok,
      detail: `${text}${damage ? ` — ${damage}` : '; last weights intact'}${leftovers.length ? `; temporary files left: ${leftovers}` : ''}`,
      ms: performance.now() - t0,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The flag that makes the reliability bundle run `readOnlyChild` instead of the whole run. */
export const READ_ONLY_CHILD = '--read-only-child';

/** Inside the private mount namespace: train on a tmpfs at `dir`, turned read-only after the first epoch's checkpoint. */
export async function readOnlyChild(dir: string): Promise<void> {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64m', 'tmpfs', dir]);
  const file = path.join(dir, 'fault.nn.json');
  fs.writeFileSync(file, JSON.stringify(GRAPH));
  const messages: WorkerMessage[] = [];
  let epochs = 0;
  await runTrainingJob({ graphFile: file, overrides: { epochs: 3 }, resume: false }, (m) => {
    messages.push(m);
    if (m.type === 'epoch-end' && ++epochs === 1) execFileSync('mount', ['-o', 'remount,ro', dir]);
  });
  const end = messages.at(-1);
  const text = end?.type === 'failed' ? end.message : String(end?.type);
  const leftovers = fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'));
  process.stdout.write(`${JSON.stringify({ text, damage: weightsIntact(file), leftovers })}\n`);
}

function exportFault(): FaultResult {
  const t0 = performance.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wg-fault-'));
  const target = path.join(dir, 'model.onnx');
  fs.writeFileSync(target, 'previous export');
  const restore = failingWrites('ENOSPC', 1);
  let message = '';
  try {
    writeFileAtomic(target, Buffer.alloc(1 << 20, 1));
  } catch (err) {
    message = (err as Error).message;
  } finally {
    restore();
  }
  const intact = fs.readFileSync(target, 'utf8') === 'previous export';
  const leftovers = fs.readdirSync(dir).filter((f) => f !== 'model.onnx');
  return {
    name: 'disk full when exporting (the atomic writer every export uses)',
    ok: /ENOSPC/.test(message) && intact && leftovers.length === 0,
    detail: `${message}; previous file ${intact ? 'intact' : 'DAMAGED'}${leftovers.length ? `, left ${leftovers}` : ''}`,
    ms: performance.now() - t0,
  };
}

export async function runFaults(workerScript: string, selfScript: string): Promise<FaultResult[]> {
  const none = () => undefined;
  const real = realReadOnlyFault(selfScript);
  const readOnly = 'unavailable' in real ? [{ ...(await diskFault('EROFS')), name: `disk read-only when saving weights (EROFS injected into fs.writeSync: unshare refused here: ${real.unavailable})` }] : [real];
  return [
    await workerFault(workerScript, 'worker killed mid-step', null, (s) => setTimeout(() => s.terminate(), 30), /^cancelled$/),
    await workerFault(workerScript, 'worker throwing', 'throw', none, /the training worker crashed: fault injected/),
    await workerFault(workerScript, 'worker hanging (no heartbeat)', 'hang', none, /sent nothing for 2 s \(no heartbeat, no layer finished\); it was terminated/, { silenceLimitMs: 2000 }),
    // The same silence limit, a live step longer than it: the run goes on until the host's Stop (at the first epoch end,
    // obeyed once the long step is over) ends it as cancelled.
    await workerFault(workerScript, 'a single step longer than the silence limit (alive: layers finish)', 'slow', (s) => s.cancel(), /^cancelled$/, { silenceLimitMs: 2000 }),
    await workerFault(workerScript, 'worker out of memory', 'oom', none, /ran out of memory \(heap limit 64 MB\)/, { maxHeapMb: 64 }),
    await diskFault('ENOSPC'),
    ...readOnly,
    exportFault(),
  ];
}
