/**
 * The generated Python, as text: golden files for LeNet-5 and the every-block graph (a change in any generated line
 * shows up as a diff; after an intended change: UPDATE_GOLDEN=1 npx vitest run test/export/pytorchGolden.test.ts),
 * and determinism: exporting twice gives byte-identical files, weights included.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPytorch } from '../../engine/export/pytorch/exportPytorch';

const ROOT = path.join(__dirname, '..', '..');
const GOLDEN = path.join(ROOT, 'test', 'golden', 'pytorch');
const CASES: readonly [string, string][] = [
  ['lenet5', path.join(ROOT, 'examples', 'lenet5.nn.json')],
  ['pytorch-layouts', path.join(__dirname, 'fixtures', 'pytorch-layouts.nn.json')],
  ['every-block', path.join(__dirname, 'every-block.nn.json')],
];
let dir = '';

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiregrad-pytorch-golden-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('PyTorch export text', () => {
  it.each(CASES)('%s: model.py, train.py and verify.py match the golden files', async (name, graphFile) => {
    // Beside a copy of the graph, as `wiregrad export` does by default: train.py names the weights file relative to itself.
    const copy = path.join(dir, path.basename(graphFile));
    fs.copyFileSync(graphFile, copy);
    const result = await exportPytorch({ graphFile: copy, dataDir: path.join(ROOT, 'dist', 'data') });
    expect(result.outDir).toBe(path.join(dir, `${path.basename(graphFile, '.nn.json')}.pytorch`));
    for (const file of result.files.filter((f) => f.endsWith('.py'))) {
      const text = fs.readFileSync(path.join(result.outDir, file), 'utf8');
      const golden = path.join(GOLDEN, `${name}.${file}`);
      if (process.env.UPDATE_GOLDEN) fs.writeFileSync(golden, text);
      expect(fs.existsSync(golden), `${golden} is missing: run with UPDATE_GOLDEN=1`).toBe(true);
      expect(text, `${file} of ${name}`).toBe(fs.readFileSync(golden, 'utf8'));
    }
  });

  it('the same graph exports byte-identical files', async () => {
    const graphFile = CASES[1][1];
    const a = await exportPytorch({ graphFile, outDir: path.join(dir, 'a') });
    const b = await exportPytorch({ graphFile, outDir: path.join(dir, 'b') });
    expect(b.files).toEqual(a.files);
    for (const file of a.files) {
      expect(fs.readFileSync(path.join(b.outDir, file)).equals(fs.readFileSync(path.join(a.outDir, file))), file).toBe(true);
    }
    expect(a.notes.join(' ')).toMatch(/freshly initialised weights \(seed 42\)/);
  });

  it('a graph with errors is refused with the node and what to do, and nothing is written', async () => {
    const bad = path.join(dir, 'bad.nn.json');
    fs.writeFileSync(bad, JSON.stringify({ format: 'wiregrad.graph', version: 1, name: 'bad', nodes: [{ id: 'input', type: 'input', shape: [4, 4, 1] }, { id: 'c', type: 'conv2d', filters: 2, kernel: 9 }], edges: [{ from: 'input', to: 'c' }] }));
    await expect(exportPytorch({ graphFile: bad, outDir: path.join(dir, 'bad') })).rejects.toThrow(/node 'c'.*fix it before exporting/);
    expect(fs.existsSync(path.join(dir, 'bad'))).toBe(false);
  });
});
