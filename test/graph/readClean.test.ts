/**
 * The fast reader (engine/graph/readClean.ts) against the full reader (parseGraphTree): parseGraphText must answer
 * exactly as the full reader does — the same graph, the same problems, the same source ranges (built lazily on the
 * fast path) — on the examples, on hand-picked traps, and on random edits of a real document.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseGraphText, parseGraphTree, type ParseResult } from '../../engine/graph/parse';
import { readCleanGraph } from '../../engine/graph/readClean';
import { EXAMPLES_DIR, exampleGraphFiles } from '../helpers/examples';

/** Everything a reader returns, with the source forced (it is a lazy getter on the fast path). */
function answer(r: ParseResult) {
  const nodes = (m: ParseResult['source']['nodes']) => [...m].map(([id, s]) => [id, s.range, [...s.fields]]);
  const modules = r.source.modules && [...r.source.modules].map(([name, m]) => [name, m.range, nodes(m.nodes), m.edges]);
  return { graph: r.graph, problems: r.problems, nodes: nodes(r.source.nodes), edges: r.source.edges, modules };
}

function expectSameAnswer(text: string): void {
  expect(answer(parseGraphText(text))).toStrictEqual(answer(parseGraphTree(text)));
}

const SMALL = `{
  "format": "wiregrad.graph",
  "version": 1,
  "name": "small",
  "nodes": [
    { "id": "input", "type": "input", "shape": [8, 8, 3] },
    { "id": "c1", "type": "conv2d", "label": "first conv", "filters": 4, "kernel": 3, "padding": "same" },
    { "id": "r1", "type": "relu" }
  ],
  "edges": [
    { "from": "input", "to": "c1" },
    { "from": "c1", "to": "r1" }
  ],
  "layout": { "input": { "x": 0, "y": 0 }, "c1": { "x": 0, "y": 120 } },
  "training": { "dataset": "mnist", "epochs": 1, "nested": { "a": [1, { "b": 2 }] } }
}
`;

const MODULES = `{
  "format": "wiregrad.graph",
  "version": 1,
  "name": "with a module",
  "modules": {
    "block": {
      "description": "conv then relu",
      "params": { "filters": 8, "stride": 1 },
      "nodes": [
        { "id": "in", "type": "input" },
        { "id": "conv", "type": "conv2d", "filters": "$filters", "kernel": 3, "stride": "$stride", "padding": "same" },
        { "id": "act", "type": "relu" }
      ],
      "edges": [
        { "from": "in", "to": "conv" },
        { "from": "conv", "to": "act" }
      ]
    }
  },
  "nodes": [
    { "id": "input", "type": "input", "shape": [8, 8, 3] },
    { "id": "b1", "type": "module:block", "filters": 16, "stride": 2 },
    { "id": "b2", "type": "module:block", "repeat": 2 }
  ],
  "edges": [
    { "from": "input", "to": "b1" },
    { "from": "b1", "to": "b2" }
  ]
}
`;

