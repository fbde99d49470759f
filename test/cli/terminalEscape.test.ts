/**
 * A hostile graph (and weights file) cannot drive the user's terminal: names, ids, class names and file names full of
 * ESC, BEL, CR and bidi overrides reach the output escaped, by every printer of bin/wiregrad.js.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { saveWeights } from '../../engine/checkpoint/weights';
import { terminalSafe } from '../../cli/terminalText';

const CLI = path.join(__dirname, '..', '..', 'bin', 'wiregrad.js');
const EVIL = '\u001b]0;pwned\u0007\u001b[2J\rX\u202eevil\u009b';
/** Any raw control character a terminal acts on (newline and tab excepted). */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function cli(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout + r.stderr };
}

describe('terminal escape injection', () => {
  it('terminalSafe escapes C0/C1 controls and bidi overrides, keeping newline and tab', () => {
    expect(terminalSafe(`a\u001b[2Jb\u0007\r\n\tc\u202e\u0085`)).toBe('a\\u001b[2Jb\\u0007\\u000d\n\tc\\u202e\\u0085');
    expect(JSON.parse(terminalSafe(JSON.stringify({ name: EVIL })))).toEqual({ name: EVIL });
  });

  it('summary, summary --json, format and an error naming a node print no raw control character', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wg-esc-'));
    const graph = {
      format: 'wiregrad.graph',
      version: 1,
      name: EVIL,
      nodes: [
        { id: 'input', type: 'input', shape: [4, 4, 1] },
        { id: `c${EVIL}`, type: 'conv2d', filters: 2, kernel: 9 },
      ],
      edges: [{ from: 'input', to: `c${EVIL}` }],
    };
    const file = `g${EVIL.replace(/\//g, '')}.nn.json`;
    fs.writeFileSync(path.join(dir, file), JSON.stringify(graph));
    for (const args of [['summary', file], ['summary', '--json', file], ['format', '--check', file], ['check', file], ['train', file]]) {
      const r = cli(args, dir);
      expect(r.out, args.join(' ')).not.toMatch(RAW_CONTROL);
      expect(r.out, args.join(' ')).toMatch(/\\u001b/);
    }
    const json = spawnSync(process.execPath, [CLI, 'summary', '--json', file], { cwd: dir, encoding: 'utf8' }).stdout;
    expect(JSON.parse(json).name).toBe(EVIL); // the JSON still means what the file says
  });

  it('predict prints class names from the weights metadata escaped', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wg-esc-'));
    const graph = {
      format: 'wiregrad.graph',
      version: 1,
      name: 'tiny',
      nodes: [
        { id: 'input', type: 'input', shape: [2, 2, 1] },
        { id: 'out', type: 'dense', units: 2 },
      ],
      edges: [{ from: 'input', to: 'out' }],
    };
    fs.writeFileSync(path.join(dir, 'tiny.nn.json'), JSON.stringify(graph));
    const params = [
      { key: 'out.weight', shape: [4, 2], value: new Float32Array([1, 0, 1, 0, 1, 0, 1, 0]) },
      { key: 'out.bias', shape: [2], value: new Float32Array(2) },
    ];
    saveWeights(path.join(dir, 'tiny.safetensors'), params as never, { graph: 'tiny', task: 'classification', classNames: [EVIL, 'b'], globalStep: 1 });
    const png = new PNG({ width: 2, height: 2 });
    png.data.fill(255);
    fs.writeFileSync(path.join(dir, 'x.png'), PNG.sync.write(png));
    const r = cli(['predict', 'tiny.nn.json', 'x.png'], dir);
    expect(r.code, r.out).toBe(0);
    expect(r.out).not.toMatch(RAW_CONTROL);
    expect(r.out).toContain('\\u001b]0;pwned\\u0007');
  });

  it('every CLI file prints through terminalText (raw writes only for the progress line\'s own control codes)', () => {
    const cliDir = path.join(__dirname, '..', '..', 'cli');
    const files = fs.readdirSync(cliDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.endsWith('terminalText.ts'));
    const raw = files.flatMap((f) =>
      fs
        .readFileSync(path.join(cliDir, f), 'utf8')
        .split('\n')
        .filter((line) => /process\.std(out|err)\.write\(|console\.(log|error|warn)\(/.test(line) && !line.includes('terminalSafe(') && !/write\('\\r\\x1b\[2K'\)/.test(line))
        .map((line) => `${f}: ${line.trim()}`),
    );
    expect(raw).toEqual([]);
  });
});
