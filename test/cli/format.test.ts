/** `wiregrad format` never deletes what the user wrote: files with parts the parser skips are left untouched. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI = path.join(__dirname, '..', '..', 'bin', 'wiregrad.js');

function format(text: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiregrad-format-'));
  const file = path.join(dir, 'g.nn.json');
  fs.writeFileSync(file, text);
  const r = spawnSync(process.execPath, [CLI, 'format', 'g.nn.json'], { cwd: dir, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr, after: fs.readFileSync(file, 'utf8') };
}

const nodes = '"nodes": [{ "id": "in", "type": "input", "shape": [4] }, { "id": "d", "type": "dense", "units": 2 }]';
const edges = '"edges": [{ "from": "in", "to": "d" }]';

describe('wiregrad format', () => {
  it('leaves a file with an unknown top-level field as it is, and says why (exit 1)', () => {
    const text = `{ "format": "wiregrad.graph", "version": 1, "author": "me", ${nodes}, ${edges} }`;
    const r = format(text);
    expect(r.after).toBe(text);
    expect(r.code).toBe(1);
    expect(r.err).toContain('g.nn.json:1:45: warning: Unknown top-level field "author"');
    expect(r.err).toContain('g.nn.json: not formatted, since that would drop what the warnings above name; fix them first.');
  });

  it('leaves a file whose "nodes" key appears twice as it is (formatting kept only the last, empty, array)', () => {
    const text = `{ "format": "wiregrad.graph", "version": 1, ${nodes}, "nodes": [], ${edges} }`;
    const r = format(text);
    expect(r.after).toBe(text);
    expect(r.code).toBe(1);
  });

  it('still rewrites a clean file in canonical form', () => {
    const r = format(`{ "version": 1, "format": "wiregrad.graph", "name": "g", ${nodes}, ${edges} }`);
    expect(r.code).toBe(0);
    expect(r.out).toBe('g.nn.json: formatted\n');
    expect(r.after).toContain('    { "id": "d", "type": "dense", "units": 2 }\n');
  });
});
