/** The "kind": "expression" variant of the v1 file: read with line/column like networks, written canonically. */
import { describe, expect, it } from 'vitest';
import { parseGraphText } from '../../engine/graph/parse';
import { serializeGraph } from '../../engine/graph/serialize';
import { analyzeGraph } from '../../engine/shape/analyze';
import { exampleGraph } from '../helpers/graphs';

const ISSUE_EXAMPLE = `{ "format": "wiregrad.graph", "version": 1, "kind": "expression", "name": "(x + y) * z", "output": "f",
  "nodes": [ { "id": "x", "type": "var", "value": -2 }, { "id": "y", "type": "var", "value": 5 },
             { "id": "z", "type": "var", "value": -4 }, { "id": "q", "type": "add" }, { "id": "f", "type": "mul" } ],
  "edges": [ { "from": "x", "to": "q" }, { "from": "y", "to": "q" }, { "from": "q", "to": "f" }, { "from": "z", "to": "f" } ] }`;

describe('expression files', () => {
  it("reads the issue's example as written: kind, output, values as attributes, edges in order", () => {
    const r = parseGraphText(ISSUE_EXAMPLE);
    expect(r.problems).toEqual([]);
    expect(r.graph).toMatchObject({ kind: 'expression', name: '(x + y) * z', output: 'f' });
    expect(r.graph!.nodes[0]).toEqual({ id: 'x', type: 'var', attrs: { value: -2 } });
    expect(r.graph!.edges.map((e) => `${e.from}>${e.to}`)).toEqual(['x>q', 'y>q', 'q>f', 'z>f']);
    expect(r.source.nodes.get('y')!.fields.get('value')).toMatchObject({ line: 2, column: 94, length: 1 });
  });

  it('writes kind after version and output after name; parse → serialize → parse is the identity', () => {
    const g = parseGraphText(ISSUE_EXAMPLE).graph!;
    const text = serializeGraph(g);
    expect(text.split('\n').slice(0, 6)).toEqual(['{', '  "format": "wiregrad.graph",', '  "version": 1,', '  "kind": "expression",', '  "name": "(x + y) * z",', '  "output": "f",']);
    expect(text).toContain('    { "id": "x", "type": "var", "value": -2 },');
    expect(parseGraphText(text).graph).toEqual(g);
    const matrix = parseGraphText(ISSUE_EXAMPLE.replace('"value": -2', '"value": [[0.1, 0.5], [-0.3, 0.8]]')).graph!;
    expect(serializeGraph(matrix)).toContain('{ "id": "x", "type": "var", "value": [[0.1, 0.5], [-0.3, 0.8]] }');
  });

  it('a network has no kind (or "network"), keeps it as written, and its analysis is unchanged', () => {
    const { graph, analysis } = exampleGraph('lenet5.nn.json');
    expect(graph.kind).toBeUndefined();
    expect(serializeGraph(graph)).not.toContain('"kind"');
    const text = serializeGraph(graph).replace('"version": 1,', '"version": 1,\n  "kind": "network",');
    const explicit = parseGraphText(text).graph!;
    expect(explicit.kind).toBe('network');
    expect(serializeGraph(explicit)).toBe(text);
    expect(analyzeGraph(explicit).totals).toEqual(analysis.totals);
  });

  it('"output" in a network is a warning; a bad kind or output is an error with its position', () => {
    const base = '{ "format": "wiregrad.graph", "version": 1, "nodes": [], "edges": []';
    expect(parseGraphText(`${base}, "output": "f" }`).problems).toMatchObject([{ severity: 'warning', message: '"output" is read only in expression graphs ("kind": "expression"); it is ignored.' }]);
    const kind = parseGraphText(`${base}, "kind": 3 }`);
    expect(kind.graph).toBeUndefined();
    expect(kind.problems[0]).toMatchObject({ severity: 'error', range: { line: 1, column: 79 } });
    expect(parseGraphText(`${base}, "kind": "expression", "output": 1 }`).problems[0].message).toBe('"output" must be the id of the node whose value is f.');
  });
});

describe('the JSON Schema of expression files', () => {
  it('accepts the lab examples (test/shape/schema.test.ts validates every example) and refuses typical mistakes', async () => {
    const { default: Ajv } = await import('ajv');
    const { fullGraphSchema } = await import('../../engine/schema/fullSchema');
    const validate = new Ajv({ allErrors: true, strict: false }).compile(fullGraphSchema());
    const file = (nodes: object[], extra: object = {}) => ({ format: 'wiregrad.graph', version: 1, kind: 'expression', output: 'f', ...extra, nodes, edges: [] });
    expect(validate(file([{ id: 'x', type: 'var', value: [[1, 2], [3, 4]] }, { id: 'f', type: 'l2sq' }]))).toBe(true);
    expect(validate(file([{ id: 'x', type: 'var' }]))).toBe(false); // value missing
    expect(validate(file([{ id: 'x', type: 'var', value: 'one' }]))).toBe(false);
    expect(validate(file([{ id: 'f', type: 'exp', value: 2 }]))).toBe(false); // a gate's value is computed
    expect(validate(file([{ id: 'c', type: 'conv2d', filters: 3, kernel: 3 }]))).toBe(false); // a block is not a gate
    expect(validate(file([{ id: 'x', type: 'var', value: 1 }], { kind: 'graph' }))).toBe(false);
    // And a network node type that is also a gate name keeps the network's rules without "kind".
    expect(validate({ format: 'wiregrad.graph', version: 1, nodes: [{ id: 'x', type: 'var', value: 1 }], edges: [] })).toBe(false);
  });
});
