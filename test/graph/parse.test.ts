/** Reading files: syntax errors with line and column, the v1 structure, and the canonical round trip. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleGraphFiles } from '../helpers/examples';
import { parseGraphText } from '../../engine/graph/parse';
import { serializeGraph } from '../../engine/graph/serialize';

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');

describe('parseGraphText', () => {
  it('reports a JSON syntax error with its line and column, and no graph', () => {
    const text = '{\n  "format": "wiregrad.graph",\n  "version": 1,\n  "nodes": [ { "id": "x" "type": "input" } ]\n}\n';
    const r = parseGraphText(text);
    expect(r.graph).toBeUndefined();
    expect(r.problems[0]).toMatchObject({ severity: 'error', message: "JSON syntax error: expected ','", range: { line: 4, column: 26 } });
  });

  it('refuses comments and trailing commas (the file is JSON, not JSONC)', () => {
    expect(parseGraphText('{ "format": "wiregrad.graph", // c\n "version": 1, "nodes": [], "edges": [] }').graph).toBeUndefined();
    expect(parseGraphText('{ "format": "wiregrad.graph", "version": 1, "nodes": [], "edges": [], }').graph).toBeUndefined();
  });

  it('explains a wrong format, a newer version and a missing nodes array', () => {
    expect(parseGraphText('[]').problems[0].message).toContain('Expected a JSON object');
    expect(parseGraphText('{ "format": "keras", "version": 1, "nodes": [] }').problems[0].message).toBe(
      'Expected "format": "wiregrad.graph", got "keras".',
    );
    expect(parseGraphText('{ "format": "wiregrad.graph", "version": 2, "nodes": [] }').problems[0].message).toContain('newer wiregrad');
    expect(parseGraphText('{ "format": "wiregrad.graph", "version": 1 }').problems[0].message).toContain('"nodes"');
    expect(parseGraphText('').problems[0].message).toContain('empty');
  });

  it('names the node when an id or type is unusable', () => {
    const r = parseGraphText('{ "format": "wiregrad.graph", "version": 1, "nodes": [ { "id": "a", "type": 3 } ], "edges": [] }');
    expect(r.graph).toBeUndefined();
    expect(r.problems[0].message).toBe(`Node 'a': "type" must be a string such as "conv2d".`);
  });

  it('keeps attribute values as written (the shape engine judges them) and maps fields to ranges', () => {
    const text = '{ "format": "wiregrad.graph", "version": 1, "nodes": [\n { "id": "c", "type": "conv2d", "filters": -1 }\n], "edges": [] }';
    const r = parseGraphText(text);
    expect(r.graph!.nodes[0].attrs).toEqual({ filters: -1 });
    expect(r.source.nodes.get('c')!.fields.get('filters')).toMatchObject({ line: 2, column: 44 });
  });

  it('warns about unknown top-level fields and ignores bad layout entries', () => {
    const r = parseGraphText('{ "format": "wiregrad.graph", "version": 1, "nodes": [], "edges": [], "extra": 1, "layout": { "a": { "x": 1 } } }');
    expect(r.graph).toBeDefined();
    expect(r.problems.map((p) => p.severity)).toEqual(['warning', 'warning']);
    expect(r.graph!.layout).toEqual({});
  });
});

describe('serializeGraph', () => {
  it('every example is stored in canonical form (parse → serialize gives the same bytes)', () => {
    for (const file of exampleGraphFiles()) {
      const text = fs.readFileSync(path.join(EXAMPLES, file), 'utf8');
      const g = parseGraphText(text).graph!;
      expect(serializeGraph(g), file).toBe(text);
    }
  });

  it('one node per line: changing one attribute changes exactly one line', () => {
    const text = fs.readFileSync(path.join(EXAMPLES, 'lenet5.nn.json'), 'utf8');
    const g = parseGraphText(text).graph!;
    const changed = { ...g, nodes: g.nodes.map((n) => (n.id === 'c3' ? { ...n, attrs: { ...n.attrs, filters: 32 } } : n)) };
    const before = text.split('\n');
    const after = serializeGraph(changed).split('\n');
    expect(after.length).toBe(before.length);
    const diff = before.map((l, i) => (l === after[i] ? null : [l, after[i]])).filter(Boolean);
    expect(diff).toEqual([['    { "id": "c3", "type": "conv2d", "filters": 16, "kernel": 5 },', '    { "id": "c3", "type": "conv2d", "filters": 32, "kernel": 5 },']]);
  });

  it('orders keys canonically whatever order they were written in', () => {
    const r = parseGraphText('{ "edges": [], "nodes": [ { "kernel": 3, "type": "conv2d", "filters": 2, "id": "c" } ], "version": 1, "format": "wiregrad.graph" }');
    expect(serializeGraph(r.graph!)).toContain('{ "id": "c", "type": "conv2d", "filters": 2, "kernel": 3 }');
  });
});

describe('parseGraphText on hostile files', () => {
  const graph = (nodes: string) => `{ "format": "wiregrad.graph", "version": 1, "nodes": [${nodes}], "edges": [] }`;
  const input = '{ "id": "in", "type": "input", "shape": [8] }';

  it('refuses JSON nested 100,000 deep with a located problem instead of overflowing the stack', () => {
    const r = parseGraphText('['.repeat(100_000) + ']'.repeat(100_000));
    expect(r.graph).toBeUndefined();
    expect(r.problems).toHaveLength(1);
    // The 101st bracket (offset 100) opens the level past the limit.
    expect(r.problems[0]).toMatchObject({ severity: 'error', range: { line: 1, column: 101 } });
    expect(r.problems[0].message).toContain('more than 100 levels');
  });

  it('does not count brackets inside strings as nesting', () => {
    const r = parseGraphText(graph(input).replace('"version": 1', `"description": "${'['.repeat(500)}", "version": 1`));
    expect(r.graph?.description).toBe('['.repeat(500));
  });

  it('reads a file that starts with a byte-order mark', () => {
    const r = parseGraphText('\uFEFF' + graph(input));
    expect(r.problems).toEqual([]);
    expect(r.graph?.nodes.map((n) => n.id)).toEqual(['in']);
  });

  it('warns about a key given twice, at the top level and in a node, naming the key', () => {
    const text = graph(`${input}, { "id": "d", "type": "dense", "units": 4, "units": 8 }`).replace('"edges": []', '"edges": [], "nodes": []');
    const r = parseGraphText(text);
    const messages = r.problems.map((p) => `${p.severity}: ${p.message}`);
    expect(messages).toContain('warning: "nodes" appears more than once in the top level; only the last one is used.');
    expect(parseGraphText(graph(`${input}, { "id": "d", "type": "dense", "units": 4, "units": 8 }`)).problems).toEqual([
      expect.objectContaining({ severity: 'warning', message: '"units" appears more than once in node 2; only the last one is used.', range: expect.objectContaining({ line: 1 }) }),
    ]);
  });
});

describe('a key named "__proto__"', () => {
  it('is an ordinary attribute of the node, not the prototype of its attributes', () => {
    const text = `{ "format": "wiregrad.graph", "version": 1, "nodes": [
      { "id": "in", "type": "input", "shape": [4] }, { "id": "d", "type": "dense", "__proto__": { "units": 5 } } ],
      "edges": [], "layout": { "__proto__": { "x": 1, "y": 2 } }, "training": { "__proto__": { "epochs": 0 } } }`;
    const g = parseGraphText(text).graph!;
    const attrs = g.nodes[1].attrs;
    expect(attrs.units).toBeUndefined();
    expect(Object.keys(attrs)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(attrs)).toBe(Object.prototype);
    expect(Object.keys(g.layout)).toEqual(['__proto__']);
    expect(Object.keys(g.training!)).toEqual(['__proto__']);
    // …so the canonical form keeps it rather than silently dropping it.
    expect(serializeGraph(g)).toContain('"__proto__": { "units": 5 }');
  });
});
