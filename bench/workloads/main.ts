/**
 * `npm run bench`: wiregrad against TensorFlow.js (and PyTorch as a native yardstick, when scripts/torch/install.sh
 * has installed it) on the three networks of the peer yardstick (W1 mlp, W2 LeNet,
 * W3 4-conv CIFAR-style; bench/workloads/spec.ts), interleaved in one run, every cell in its own child process.
 * Prints training and inference samples/s, wiregrad / best peer per workload, wiregrad's thread scaling on W3,
 * SGEMM GFLOP/s (1024³ and the GEMMs of W3's layers) and issue 9's targets with PASS/MISS.
 *
 *   node dist/bench/workloads.js [--workloads w1,w2,w3] [--peers tfjs-wasm,tfjs-wasm-mt,tfjs-cpu] [--quick]
 *        [--repeat N] [--threads N] [--no-gemm] [--gemm-only] [--gemm-sizes 1024,w3] [--tfjs-cpu-w3] [--json FILE]
 *        [--no-residual]
 *
 * The machine may be shared: every figure is a median step, cells of one workload run back to back (so a busy
 * moment hits neighbours alike), and the load average is printed per cell. Never read one run's ratio as exact.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { median } from '../../engine/bench/timing';
import { FULL_PLAN, GEMM_PLAN, QUICK_PLAN, RESULT_PREFIX, requestFromArgv, runChild, type CellRequest, type CellResult, type Mode } from './cell';
import { analyze, LEARNING_RATE, RESIDUAL, WORKLOADS, workload as workloadSpec, type GemmShape, type Workload } from './spec';
import { runWiregradCell } from './wiregradCell';

const PEERS = ['tfjs-wasm', 'tfjs-wasm-mt', 'tfjs-cpu', 'pytorch'] as const;
type Peer = (typeof PEERS)[number];
const PEER_LABEL: Record<string, string> = { 'tfjs-wasm': 'tfjs-wasm 1 thr', 'tfjs-wasm-mt': 'tfjs-wasm 2 thr', 'tfjs-cpu': 'tfjs-cpu', pytorch: 'PyTorch 2 thr' };
/**
 * The Python that runs the PyTorch column: $WIREGRAD_TORCH_PYTHON, else the venv scripts/torch/install.sh makes (as
 * the PyTorch export tests use). PyTorch is a yardstick (native oneDNN kernels), not a peer the targets count.
 */
const TORCH_PYTHON = process.env.WIREGRAD_TORCH_PYTHON || path.join(os.homedir(), '.cache', 'wiregrad-torch', 'bin', 'python');
const TORCH_SCRIPT = path.join(__dirname, '..', '..', 'bench', 'workloads', 'torchPeer.py');