describe('parseGraphText reads a clean document fast and answers as the full reader', () => {
  it.each(exampleGraphFiles())('%s: the fast reader takes it (modules too), with the same graph, problems and ranges', (file) => {
    const text = fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8');
    expect(readCleanGraph(text)).not.toBeNull();
    expectSameAnswer(text);
  });

  it('reads the examples with modules on the fast path (ResNet-18 and ResNet-50 among them)', () => {
    const withModules = exampleGraphFiles().filter((f) => Object.hasOwn(JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, f), 'utf8')) as object, 'modules'));
    expect(withModules.length).toBeGreaterThanOrEqual(2);
    for (const f of withModules) expect(Object.keys(readCleanGraph(fs.readFileSync(path.join(EXAMPLES_DIR, f), 'utf8'))?.modules ?? {}).length).toBeGreaterThan(0);
  });

  it('gives node and field ranges with the full reader\'s lines and columns', () => {
    const r = parseGraphText(SMALL);
    expect(readCleanGraph(SMALL)).not.toBeNull();
    expect(r.source.nodes.get('c1')?.range).toMatchObject({ line: 7, column: 5 });
    expect(r.source.nodes.get('c1')?.fields.get('filters')).toMatchObject({ line: 7, column: 71, length: 1 });
    expect(r.source.edges[1]).toMatchObject({ line: 12, column: 5 });
    expectSameAnswer(SMALL);
  });

  // Each of these leaves JSON.parse happy but the full reader with something to say (or builds a different value).
  const traps: [string, string][] = [
    ['a key twice in a node', SMALL.replace('"filters": 4,', '"filters": 4, "filters": 5,')],
    ['a key twice at the top level', SMALL.replace('"name": "small",', '"name": "small", "name": "again",')],
    ['a key twice deep in training (no warning there, last wins)', SMALL.replace('"b": 2', '"b": 2, "b": 3')],
    ['a key twice in an edge', SMALL.replace('{ "from": "c1", "to": "r1" }', '{ "from": "c1", "from": "input", "to": "r1" }')],
    ['an unknown top-level field', SMALL.replace('"name": "small",', '"name": "small", "extra": {},')],
    ['an empty modules section', SMALL.replace('"name": "small",', '"name": "small", "modules": {},')],
    ['modules as an array', SMALL.replace('"name": "small",', '"name": "small", "modules": [],')],
    ['output outside an expression graph', SMALL.replace('"name": "small",', '"name": "small", "output": "r1",')],
    ['a label that is not a string', SMALL.replace('"label": "first conv"', '"label": 3')],
    ['an id of spaces', SMALL.replace('"id": "r1"', '"id": "  "')],
    ['a layout entry without y', SMALL.replace('"c1": { "x": 0, "y": 120 }', '"c1": { "x": 0 }')],
    ['an edge with a third key', SMALL.replace('{ "from": "c1", "to": "r1" }', '{ "from": "c1", "to": "r1", "w": 1 }')],
    ['training as an array', SMALL.replace(/"training": \{.*\}\n/, '"training": []\n')],
    ['a kind not known', SMALL.replace('"name": "small",', '"name": "small", "kind": "tree",')],
    ['a newer version', SMALL.replace('"version": 1', '"version": 2')],
    ['version 1.0 (the same number)', SMALL.replace('"version": 1', '"version": 1.0')],
    ['a "__proto__" attribute', SMALL.replace('"filters": 4,', '"__proto__": { "units": 5 }, "filters": 4,')],
    ['colons and braces inside strings', SMALL.replace('"name": "small"', '"name": "a: {[\\"b\\": ]}"')],
    ['a byte-order mark', '\ufeff' + SMALL],
    ['nesting 101 levels deep in training', SMALL.replace('"epochs": 1', `"epochs": ${'['.repeat(101)}${']'.repeat(101)}`)],
    ['a non-breaking space as whitespace', SMALL.replace('"version": 1,', '"version":\u00a01,')],
    ['duplicate node ids', SMALL.replace('"id": "r1"', '"id": "c1"')],
    ['an expression graph with its output', SMALL.replace('"name": "small",', '"name": "small", "kind": "expression", "output": "r1",')],
    ['no name and no edges', SMALL.replace('"name": "small",', '').replace(/"edges": \[[^\]]*\],/, '')],
  ];
  it.each(traps)('%s', (_what, text) => expectSameAnswer(text));

  const moduleTraps: [string, string][] = [
    ['the clean document with a module', MODULES],
    ['an unknown field in a module', MODULES.replace('"params": {', '"repeat": 2, "params": {')],
    ['a module name with a dot', MODULES.replace('"block": {', '"my.block": {')],
    ['a module called __proto__', MODULES.replace('"block": {', '"__proto__": {').replace('module:block', 'module:__proto__')],
    ['params as an array', MODULES.replace(/"params": \{[^}]*\}/, '"params": [1]')],
    ['no params (defaults to none)', MODULES.replace(/"params": \{[^}]*\},/, '')],
    ['a description that is a number', MODULES.replace('"description": "conv then relu"', '"description": 3')],
    ['a module without nodes', MODULES.replace(/"nodes": \[\s*\{ "id": "in"[^\]]*\],/, '')],
    ['a module without edges', MODULES.replace(/,\s*"edges": \[\s*\{ "from": "in"[^\]]*\]/, '')],
    ['an edge of a module with a third key', MODULES.replace('{ "from": "conv", "to": "act" }', '{ "from": "conv", "to": "act", "w": 1 }')],
    ['a key twice in a module node', MODULES.replace('"filters": "$filters"', '"filters": "$filters", "filters": 3')],
    ['a key twice in a module', MODULES.replace('"description": "conv then relu",', '"description": "conv then relu", "description": "again",')],
    ['a module node id that is empty', MODULES.replace('"id": "act"', '"id": ""')],
    ['a module that is a string', MODULES.replace(/"block": \{[\s\S]*?\n    \}/, '"block": "conv"')],
  ];
  it.each(moduleTraps)('modules: %s', (_what, text) => expectSameAnswer(text));

  it('takes the clean module document on the fast path, with its definition', () => {
    const graph = readCleanGraph(MODULES);
    expect(graph?.modules?.block).toEqual({
      description: 'conv then relu',
      params: { filters: 8, stride: 1 },
      nodes: [
        { id: 'in', type: 'input', attrs: {} },
        { id: 'conv', type: 'conv2d', attrs: { filters: '$filters', kernel: 3, stride: '$stride', padding: 'same' } },
        { id: 'act', type: 'relu', attrs: {} },
      ],
      edges: [{ from: 'in', to: 'conv' }, { from: 'conv', to: 'act' }],
    });
    expect(parseGraphText(MODULES).source.modules?.get('block')?.nodes.get('conv')?.fields.get('filters')).toMatchObject({ line: 11, length: 10 });
  });

  it('leaves every document with a problem to the full reader', () => {
    for (const [, text] of [...traps, ...moduleTraps]) if (parseGraphTree(text).problems.length > 0) expect(readCleanGraph(text.replace(/^\ufeff/, ' '))).toBeNull();
  });

  it('answers as the full reader after any random edit of a document (property)', () => {
    const pieces = ['"', ':', ',', '{', '}', '[', ']', ' ', '\n', '1', '-', 'e', '.', 'x', '\\', '"a"', '"id"', '"type"', '"from"', 'null', 'true', '"__proto__"'];
    const edit = fc.record({ at: fc.nat(), remove: fc.integer({ min: 0, max: 6 }), insert: fc.array(fc.constantFrom(...pieces), { maxLength: 3 }).map((p) => p.join('')) });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
        let text = SMALL;
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
        }
        expectSameAnswer(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('answers as the full reader after any random edit of a document with modules (property)', () => {
    const pieces = ['"', ':', ',', '{', '}', '[', ']', ' ', '1', '"a"', '"id"', '"params"', '"nodes"', '"edges"', '"module:block"', '"$filters"', '"__proto__"'];
    const edit = fc.record({ at: fc.nat(), remove: fc.integer({ min: 0, max: 8 }), insert: fc.array(fc.constantFrom(...pieces), { maxLength: 3 }).map((p) => p.join('')) });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
        let text = MODULES;
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
        }
        expectSameAnswer(text);
      }),
      { numRuns: 1500 },
    );
  });

  it('answers as the full reader when a line is copied, moved or dropped (property)', () => {
    const lines = SMALL.split('\n');
    fc.assert(
      fc.property(fc.nat(lines.length - 1), fc.nat(lines.length - 1), fc.constantFrom('copy', 'move', 'drop'), (from, to, how) => {
        const next = [...lines];
        const [line] = how === 'copy' ? [lines[from]] : next.splice(from, 1);
        if (how !== 'drop') next.splice(to, 0, line);
        expectSameAnswer(next.join('\n'));
      }),
      { numRuns: 500 },
    );
  });

  it('answers as the full reader when a line of the module document is copied, moved or dropped (property)', () => {
    const lines = MODULES.split('\n');
    fc.assert(
      fc.property(fc.nat(lines.length - 1), fc.nat(lines.length - 1), fc.constantFrom('copy', 'move', 'drop'), (from, to, how) => {
        const next = [...lines];
        const [line] = how === 'copy' ? [lines[from]] : next.splice(from, 1);
        if (how !== 'drop') next.splice(to, 0, line);
        expectSameAnswer(next.join('\n'));
      }),
      { numRuns: 500 },
    );
  });
});
