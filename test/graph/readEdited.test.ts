/**
 * TextReader: a text edit inside one node re-reads that node alone. Whatever the edit, its answer must be the one
 * parseGraphText gives for the whole new text (graph, problems); and the quick path must actually be taken for the
 * common edit (a digit typed over an attribute), keeping every other node object.
 */
import fc from 'fast-check';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyTextChanges, type TextChange } from '../../engine/document/textChanges';
import { nodeSpans } from '../../engine/graph/nodeSpans';
import { parseGraphText } from '../../engine/graph/parse';
import { TextReader } from '../../engine/graph/readEdited';

const LENET = fs.readFileSync('examples/lenet5.nn.json', 'utf8');
const MODULES = fs.readFileSync('examples/resnet18-modules.nn.json', 'utf8');

/** What a reading says: the graph as JSON (key order included) and the problems. */
const said = (r: ReturnType<typeof parseGraphText>) => JSON.stringify({ graph: r.graph ?? null, problems: r.problems });

describe('nodeSpans', () => {
  it('finds each node object of the top-level nodes array, not those of modules', () => {
    for (const text of [LENET, MODULES]) {
      const spans = nodeSpans(text)!;
      const nodes = parseGraphText(text).graph!.nodes;
      expect(spans.starts.length).toBe(nodes.length);
      spans.starts.forEach((s, i) => expect(JSON.parse(text.slice(s, spans.ends[i] + 1)).id).toBe(nodes[i].id));
    }
  });

  it('claims nothing when "nodes" is written with escapes or is not an array of objects', () => {
    expect(nodeSpans('{"n\\u006fdes": [{"id": "a"}]}')).toBeNull();
    expect(nodeSpans('{"nodes": [[]]}')).toBeNull();
    expect(nodeSpans('{"nodes": [1, {}]}')!.starts).toEqual([14]);
    expect(nodeSpans('{"name": "nodes", "x": {"nodes": [{}]}}')).toBeNull();
  });
});

describe('TextReader', () => {
  it('a digit typed over an attribute re-reads that node alone: every other node object is kept', () => {
    const reader = new TextReader();
    const first = reader.read(LENET).graph!;
    const at = LENET.indexOf('"filters": 6') + '"filters": '.length;
    const change: TextChange = { offset: at, length: 1, text: '7' };
    const text = applyTextChanges(LENET, [change])!;
    const r = reader.read(text, { before: LENET, changes: [change] });
    expect(said(r)).toBe(said(parseGraphText(text)));
    const changed = r.graph!.nodes.filter((n, i) => n !== first.nodes[i]).map((n) => n.id);
    expect(changed).toEqual(['c1']);
    expect(r.graph!.edges).toBe(first.edges);
    // Its source ranges are the whole reader's, found when asked for.
    expect(r.source.nodes.get('c1')!.range).toEqual(parseGraphText(text).source.nodes.get('c1')!.range);
  });

  it('an edit made on another text than the last one read, or of several changes, reads the whole text', () => {
    const reader = new TextReader();
    reader.read(LENET);
    const at = LENET.indexOf('"filters": 6') + '"filters": '.length;
    const change: TextChange = { offset: at, length: 1, text: '7' };
    const text = applyTextChanges(LENET, [change])!;
    const stale = reader.read(text, { before: LENET + ' ', changes: [change] });
    expect(said(stale)).toBe(said(parseGraphText(text)));
    const two = [change, { offset: 0, length: 0, text: ' ' }];
    const twice = applyTextChanges(LENET, two)!;
    expect(said(new TextReader().read(twice, { before: LENET, changes: two }))).toBe(said(parseGraphText(twice)));
  });

  it('a repeated key, nesting too deep or a node that is not one reads the whole text (and says what it says)', () => {
    const after = LENET.indexOf('"type": "conv2d", ') + '"type": "conv2d", '.length;
    const deep = '"deep": ' + '['.repeat(99) + ']'.repeat(99) + ', ';
    const cases: TextChange[] = [
      { offset: after, length: 0, text: '"kernel": 3, ' },
      { offset: after, length: 0, text: deep },
      { offset: after, length: 0, text: '"x": 1 }, { ' },
      { offset: LENET.indexOf('"id": "c1"') + 7, length: 2, text: '' },
    ];
    for (const change of cases) {
      const reader = new TextReader();
      reader.read(LENET);
      const next = applyTextChanges(LENET, [change])!;
      const whole = parseGraphText(next);
      expect(said(reader.read(next, { before: LENET, changes: [change] }))).toBe(said(whole));
    }
  });

  /** Random edits as typing makes them, most inside nodes, with characters that break JSON, keys and nesting. */
  const edits = (text: string) =>
    fc.tuple(
      fc.nat({ max: text.length }),
      fc.nat({ max: 6 }),
      fc.string({ unit: fc.constantFrom('1', '0', '-', '"', ':', ',', '{', '}', '[', ']', ' ', 'a', '\\', '\n', '"id": "x", ', '"type": ', '"filters": 3, '), maxLength: 4 }),
    );

  it('over random edit sequences, always says what parseGraphText says of the whole text', () => {
    for (const start of [LENET, MODULES]) {
      fc.assert(
        fc.property(fc.array(fc.integer(), { minLength: 1, maxLength: 12 }), (seeds) => {
          const reader = new TextReader();
          let text = start;
          reader.read(text);
          for (const seed of seeds) {
            const [offset, length, inserted] = fc.sample(edits(text), { numRuns: 1, seed })[0];
            const change: TextChange = { offset, length: Math.min(length, text.length - offset), text: inserted };
            const next = applyTextChanges(text, [change])!;
            expect(said(reader.read(next, { before: text, changes: [change] }))).toBe(said(parseGraphText(next)));
            text = next;
          }
        }),
        { numRuns: 150 },
      );
    }
  });

  it('over random edits inside one node value: the quick path reads what the whole reader reads', () => {
    const spans = nodeSpans(LENET)!;
    let quick = 0;
    let runs = 0;
    fc.assert(
      fc.property(fc.nat(), fc.nat({ max: 3 }), fc.string({ unit: fc.constantFrom('1', '9', '-', '.', 'e', '"', ',', ' ', '}', '{', '['), maxLength: 3 }), (pick, length, inserted) => {
        const i = pick % spans.starts.length;
        const offset = spans.starts[i] + 1 + (pick % (spans.ends[i] - spans.starts[i]));
        const change: TextChange = { offset, length: Math.min(length, spans.ends[i] - offset), text: inserted };
        const next = applyTextChanges(LENET, [change])!;
        const reader = new TextReader();
        const first = reader.read(LENET).graph!;
        const r = reader.read(next, { before: LENET, changes: [change] });
        expect(said(r)).toBe(said(parseGraphText(next)));
        runs++;
        // Only the quick path hands back the last graph's edge list itself.
        if (r.graph?.edges === first.edges) quick++;
      }),
      { numRuns: 1500 },
    );
    // The property is about the quick path: most of these edits must have taken it (the rest break the JSON).
    expect(quick / runs).toBeGreaterThan(0.3);
  });
});
