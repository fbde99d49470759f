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

  it.each([
    ['1e999', '"units": 1e999', /g\.nn\.json:3:\d+: 1e999 is beyond the largest number a file can hold/],
    ['a 20-digit integer', '"units": 12345678901234567890', /12345678901234567890 has more digits than a float64 keeps; it would be written as 12345678901234567000/],
    ['1e-400', '"units": 2, "rate": 1e-400', /1e-400 is below the smallest number a file can hold/],
    ['a duplicate attribute', '"units": 2, "units": 3', /"units" appears more than once in node 2/],
  ])('refuses %s, naming the line, and leaves the file as it is', (_, attrs, message) => {
    const text = `{ "version": 1, "format": "wiregrad.graph", "name": "g",\n"nodes": [{ "id": "in", "type": "input", "shape": [4] },\n{ "id": "d", "type": "dense", ${attrs} }], ${edges} }`;
    const r = format(text);
    expect(r.after).toBe(text);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(message);
    expect(r.err).toMatch(/g\.nn\.json:3:/);
  });

  it.each([
    ['an unknown field in a layout entry', `"layout": { "in": { "x": 1, "y": 2, "z": 3 } }`],
    ['a duplicate key in training', `"training": { "dataset": "x2",\n "epochs": 1, "epochs": 2 }`],
  ])('refuses %s instead of dropping it', (_, extra) => {
    const text = `{ "version": 1, "format": "wiregrad.graph", "name": "g", ${nodes}, ${edges},\n${extra} }`;
    const r = format(text);
    expect(r.after).toBe(text);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/g\.nn\.json:\d+/);
  });

  it('keeps an unknown nested field of training (the section is kept whole)', () => {
    const r = format(`{ "version": 1, "format": "wiregrad.graph", "name": "g", ${nodes}, ${edges}, "training": { "dataset": "x2", "schedule": { "type": "constant", "mystery": 1 } } }`);
    expect(r.code).toBe(0);
    expect(r.after).toContain('"mystery": 1');
  });
});
