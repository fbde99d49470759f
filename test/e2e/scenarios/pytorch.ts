/**
 * Issue 10 in the real VS Code:
 *  - export: the toolbar's Export ONNX and Export PyTorch buttons write NAME.onnx (which onnxruntime-node loads and
 *    runs, giving the graph's output shape) and NAME.pytorch/ (model.py, train.py, weights, data), and open model.py;
 *  - Train with PyTorch: choose the PyTorch engine, press Train on a tiny MNIST network with the venv's Python
 *    (`wiregrad.pythonPath`), watch the charts fill from train.py's JSON lines, see the run finish and the weights
 *    written back beside the graph. Without the venv the scenario is reported as "skipped: no torch".
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { assert, waitUntil } from '../harness/poll';
import { ROOT } from '../harness/paths';
import { filesWrittenSince, readSafetensorsHeader } from '../harness/runFiles';
import type { GraphWebview } from '../harness/webview';
import { openGraph, type E2E } from './context';

export const PYTORCH_FILES = { export: 'export-lenet5.nn.json', train: 'train-torch.nn.json' } as const;

/** The Python of scripts/torch/install.sh's venv (or WIREGRAD_TORCH_PYTHON), as the PyTorch unit tests use. */
export const TORCH_PYTHON = process.env.WIREGRAD_TORCH_PYTHON || path.join(os.homedir(), '.cache', 'wiregrad-torch', 'bin', 'python');

/** Why the Train-with-PyTorch scenario cannot run here, or null when the venv imports torch. */
export function noTorch(): string | null {
  const r = spawnSync(TORCH_PYTHON, ['-c', 'import torch, safetensors, numpy'], { encoding: 'utf8', timeout: 120_000 });
  if (r.error) return `skipped: no torch (${TORCH_PYTHON}: ${(r.error as NodeJS.ErrnoException).code ?? r.error.message}; scripts/torch/install.sh installs it)`;
  if (r.status !== 0) return `skipped: no torch (${TORCH_PYTHON} cannot import torch, safetensors and numpy)`;
  return null;
}

/**
 * The scenarios' files, written before the window opens (VS Code reads the workspace settings then): a copy of
 * LeNet-5 to export, a softmax regression on 2,000 bundled digits to train in PyTorch, and `wiregrad.pythonPath`.
 */
export function writePytorchWorkspace(dir: string): void {
  fs.copyFileSync(path.join(ROOT, 'examples', 'lenet5.nn.json'), path.join(dir, PYTORCH_FILES.export));
  const graph = {
    format: 'wiregrad.graph',
    version: 1,
    name: 'Tiny MNIST softmax in PyTorch',
    nodes: [
      { id: 'input', type: 'input', shape: [28, 28, 1] },
      { id: 'fc', type: 'dense', units: 10 },
      { id: 'softmax', type: 'softmax' },
    ],
    edges: [
      { from: 'input', to: 'fc' },
      { from: 'fc', to: 'softmax' },
    ],
    training: { dataset: 'mnist?train=2000&test=200', optimizer: 'adam', learningRate: 0.01, batchSize: 32, epochs: 3, seed: 1, validationSplit: 0.1 },
  };
  fs.writeFileSync(path.join(dir, PYTORCH_FILES.train), JSON.stringify(graph, null, 2) + '\n');
  fs.mkdirSync(path.join(dir, '.vscode'), { recursive: true });
  fs.writeFileSync(path.join(dir, '.vscode', 'settings.json'), JSON.stringify({ 'wiregrad.pythonPath': TORCH_PYTHON }, null, 2) + '\n');
}

interface OrtTensor {
  readonly dims: readonly number[];
  readonly data: Float32Array;
}
interface OrtSession {
  readonly inputNames: readonly string[];
  run(feeds: Record<string, unknown>): Promise<Record<string, OrtTensor>>;
}
interface Ort {
  InferenceSession: { create(file: string): Promise<OrtSession> };
  Tensor: new (type: 'float32', data: Float32Array, dims: number[]) => unknown;
}

/**
 * openGraph, asked twice: on a loaded machine Quick Open's first file search can outlast its 15 s wait when this is
 * the first scenario after the workbench loads (seen once here: the list still searching, the file in the Explorer).
 */
async function openGraphPatiently(e2e: E2E, fileName: string): Promise<GraphWebview> {
  try {
    return (await openGraph(e2e, fileName)).view;
  } catch (e) {
    e2e.log(`Quick Open did not list ${fileName} in time (${(e as Error).message.split('\n')[0]}); asking again`);
    return (await openGraph(e2e, fileName)).view;
  }
}

