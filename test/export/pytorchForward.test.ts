/**
 * The exported PyTorch model computes wiregrad's function: for every example network and a graph holding every
 * block, `wiregrad export --to pytorch` then the export's own verify.py (strict load_state_dict, float64 on both
 * sides) must agree to 1e-5 of the output's scale. Graphs with batchnorm get random weights and running statistics
 * (fresh ones are γ = 1, β = 0, mean 0, var 1, which would hide a layout error).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveWeights } from '../../engine/checkpoint/weights';
import { parseGraphText } from '../../engine/graph/parse';
import { isExpressionGraph } from '../../engine/graph/types';
import { buildModel } from '../../engine/model/model';
import { Rng } from '../../engine/random/rng';
import { analyzeGraph } from '../../engine/shape/analyze';
import { torchPython, torchStatus } from './torch';

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'bin', 'wiregrad.js');
/**
 * VGG-16 and AlexNet (199 M parameters between them) take minutes to initialise, export and run in float64; they
 * are checked when WIREGRAD_TORCH_BIG=1, which CI (.ci/run) sets, so a local `vitest run` stays quick.
 */
const BIG = new Set(['vgg16', 'alexnet']);
const runBig = Boolean(process.env.WIREGRAD_TORCH_BIG);
/** Every example network (expression graphs of the backprop lab are not networks), the every-block graph and the layout cases. */
const ALL_GRAPHS = [
  ...fs
    .readdirSync(path.join(ROOT, 'examples'))
    .filter((f) => f.endsWith('.nn.json') && !isExpressionGraph(parseGraphText(fs.readFileSync(path.join(ROOT, 'examples', f), 'utf8')).graph ?? {}))
    .sort()
    .map((f) => path.join(ROOT, 'examples', f)),
  path.join(__dirname, 'every-block.nn.json'),
  path.join(__dirname, 'fixtures', 'pytorch-layouts.nn.json'),
];
const GRAPHS = ALL_GRAPHS.filter((g) => runBig || !BIG.has(path.basename(g, '.nn.json')));
const SKIPPED = ALL_GRAPHS.filter((g) => !GRAPHS.includes(g)).map((g) => path.basename(g, '.nn.json'));
let dir = '';

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiregrad-pytorch-forward-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Random weights for every tensor of a graph with batchnorm (running variances positive), saved where export finds them. */
function randomWeights(graphFile: string, target: string): boolean {
  const graph = parseGraphText(fs.readFileSync(graphFile, 'utf8')).graph!;
  const analysis = analyzeGraph(graph);
  if (analysis.totals.nonTrainableParams === 0) return false;
  const model = buildModel(graph, analysis, { seed: 7 });
  const rng = new Rng(11);
  for (const p of model.params) {
    for (let i = 0; i < p.value.length; i++) {
      p.value[i] = p.name === 'running_var' ? 0.5 + rng.uniform() : p.name === 'weight' ? p.value[i] : 0.3 * rng.normal();
    }
  }
  saveWeights(target, model.params, { graph: graph.name, globalStep: 0 });
  return true;
}

interface Report {
  ok: boolean;
  output: { maxRelativeDifference: number };
  logits?: { maxRelativeDifference: number };
}

/** Runs every export's verify.py in one Python process (importing torch once, not once per graph). */
function verifyAll(folders: readonly string[]): Map<string, Report> {
  const driver = [
    'import json, os, runpy, sys',
    'for folder in sys.argv[1:]:',
    '    os.chdir(folder)',
    '    sys.path.insert(0, folder)',
    '    sys.modules.pop("model", None)',
    '    try:',
    '        runpy.run_path("verify.py", run_name="__main__")',
    '    except SystemExit:',
    '        pass',
    '    sys.path.remove(folder)',
  ].join('\n');
  const r = spawnSync(torchPython!, ['-c', driver, ...folders], { encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1' } });
  if (r.status !== 0) throw new Error(`verify.py failed: ${r.stderr.slice(-2000)}`);
  const reports = r.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Report & { graph: string });
  return new Map(reports.map((rep, i) => [folders[i], rep]));
}

describe.skipIf(!torchPython)(`exported PyTorch models match wiregrad's forward ${torchStatus}`, () => {
  const folders = new Map<string, string>();
  let reports = new Map<string, Report>();

  beforeAll(() => {
    for (const graphFile of GRAPHS) {
      const name = path.basename(graphFile, '.nn.json');
      const out = path.join(dir, name);
      const weights = path.join(dir, `${name}.safetensors`);
      const args = ['export', graphFile, '--to', 'pytorch', '--out', out];
      if (randomWeights(graphFile, weights)) args.push('--weights', weights);
      const exported = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
      if (exported.status !== 0) throw new Error(`export of ${name} failed: ${exported.stderr}`);
      folders.set(name, out);
    }
    reports = verifyAll([...folders.values()]);
  }, 1_800_000);

  it.each(GRAPHS.map((g) => path.basename(g, '.nn.json')))('%s', (name) => {
    const report = reports.get(folders.get(name)!);
    expect(report, `no verify.py report for ${name}`).toBeDefined();
    process.stdout.write(`${name}: output ${report!.output.maxRelativeDifference.toExponential(2)}${report!.logits ? `, logits ${report!.logits.maxRelativeDifference.toExponential(2)}` : ''} (relative)\n`);
    expect(report!.output.maxRelativeDifference).toBeLessThanOrEqual(1e-5);
    if (report!.logits) expect(report!.logits.maxRelativeDifference).toBeLessThanOrEqual(1e-5);
    expect(report!.ok).toBe(true);
  });

  for (const name of SKIPPED) it.skip(`${name} (set WIREGRAD_TORCH_BIG=1, as CI does)`, () => {});
});
