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
  return { graph: r.graph, problems: r.problems, nodes: [...r.source.nodes].map(([id, s]) => [id, s.range, [...s.fields]]), edges: r.source.edges };
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

describe('parseGraphText reads a clean document fast and answers as the full reader', () => {
  it.each(exampleGraphFiles())('%s: the fast reader takes it (the full reader one with modules), with the same graph, problems and ranges', (file) => {
    const text = fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8');
    // The fast reader does not know "modules" (yet): such files go down the full reader, by design.
    const withModules = Object.hasOwn(JSON.parse(text) as object, 'modules');
    if (withModules) expect(readCleanGraph(text)).toBeNull();
    else expect(readCleanGraph(text)).not.toBeNull();
    expectSameAnswer(text);
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
    ['an unknown top-level field', SMALL.replace('"name": "small",', '"name": "small", "modules": {},')],
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

  it('leaves every document with a problem to the full reader', () => {
    for (const [, text] of traps) if (parseGraphTree(text).problems.length > 0) expect(readCleanGraph(text.replace(/^\ufeff/, ' '))).toBeNull();
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
});