export async function exportButtons(e2e: E2E): Promise<void> {
  const view = await openGraphPatiently(e2e, PYTORCH_FILES.export);
  const onnxFile = path.join(e2e.workspace, PYTORCH_FILES.export.replace(/\.nn\.json$/, '.onnx'));
  let t0 = Date.now();
  await view.byTestId('export-onnx').click();
  await waitUntil('export-lenet5.onnx on disk', async () => fs.existsSync(onnxFile), (there) => there, 60_000);
  e2e.figure('Export ONNX pressed → file on disk', Date.now() - t0, 'ms');
  // The ONNX file loads in onnxruntime-node (loaded from node_modules at run time: a native module is not bundled)
  // and gives LeNet-5's output: 10 class probabilities per image.
  const ort = createRequire(path.join(ROOT, 'package.json'))('onnxruntime-node') as Ort;
  const session = await ort.InferenceSession.create(onnxFile);
  const graph = JSON.parse(fs.readFileSync(path.join(e2e.workspace, PYTORCH_FILES.export), 'utf8')) as { nodes: { type: string; shape?: number[] }[] };
  const [h, w, c] = graph.nodes.find((n) => n.type === 'input')!.shape!;
  const outputs = await session.run({ [session.inputNames[0]]: new ort.Tensor('float32', new Float32Array(2 * c * h * w), [2, c, h, w]) });
  const output = Object.values(outputs)[0];
  assert(JSON.stringify(output.dims) === '[2,10]', `the ONNX model's output has dims [${output.dims.join(', ')}]; LeNet-5 gives [2, 10]`);
  const sums = [0, 1].map((n) => output.data.slice(n * 10, n * 10 + 10).reduce((a, b) => a + b, 0));
  assert(sums.every((s) => Math.abs(s - 1) < 1e-5), `softmax outputs should sum to 1 per image: ${sums.join(', ')}`);

  const folder = path.join(e2e.workspace, PYTORCH_FILES.export.replace(/\.nn\.json$/, '.pytorch'));
  t0 = Date.now();
  await view.byTestId('export-pytorch').click();
  // model.py and train.py open in editors once the export is done.
  await waitUntil('model.py open in an editor tab', () => e2e.page.locator('.tab', { hasText: 'model.py' }).count(), (n) => n > 0, 120_000);
  e2e.figure('Export PyTorch pressed → model.py open', Date.now() - t0, 'ms');
  for (const file of ['model.py', 'train.py', 'verify.py', 'weights.safetensors', 'data/train_x.npy']) {
    assert(fs.existsSync(path.join(folder, file)), `${path.basename(folder)}/${file} was not written`);
  }
  const modelPy = fs.readFileSync(path.join(folder, 'model.py'), 'utf8');
  assert(/class Model\(nn\.Module\)/.test(modelPy), 'model.py does not define class Model(nn.Module)');
  const tensors = readSafetensorsHeader(path.join(folder, 'weights.safetensors'));
  const count = Object.values(tensors).reduce((n, t) => n + t.shape.reduce((a, b) => a * b, 1), 0);
  assert(count === 61_706, `weights.safetensors holds ${count} values; LeNet-5 has 61,706 parameters`);
  await e2e.screenshot('exported-pytorch');
}

/** Records every value the loss chart's data-points attribute takes, inside the webview (a MutationObserver sees each commit). */
async function recordChartPoints(view: GraphWebview): Promise<void> {
  await view.frame.locator('body').evaluate((body) => {
    const seen: number[] = [];
    (window as unknown as { __e2eTorchChart: number[] }).__e2eTorchChart = seen;
    const read = (): void => {
      const value = body.ownerDocument.querySelector('[data-testid="chart-loss"]')?.getAttribute('data-points');
      const n = value === null || value === undefined ? NaN : Number(value);
      if (Number.isFinite(n) && n > 0 && n !== seen[seen.length - 1]) seen.push(n);
    };
    new MutationObserver(read).observe(body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-points'] });
  });
}

async function status(view: GraphWebview): Promise<string> {
  return ((await view.byTestId('training-status').textContent({ timeout: 2000 })) ?? '').trim();
}

export async function trainWithPytorch(e2e: E2E): Promise<void> {
  const started = Date.now();
  const view = await openGraphPatiently(e2e, PYTORCH_FILES.train);
  await recordChartPoints(view);
  await view.byTestId('engine-select').selectOption('pytorch');
  await view.byTestId('train-button').click();
  await view.byTestId('training-panel').waitFor({ timeout: 15_000 });
  await waitUntil('the PyTorch run to report an epoch', () => status(view), (s) => /epoch/i.test(s), 180_000);
  e2e.figure('Train (PyTorch) pressed → first progress', Date.now() - started, 'ms');
  const final = await waitUntil('the PyTorch run to finish', () => status(view), (s) => /finished|cancelled|failed/i.test(s), 300_000);
  assert(/finished/i.test(final), `the PyTorch run ended as "${final}"`);
  e2e.figure('tiny MNIST in PyTorch, Train pressed → finished', Date.now() - started, 'ms');
  const engine = ((await view.byTestId('training-backend').textContent({ timeout: 5000 })) ?? '').trim();
  e2e.figure('engine (panel)', engine);
  assert(/PyTorch/.test(engine), `the panel names the engine "${engine}", not PyTorch`);
  const counts = await view.frame.locator('body').evaluate(() => (window as unknown as { __e2eTorchChart: number[] }).__e2eTorchChart ?? []);
  e2e.figure('loss chart point counts rendered during the run', `${counts.length} renders: ${counts.slice(0, 3).join(' → ')} → … → ${counts.at(-1)}`);
  assert(counts.length >= 2 && counts.every((n, i) => i === 0 || n > counts[i - 1]), `the loss chart did not fill during the run (point counts: ${counts.join(', ')})`);
  const accuracyText = ((await view.byTestId('test-accuracy').textContent({ timeout: 5000 })) ?? '').trim();
  e2e.figure('tiny MNIST in PyTorch, test accuracy', accuracyText);
  await e2e.screenshot('pytorch-training-finished', view.byTestId('training-panel'));
  // train.py writes the weights back beside the graph in wiregrad's layout.
  const weights = path.join(e2e.workspace, PYTORCH_FILES.train.replace(/\.nn\.json$/, '.safetensors'));
  const written = filesWrittenSince(e2e.workspace, started);
  assert(written.includes(path.basename(weights)), `${path.basename(weights)} was not written beside the graph (written: ${written.join(', ')})`);
  const shapes = Object.values(readSafetensorsHeader(weights)).map((t) => t.shape.join('×')).sort();
  assert(shapes.includes('784×10') && shapes.includes('10'), `${path.basename(weights)} holds ${shapes.join(', ')}; expected dense 784×10 and bias 10`);
}
