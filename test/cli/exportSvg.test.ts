/** `wiregrad export FILE --to svg`: the picture beside the graph, named by style and theme, written atomically. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { diagramSvg } from '../../engine/export/diagram/diagramSvg';
import { exampleGraph } from '../helpers/graphs';
import { xmlProblem } from '../helpers/xmlWellFormed';

const CLI = path.join(__dirname, '..', '..', 'bin', 'wiregrad.js');
let dir = '';

function wiregrad(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiregrad-svg-'));
  fs.copyFileSync(path.join(__dirname, '..', '..', 'examples', 'lenet5.nn.json'), path.join(dir, 'lenet5.nn.json'));
});

describe('wiregrad export --to svg', () => {
  it('writes lenet5.svg (screen, light) with the bytes the engine draws', () => {
    const r = wiregrad('export', 'lenet5.nn.json', '--to', 'svg');
    const { graph, analysis } = exampleGraph('lenet5.nn.json');
    const expected = diagramSvg(graph, analysis, { style: 'screen', theme: 'light' });
    expect(r.code).toBe(0);
    expect(r.out).toBe(`Wrote lenet5.svg (${expected.width}×${expected.height}, ${Buffer.byteLength(expected.svg).toLocaleString('en-US')} bytes)\n`);
    expect(fs.readFileSync(path.join(dir, 'lenet5.svg'), 'utf8')).toBe(expected.svg);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('--style paper --theme dark writes lenet5.paper.dark.svg', () => {
    const r = wiregrad('export', 'lenet5.nn.json', '--to', 'svg', '--style', 'paper', '--theme', 'dark');
    expect(r.code).toBe(0);
    const svg = fs.readFileSync(path.join(dir, 'lenet5.paper.dark.svg'), 'utf8');
    expect(xmlProblem(svg)).toBeNull();
    expect(svg).toContain('>conv2d + relu<');
    expect(svg).toContain('fill="#1f1f1f"');
  });

  it('draws a graph with errors and says so; refuses bad options', () => {
    const text = fs.readFileSync(path.join(dir, 'lenet5.nn.json'), 'utf8').replace('"kernel": 5, "padding": 2', '"kernel": 50');
    fs.writeFileSync(path.join(dir, 'broken.nn.json'), text);
    const broken = wiregrad('export', 'broken.nn.json', '--to', 'svg', '--out', 'b.svg');
    expect(broken.code).toBe(0);
    expect(broken.err).toMatch(/^Note: the graph has \d+ errors?; the picture shows/);
    expect(fs.readFileSync(path.join(dir, 'b.svg'), 'utf8')).toContain('data-id="c1:shape">—<');
    expect(wiregrad('export', 'lenet5.nn.json', '--to', 'svg', '--style', 'poster').err.trim()).toBe("wiregrad: unknown --style 'poster': use screen or paper.");
    expect(wiregrad('export', 'lenet5.nn.json', '--to', 'svg', '--theme', 'sepia').err.trim()).toBe("wiregrad: unknown --theme 'sepia': use light or dark.");
    expect(wiregrad('export', 'lenet5.nn.json', '--to', 'onnx', '--style', 'paper').err.trim()).toBe('wiregrad: --style and --theme apply to --to svg only.');
    expect(wiregrad('export', 'lenet5.nn.json', '--to', 'svg', '--out', 'no/dir/x.svg').err).toContain('the folder no/dir does not exist');
  });
});