/** The torch version, or why the PyTorch column cannot run. */
function probeTorch(): { version: string } | { missing: string } | { slow: string } {
  // `import torch` takes seconds on a quiet machine and minutes on a loaded one.
  const r = spawnSync(TORCH_PYTHON, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8', timeout: 300_000 });
  const code = (r.error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ETIMEDOUT') return { slow: `${TORCH_PYTHON} did not import torch within 300 s` };
  if (r.error || r.status !== 0) return { missing: r.error ? `${TORCH_PYTHON}: ${code ?? r.error.message}` : `${TORCH_PYTHON} cannot import torch` };
  if (!fs.existsSync(TORCH_SCRIPT)) return { missing: `${TORCH_SCRIPT} not found` };
  return { version: r.stdout.trim() };
}

/** Issue 9's targets: wiregrad's training samples/s over the best tfjs-wasm figure (1 or 2 threads). */
const TRAIN_TARGETS: Record<string, number> = { w1: 3, w2: 3, w3: 4 };
const THREAD_SCALING_TARGET = 1.7;
const SGEMM_TARGET = 1.3;

interface Options {
  readonly workloads: Workload[];
  readonly peers: Peer[];
  readonly quick: boolean;
  readonly repeat: number;
  readonly threads: number;
  readonly gemm: boolean;
  readonly workloadsOn: boolean;
  readonly gemmSizes: string[];
  readonly cpuW3: boolean;
  readonly json: string | null;
  /** The R1 row: a residual net with batchnorm on the WASM kernels (N and 1 threads) and on the TypeScript kernels. */
  readonly residual: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  const value = (name: string) => {
    const i = argv.indexOf(name);
    return i < 0 ? undefined : argv[i + 1];
  };
  const known = ['--no-residual', '--workloads', '--peers', '--quick', '--repeat', '--threads', '--no-gemm', '--gemm-only', '--gemm-sizes', '--tfjs-cpu-w3', '--json'];
  const unknown = argv.filter((a) => a.startsWith('--') && !known.includes(a));
  if (unknown.length) fail(`unknown option ${unknown[0]}; options: ${known.join(' ')}`);
  const ids = (value('--workloads') ?? 'w1,w2,w3').split(',');
  const workloads = ids.map((id) => WORKLOADS.find((w) => w.id === id) ?? fail(`unknown workload ${id} (w1, w2, w3)`));
  const peerList = value('--peers');
  const peers = (peerList === undefined ? [...PEERS] : peerList === '' || peerList === 'none' ? [] : peerList.split(',')).map((p) =>
    (PEERS as readonly string[]).includes(p) ? (p as Peer) : fail(`unknown peer ${p} (${PEERS.join(', ')})`),
  );
  const whole = (name: string, fallback: number) => {
    const raw = value(name);
    const v = raw === undefined ? fallback : Number(raw);
    if (!Number.isInteger(v) || v < 1 || v > 256) fail(`${name} needs a whole number from 1 to 256; got ${raw}`);
    return v;
  };
  return {
    workloads,
    peers,
    quick: argv.includes('--quick'),
    repeat: whole('--repeat', 1),
    threads: whole('--threads', os.availableParallelism()),
    gemm: !argv.includes('--no-gemm'),
    workloadsOn: !argv.includes('--gemm-only'),
    gemmSizes: (value('--gemm-sizes') ?? '1024,w3').split(','),
    cpuW3: argv.includes('--tfjs-cpu-w3'),
    json: value('--json') ?? null,
    residual: !argv.includes('--no-residual') && !argv.includes('--gemm-only'),
  };
}

function fail(message: string): never {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

function gemmShapes(sizes: readonly string[]): GemmShape[] {
  return sizes.flatMap((s) => {
    if (s === 'w3') return analyze(WORKLOADS[2]).gemms.map((g) => ({ ...g, name: `W3 ${g.name}` }));
    const n = Number(s);
    if (!Number.isInteger(n) || n < 1 || n > 4096) fail(`--gemm-sizes takes w3 or a whole number n (an n³ GEMM) up to 4096; got ${s}`);
    return [{ name: `${n}³`, m: n, k: n, n }];
  });
}

/**
 * tfjs-cpu's conv filter gradient takes ~190 s per W3 training step and seconds per W2 step
 * (../shared/bench/peers/RESULTS.md): W3 runs only with --tfjs-cpu-w3, and conv nets not at all in quick mode.
 */
function skipsTraining(runner: string, w: Workload, o: Options): boolean {
  if (runner !== 'tfjs-cpu') return false;
  return (w.id === 'w3' && !o.cpuW3) || (o.quick && w.layers.some((l) => l.t === 'conv'));
}

/** Runs one cell in a fresh Node process: wiregrad cells in this bundle, tfjs cells in dist/bench/tfjsPeer.js. */
function spawnCell(request: CellRequest): CellResult {
  const script = request.runner.startsWith('tfjs') ? path.join(__dirname, 'tfjsPeer.js') : __filename;
  const [command, args] = request.runner === 'pytorch'
    ? [TORCH_PYTHON, [TORCH_SCRIPT, '--cell', JSON.stringify({ ...request, spec: workloadSpec(request.workload), learningRate: LEARNING_RATE })]]
    : [process.execPath, [script, '--cell', JSON.stringify(request)]];
  const p = spawnSync(command, args, { encoding: 'utf8', timeout: 15 * 60_000, maxBuffer: 64 << 20 });
  const line = (p.stdout ?? '').split('\n').find((l) => l.startsWith(RESULT_PREFIX));
  if (!line) {
    const why = p.error ? p.error.message : `exit ${p.status}${p.signal ? ` ${p.signal}` : ''}`;
    const tail = `${p.stderr ?? ''}${p.stdout ?? ''}`.trim().split('\n').slice(-3).join(' | ');
    return { info: {}, modes: {}, error: `${why}: ${tail}`.slice(0, 400) };
  }
  return JSON.parse(line.slice(RESULT_PREFIX.length)) as CellResult;
}

interface Column {
  readonly key: string;
  label: string;
  readonly runner: string;
  readonly threads: number;
}

const fmt = (x: number | undefined) =>
  x === undefined || !Number.isFinite(x) ? '—' : x >= 100 ? Math.round(x).toLocaleString('en-US') : x >= 10 ? x.toFixed(1) : x.toFixed(2);
const ratio = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? '—' : `${x.toFixed(2)}×`);
const verdict = (x: number | undefined, target: number) => (x === undefined || !Number.isFinite(x) ? '' : x >= target ? 'PASS' : 'MISS');

function table(header: string[], rows: string[][]): string {
  const line = (r: string[]) => `| ${r.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function residualColumns(o: Options): Column[] {
  const cols: Column[] = [{ key: 'wg', label: `wiregrad ${o.threads} thr`, runner: 'wiregrad', threads: o.threads }];
  if (o.threads !== 1) cols.push({ key: 'wg1', label: 'wiregrad 1 thr', runner: 'wiregrad', threads: 1 });
  cols.push({ key: 'ts', label: 'TypeScript kernels 1 thr', runner: 'wiregrad-ts', threads: 1 });
  return cols;
}

function main(): void {
  const o = parseOptions(process.argv.slice(2));
  const plan = o.quick ? QUICK_PLAN : FULL_PLAN;
  const gemmPlan = o.quick ? QUICK_PLAN : GEMM_PLAN;
  const torch = o.peers.includes('pytorch') ? probeTorch() : null;
  if (torch && !('version' in torch)) o.peers.splice(o.peers.indexOf('pytorch'), 1);
  const columns: Column[] = [{ key: 'wg', label: `wiregrad ${o.threads} thr`, runner: 'wiregrad', threads: o.threads }];
  if (o.threads !== 1) columns.push({ key: 'wg1', label: 'wiregrad 1 thr', runner: 'wiregrad', threads: 1 });
  for (const p of o.peers) columns.push({ key: p, label: PEER_LABEL[p], runner: p, threads: p === 'tfjs-wasm-mt' || p === 'pytorch' ? 2 : 1 });
  const log = (s: string) => process.stderr.write(s + '\n');
  const load = () => os.loadavg().map((x) => x.toFixed(1)).join(' ');

  const cells: Record<string, CellResult[]> = {};
  const started = new Date();
  log(`npm run bench — ${os.cpus()[0]?.model ?? 'cpu'}, ${os.availableParallelism()} cores, node ${process.version}, load ${load()}`);
  let dwCheck: number | string | undefined;
  if (o.peers.includes('tfjs-wasm') && o.workloadsOn && o.workloads.some((w) => w.layers.some((l) => l.t === 'conv'))) {
    const res = spawnCell({ runner: 'tfjs-wasm', workload: 'check-dw', modes: [], threads: 1, plan });
    dwCheck = typeof res.info.conv2DBackpropFilterMaxRelError === 'number' ? res.info.conv2DBackpropFilterMaxRelError : res.error ?? '?';
    log(`tfjs-wasm Conv2DBackpropFilter (registered by this bench) vs tfjs-cpu's kernel: max relative error ${dwCheck}`);
  }
  for (let r = 0; r < o.repeat; r++) {
    if (o.workloadsOn) {
      for (const w of o.workloads) {
        for (const c of columns) {
          // tfjs-cpu's conv filter gradient takes ~190 s per W3 step (../shared/bench/peers/RESULTS.md).
          const modes: Mode[] = skipsTraining(c.runner, w, o) ? ['infer'] : ['train', 'infer'];
          const t0 = Date.now();
          const res = spawnCell({ runner: c.runner, workload: w.id, modes, threads: c.threads, plan });
          (cells[`${w.id}|${c.key}`] ??= []).push(res);
          const m = res.modes;
          const show = (k: Mode) => (m[k] ? (m[k]!.error ? `${k} ERROR ${m[k]!.error}` : `${k} ${fmt(m[k]!.samplesPerSec)}/s`) : '');
          log(`[${r + 1}/${o.repeat}] ${w.id} ${c.label}: ${res.error ? `ERROR ${res.error}` : `${show('train')} ${show('infer')}`} (${((Date.now() - t0) / 1000).toFixed(0)} s, load ${res.loadavg?.map((x) => x.toFixed(1)).join('→') ?? '?'})`);
        }
      }
    }
    if (o.residual) {
      for (const c of residualColumns(o)) {
        const res = spawnCell({ runner: c.runner, workload: RESIDUAL.id, modes: ['train', 'infer'], threads: c.threads, plan });
        (cells[`${RESIDUAL.id}|${c.key}`] ??= []).push(res);
        const m = res.modes;
        log(`[${r + 1}/${o.repeat}] ${RESIDUAL.id} ${c.label}: ${res.error ? `ERROR ${res.error}` : `train ${fmt(m.train?.samplesPerSec)}/s infer ${fmt(m.infer?.samplesPerSec)}/s`} (load ${res.loadavg?.map((x) => x.toFixed(1)).join('→') ?? '?'})`);
      }
    }
    if (o.gemm) {
      const shapes = gemmShapes(o.gemmSizes);
      const gemmColumns = columns.filter((c) => c.runner !== 'tfjs-cpu' && c.runner !== 'pytorch');
      for (const c of gemmColumns) {
        const res = spawnCell({ runner: c.runner, workload: 'gemm', modes: [], threads: c.threads, plan: gemmPlan, gemms: shapes });
        (cells[`gemm|${c.key}`] ??= []).push(res);
        log(`[${r + 1}/${o.repeat}] GEMM ${c.label}: ${res.error ? `ERROR ${res.error}` : res.gemm!.map((g) => `${g.shape.name} ${fmt(g.gflops)}`).join(', ')} GFLOP/s`);
      }
    }
  }

  const out: string[] = [];
  // A column is named after the threads its backend really ran (a backend without threads runs 1 whatever is asked).
  for (const c of columns) {
    if (c.runner !== 'wiregrad') continue;
    const ran = Object.entries(cells).find(([k]) => k.endsWith(`|${c.key}`))?.[1].find((r) => typeof r.info.threads === 'number')?.info.threads;
    if (typeof ran === 'number' && ran !== c.threads) c.label = `wiregrad ${c.threads} thr asked, ${ran} ran`;
  }
  const first = (key: string) => Object.entries(cells).find(([k]) => k.endsWith(`|${key}`))?.[1].find((c) => Object.keys(c.info).length > 0)?.info;
  const wgInfo = first('wg');
  out.push(`## npm run bench — ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC`);
  out.push('');
  out.push(`Machine: ${os.cpus()[0]?.model ?? 'cpu'}, ${os.availableParallelism()} cores, node ${process.version}; load average at the end ${load()}.`);
  out.push(`wiregrad backend at ${o.threads} thread${o.threads === 1 ? '' : 's'} asked: ${wgInfo?.description ?? '?'}${o.threads !== 1 ? `; at 1 thread: ${first('wg1')?.description ?? '?'}` : ''}.`);
  if (torch) {
    out.push('version' in torch
      ? `PyTorch: torch ${torch.version} on the CPU, ${String(first('pytorch')?.threads ?? 2)} threads (torch.set_num_threads), NCHW, its default initialisation, the same batch, loss and SGD rate (bench/workloads/torchPeer.py): a yardstick of native kernels, not counted as "best peer".`
      : 'missing' in torch
        ? `PyTorch: not installed (scripts/torch/install.sh) — ${torch.missing}.`
        : `PyTorch: not measured — ${torch.slow} (the machine is loaded).`);
  }
  const tfjsPeers = o.peers.filter((p) => p.startsWith('tfjs'));
  if (tfjsPeers.length) {
    const tfv = first(tfjsPeers[0])?.tfjs ?? '?';
    out.push(
      `Peers: TensorFlow.js ${tfv}, raw tfjs-core API (variables, fused conv2d/matMul + bias + relu, maxPool, softmaxCrossEntropy, sgd(0.01).minimize; inference read back with dataSync).`,
    );
    if (o.peers.some((p) => p.startsWith('tfjs-wasm'))) {
      out.push(
        "tfjs-backend-wasm 4.22 has no Conv2DBackpropFilter kernel (conv training throws as shipped): this bench registers one built from the backend's own Conv2D + Transpose" +
          (dwCheck === undefined ? '. ' : typeof dwCheck === 'number' ? ` (checked against tfjs-cpu's kernel on W2/W3 conv shapes: max relative error ${dwCheck.toExponential(1)}). ` : ` (its check against tfjs-cpu failed: ${dwCheck}). `) +
          'tfjs-wasm 2 threads needs a shim to run threads under Node at all (temp files for its blob: workers, os.cpus() doubled for its pool cap).',
      );
    }
  }
  out.push(`Each cell in its own process; samples/s = batch / median step (${o.quick ? 'quick mode: ≥ 2 steps' : 'warm-up ≥ 1.5 s, then ≥ 5 steps and ≥ 5 s'})${o.repeat > 1 ? `, median over ${o.repeat} runs` : ''}.`);
  out.push('');

  const figure = (key: string, mode: Mode): number | undefined => {
    const v = (cells[key] ?? []).map((c) => c.modes[mode]?.samplesPerSec).filter((x): x is number => typeof x === 'number');
    return v.length ? median(v) : undefined;
  };
  const failure = (key: string, mode: Mode): string | undefined => (cells[key] ?? []).map((c) => c.error ?? c.modes[mode]?.error).find(Boolean);
  const summary: Record<string, unknown> = {};
  if (o.workloadsOn) {
    for (const mode of ['train', 'infer'] as const) {
      out.push(mode === 'train' ? '### Training samples/s (forward + backward + SGD)' : '### Inference samples/s (forward)');
      out.push('');
      const rows = o.workloads.map((w) => {
        const wg = figure(`${w.id}|wg`, mode);
        const peerValues = o.peers.map((p) => figure(`${w.id}|${p}`, mode));
        const wasmBest = Math.max(...o.peers.map((p, i) => (p.startsWith('tfjs-wasm') ? peerValues[i] ?? -Infinity : -Infinity)));
        const best = Math.max(...o.peers.map((p, i) => (p.startsWith('tfjs') ? peerValues[i] ?? -Infinity : -Infinity)));
        const r = wg !== undefined && best > 0 ? wg / best : undefined;
        const pt = figure(`${w.id}|pytorch`, mode);
        const vsTorch = o.peers.includes('pytorch') ? [ratio(wg !== undefined && pt ? wg / pt : undefined)] : [];
        const target = TRAIN_TARGETS[w.id];
        const cellsText = columns.map((c) => {
          const v = figure(`${w.id}|${c.key}`, mode);
          if (v !== undefined) return fmt(v);
          if (mode === 'train' && skipsTraining(c.runner, w, o)) return w.id === 'w3' ? 'not run (~190 s/step)' : 'not run (quick)';
          const e = failure(`${w.id}|${c.key}`, mode);
          return e ? `ERROR: ${e.slice(0, 80)}` : '—';
        });
        const goal = mode === 'train' && o.peers.some((p) => p.startsWith('tfjs-wasm')) && wg !== undefined && wasmBest > 0
          ? `${ratio(wg / wasmBest)} vs ≥ ${target}× → ${verdict(wg / wasmBest, target)}`
          : '';
        summary[`${w.id}.${mode}`] = { wiregrad: wg, peers: Object.fromEntries(o.peers.map((p, i) => [p, peerValues[i]])), ratioBestPeer: r, ratioBestWasm: wasmBest > 0 && wg !== undefined ? wg / wasmBest : undefined };
        const losses = mode === 'train' ? cells[`${w.id}|wg`]?.[0]?.modes.train : undefined;
        const lossText = losses?.firstLoss !== undefined && losses.lastLoss !== undefined ? ` (loss ${losses.firstLoss.toFixed(2)}→${losses.lastLoss.toFixed(2)} after ${losses.updates ?? '?'} updates)` : '';
        return [`${w.id.toUpperCase()} ${w.name}, batch ${w.batch}${lossText}`, ...cellsText, ratio(r), ...vsTorch, ...(mode === 'train' ? [goal] : [])];
      });
      const header = [
        'workload', ...columns.map((c) => c.label), `${columns[0].label} / best tfjs peer`,
        ...(o.peers.includes('pytorch') ? [`${columns[0].label} / PyTorch`] : []), ...(mode === 'train' ? ['issue 9 target (vs best tfjs-wasm)'] : []),
      ];
      out.push(table(header, rows));
      out.push('');
    }
    const w3 = o.workloads.find((w) => w.id === 'w3');
    if (w3 && o.threads !== 1) {
      const n = figure('w3|wg', 'train');
      const one = figure('w3|wg1', 'train');
      const s = n !== undefined && one !== undefined ? n / one : undefined;
      summary.w3ThreadScaling = s;
      out.push(`W3 training, wiregrad ${o.threads} threads / 1 thread: ${ratio(s)} (target ≥ ${THREAD_SCALING_TARGET}× → ${verdict(s, THREAD_SCALING_TARGET) || '—'})`);
      out.push('');
    }
  }
  const rss = [...o.workloads.map((w) => w.id), ...(o.residual ? [RESIDUAL.id] : [])]
    .map((id) => [id, (cells[`${id}|wg`] ?? []).map((c) => c.info.peakRssMiB).find((v) => typeof v === 'number')] as const)
    .filter(([, v]) => v !== undefined);
  if (rss.length) {
    out.push(`Peak RSS of the wiregrad ${o.threads}-thread cell processes (Node + model + wasm heap, after training and inference): ${rss.map(([id, v]) => `${id.toUpperCase()} ${v} MiB`).join(', ')}.`);
    out.push('');
  }
  if (o.residual) {
    const rc = residualColumns(o);
    out.push(`### ${RESIDUAL.id.toUpperCase()} ${RESIDUAL.name}, batch ${RESIDUAL.batch}: wiregrad's WASM kernels against its TypeScript kernels (no peer runs it)`);
    out.push('');
    const rows = (['train', 'infer'] as const).map((mode) => {
      const v = rc.map((c) => figure(`${RESIDUAL.id}|${c.key}`, mode));
      const ts = v[v.length - 1];
      const losses = mode === 'train' ? cells[`${RESIDUAL.id}|${rc[0].key}`]?.[0]?.modes.train : undefined;
      const lossText = losses?.firstLoss !== undefined && losses.lastLoss !== undefined ? ` (loss ${losses.firstLoss.toFixed(2)}→${losses.lastLoss.toFixed(2)} after ${losses.updates ?? '?'} updates)` : '';
      summary[`${RESIDUAL.id}.${mode}`] = Object.fromEntries(rc.map((c, i) => [c.key, v[i]]));
      return [`${mode === 'train' ? 'training' : 'inference'} samples/s${lossText}`, ...v.map(fmt), ratio(v[0] !== undefined && ts ? v[0] / ts : undefined)];
    });
    out.push(table(['R1', ...rc.map((c) => c.label), `${rc[0].label} / TypeScript kernels`], rows));
    out.push('');
  }
  if (o.gemm) {
    const gemmColumns = columns.filter((c) => c.runner !== 'tfjs-cpu' && c.runner !== 'pytorch');
    const shapes = gemmShapes(o.gemmSizes);
    const gf = (key: string, i: number) => {
      const v = (cells[`gemm|${key}`] ?? []).map((c) => c.gemm?.[i]?.gflops).filter((x): x is number => typeof x === 'number');
      return v.length ? median(v) : undefined;
    };
    out.push('### SGEMM GFLOP/s, C = A·B float32 (wiregrad: the backend\'s matmul; tfjs: tf.matMul + dataSync)');
    out.push('');
    const hasWasm = o.peers.includes('tfjs-wasm');
    const rows = shapes.map((s, i) => {
      const wg1 = gf(o.threads === 1 ? 'wg' : 'wg1', i);
      const peer = gf('tfjs-wasm', i);
      const r = wg1 !== undefined && peer !== undefined ? wg1 / peer : undefined;
      if (s.m === s.n && s.k === s.n) summary[`sgemm${s.n}`] = { wiregrad1: wg1, tfjsWasm1: peer, ratio: r };
      return [
        `${s.name} (M ${s.m}, K ${s.k}, N ${s.n})`,
        ...gemmColumns.map((c) => fmt(gf(c.key, i))),
        ...(hasWasm ? [`${ratio(r)}${s.m === 1024 && s.k === 1024 && s.n === 1024 ? ` (target ≥ ${SGEMM_TARGET}× → ${verdict(r, SGEMM_TARGET)})` : ''}`] : []),
      ];
    });
    out.push(table(['GEMM', ...gemmColumns.map((c) => c.label), ...(hasWasm ? ['wiregrad 1 thr / tfjs-wasm 1 thr'] : [])], rows));
    out.push('');
  }
  process.stdout.write(out.join('\n') + '\n');
  if (o.json) {
    fs.writeFileSync(o.json, JSON.stringify({ date: started.toISOString(), node: process.version, cpu: os.cpus()[0]?.model, cores: os.availableParallelism(), conv2DBackpropFilterMaxRelError: dwCheck, summary, cells }, null, 1));
  }
}

const request = requestFromArgv(process.argv);
if (request) void runChild(runWiregradCell, request);
else main();
