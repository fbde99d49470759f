/** The "modules" section on disk: canonical one-line-per-node layout, lossless round trip, and the JSON Schema. */
import { describe, expect, it } from 'vitest';
import { parseGraphText } from '../../engine/graph/parse';
import { serializeGraph } from '../../engine/graph/serialize';
import { fullGraphSchema } from '../../engine/schema/fullSchema';
import { moduleGraph, tinyResidualGraph } from './fixtures';

const CANONICAL = `{
  "format": "wiregrad.graph",
  "version": 1,
  "name": "modules",
  "modules": {
    "block": {
      "params": { "filters": 8, "stride": 1 },
      "nodes": [
        { "id": "in", "type": "input" },
        { "id": "conv1", "type": "conv2d", "filters": "$filters", "kernel": 3, "stride": "$stride", "padding": 1 },
        { "id": "relu", "type": "relu" },
        { "id": "conv2", "type": "conv2d", "filters": "$filters*2", "kernel": 1 },
        { "id": "proj", "type": "conv2d", "filters": "$filters*2", "kernel": 1, "stride": "$stride" },
        { "id": "add", "type": "add" }
      ],
      "edges": [
        { "from": "in", "to": "conv1" },
        { "from": "conv1", "to": "relu" },
        { "from": "relu", "to": "conv2" },
        { "from": "in", "to": "proj" },
        { "from": "conv2", "to": "add" },
        { "from": "proj", "to": "add" }
      ]
    }
  },
  "nodes": [
    { "id": "input", "type": "input", "shape": [8, 8, 3] },
    { "id": "b0", "type": "module:block", "filters": 4, "stride": 2 },
    { "id": "bs", "type": "module:block", "filters": 8, "repeat": 2 },
    { "id": "gap", "type": "globalavgpool" },
    { "id": "fc", "type": "dense", "units": 10 }
  ],
  "edges": [
    { "from": "input", "to": "b0" },
    { "from": "b0", "to": "bs" },
    { "from": "bs", "to": "gap" },
    { "from": "gap", "to": "fc" }
  ]
}
`;

describe('the modules section', () => {
  it('serializes one node and one edge per line inside modules too, and reads back to the same graph', () => {
    const graph = parseGraphText(JSON.stringify(tinyResidualGraph())).graph!;
    expect(serializeGraph(graph)).toBe(CANONICAL);
    const again = parseGraphText(CANONICAL);
    expect(again.problems).toEqual([]);
    expect(again.graph).toEqual(graph);
    expect(serializeGraph(again.graph!)).toBe(CANONICAL);
  });

  it('records where each module node is, for the Problems panel', () => {
    const modules = parseGraphText(CANONICAL).source.modules!;
    expect(modules.get('block')!.nodes.get('conv2')!.range.line).toBe(12);
    expect(modules.get('block')!.edges).toHaveLength(6);
  });

  it('reports a malformed section with its line, and keeps going', () => {
    const bad = parseGraphText(JSON.stringify({ ...moduleGraph([], []), modules: { 'bad name': { nodes: [] }, ok: { nodes: 3, extra: 1 } } }, null, 2));
    expect(bad.graph).toBeUndefined();
    expect(bad.problems.map((p) => `${p.range.line}: ${p.message}`)).toEqual([
      '6: Module name "bad name" must start with a letter or _ and hold only letters, digits, _ and - (it is used as "type": "module:bad name").',
      '11: Unknown field "extra" in module \'ok\' (known: description, params, nodes, edges); it is ignored.',
      "10: Module 'ok' needs \"nodes\": an array of blocks, one of them { \"type\": \"input\" } (the module's input).",
    ]);
  });

  it('is in the JSON Schema: module files validate, mistakes do not', async () => {
    const { default: Ajv } = await import('ajv');
    const validate = new Ajv({ allErrors: true, strict: false }).compile(fullGraphSchema());
    const good = tinyResidualGraph();
    expect(validate(good), JSON.stringify(validate.errors)).toBe(true);
    type G = { nodes: Record<string, unknown>[]; modules: Record<string, { nodes?: Record<string, unknown>[] }> };
    const withModules = (f: (g: G) => void) => {
      const g = structuredClone(good) as unknown as G;
      f(g);
      return validate(g);
    };
    // A reference outside a module, a malformed reference, a module without nodes, a fractional repeat.
    expect(withModules((g) => (g.nodes[4] = { id: 'fc', type: 'dense', units: '$units' }))).toBe(false);
    expect(withModules((g) => (g.modules.block.nodes![1].filters = '$filters+1'))).toBe(false);
    expect(withModules((g) => delete g.modules.block.nodes)).toBe(false);
    expect(withModules((g) => (g.nodes[2].repeat = 1.5))).toBe(false);
    expect(withModules((g) => (g.nodes[2].type = 'module:bad name'))).toBe(false);
  });
});
