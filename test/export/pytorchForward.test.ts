/**
 * The exported PyTorch model computes wiregrad's function: for every example network and a graph holding every
 * block, `wiregrad export --to pytorch` then the export's own verify.py (strict load_state_dict, float64 on both
 * sides) must agree to 1e-5 of the output's scale. Graphs with batchnorm get random weights and running statistics
 * (fresh ones are γ = 1, β = 0, mean 0, var 1, which would hide a layout error).
 *
 * AlexNet and VGG-16 (over 20 M parameters or 2 GMACs) cost minutes here — wiregrad's float64 forward of the verify
 * batch and 138 M weights written and read — so by default they get the structure check, as the ONNX tests do: model.py
 * built on PyTorch's meta device (no memory, no arithmetic) has exactly the state_dict keys of the export's tensor
 * table, each with wiregrad's number of values, the parameter count to the unit, and the output shape wiregrad
 * computed. WIREGRAD_TORCH_BIG=1 (which .ci/run sets) runs their numbers too.
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
import { exportableGraph } from '../../engine/export/pytorch/exportable';
import { generateModelPy } from '../../engine/export/pytorch/modelPy';
import { tensorTable } from '../../engine/export/pytorch/stateDict';
import { torchPython, torchStatus } from './torch';

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'bin', 'wiregrad.js');
/** Every example network (expression graphs of the backprop lab are not networks), the every-block graph and the layout cases. */
const GRAPHS = [
  ...fs
    .readdirSync(path.join(ROOT, 'examples'))
    .filter((f) => f.endsWith('.nn.json') && !isExpressionGraph(parseGraphText(fs.readFileSync(path.join(ROOT, 'examples', f), 'utf8')).graph ?? {}))
    .sort()
    .map((f) => path.join(ROOT, 'examples', f)),
  path.join(__dirname, 'every-block.nn.json'),
  path.join(__dirname, 'fixtures', 'pytorch-layouts.nn.json'),
];

/** Whether a graph gets only the structure check (see the header); WIREGRAD_TORCH_BIG=1 checks its numbers too. */
function isBig(graphFile: string): boolean {
  if (process.env.WIREGRAD_TORCH_BIG) return false;
  const { totalParams, totalMacs } = analyzeGraph(parseGraphText(fs.readFileSync(graphFile, 'utf8')).graph!).totals;
  return totalParams > 20e6 || totalMacs > 2e9;
}
const NUMBERS = GRAPHS.filter((g) => !isBig(g));
const STRUCTURE = GRAPHS.filter(isBig);
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
    for (const graphFile of NUMBERS) {
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

  it.each(NUMBERS.map((g) => path.basename(g, '.nn.json')))('%s', (name) => {
    const report = reports.get(folders.get(name)!);
    expect(report, `no verify.py report for ${name}`).toBeDefined();
    process.stdout.write(`${name}: output ${report!.output.maxRelativeDifference.toExponential(2)}${report!.logits ? `, logits ${report!.logits.maxRelativeDifference.toExponential(2)}` : ''} (relative)\n`);
    expect(report!.output.maxRelativeDifference).toBeLessThanOrEqual(1e-5);
    if (report!.logits) expect(report!.logits.maxRelativeDifference).toBeLessThanOrEqual(1e-5);
    expect(report!.ok).toBe(true);
  });

  /** model.py of each big graph built on the meta device, all in one Python process (torch imports once). */
  function probeStructures(): Map<string, { sizes: Record<string, number>; params: number; output: number[] }> {
    const folders = STRUCTURE.map((graphFile) => {
      const name = path.basename(graphFile, '.nn.json');
      const g = exportableGraph(parseGraphText(fs.readFileSync(graphFile, 'utf8')).graph!);
      const folder = path.join(dir, `${name}-structure`);
      fs.mkdirSync(folder, { recursive: true });
      fs.writeFileSync(path.join(folder, 'model.py'), generateModelPy(g, { sourceFile: path.basename(graphFile) }));
      const shape = g.input.outputShape!;
      fs.writeFileSync(path.join(folder, 'input.json'), JSON.stringify(shape.length === 3 ? [1, shape[2], shape[0], shape[1]] : [1, ...shape]));
      return folder;
    });
    const probe = [
      'import json, sys, torch',
      'for folder in sys.argv[1:]:',
      '    sys.path.insert(0, folder)',
      '    sys.modules.pop("model", None)',
      '    from model import Model',
      '    with torch.device("meta"):',
      '        model = Model()',
      '        out = model(torch.zeros(json.load(open(folder + "/input.json"))))',
      '    sizes = {k: v.numel() for k, v in model.state_dict().items() if not k.endswith("num_batches_tracked")}',
      '    print(json.dumps({"sizes": sizes, "params": sum(p.numel() for p in model.parameters()), "output": list(out.shape)}))',
      '    sys.path.remove(folder)',
    ].join('\n');
    const r = spawnSync(torchPython!, ['-c', probe, ...folders], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`the meta-device probe failed: ${r.stderr.slice(-2000)}`);
    const lines = r.stdout.split('\n').filter((l) => l.startsWith('{'));
    return new Map(STRUCTURE.map((g, i) => [path.basename(g, '.nn.json'), JSON.parse(lines[i])]));
  }
  let structures: ReturnType<typeof probeStructures> | null = null;

  it.runIf(STRUCTURE.length > 0).each(STRUCTURE.map((g) => path.basename(g, '.nn.json')))(
    '%s: state_dict keys and sizes, parameter count and output shape on the meta device (WIREGRAD_TORCH_BIG=1 for the numbers)',
    (name) => {
      structures ??= probeStructures();
      const got = structures.get(name);
      expect(got, `no probe result for ${name}`).toBeDefined();
      const graphFile = STRUCTURE.find((g) => path.basename(g, '.nn.json') === name)!;
      const g = exportableGraph(parseGraphText(fs.readFileSync(graphFile, 'utf8')).graph!);
      expect(got!.sizes).toEqual(Object.fromEntries(tensorTable(g).map((t) => [t.torch, t.shape.reduce((a, b) => a * b, 1)])));
      expect(got!.params).toBe(g.analysis.totals.trainableParams);
      const outShape = g.output.outputShape!;
      expect(got!.output).toEqual(outShape.length === 3 ? [1, outShape[2], outShape[0], outShape[1]] : [1, ...outShape]);
      process.stdout.write(`${name}: structure (${got!.params.toLocaleString('en-US')} parameters, output [${got!.output.join(', ')}])\n`);
    },
    300_000,
  );
});
