/**
 * Problems inside modules keep their fixes: an attribute fix becomes an edit of the module's definition (every use
 * follows) or of the use's parameter, applied as a minimal text edit; a fix that cannot be said so is named, with
 * the reason, in the diagnostic. And the inspector's view of an inner node: definition, values for this use, users.
 */
import { describe, expect, it } from 'vitest';
import { applyIntent } from '../../engine/document/intents';
import { parseGraphText } from '../../engine/graph/parse';
import type { Graph } from '../../engine/graph/types';
import { innerNode, valueForUse } from '../../engine/modules/innerNode';
import { fixInFile } from '../../engine/modules/moduleFixes';
import { analyzeGraph } from '../../engine/shape/analyze';
import { serializeGraph } from '../../engine/graph/serialize';
import { problemsOf } from '../../extension/document/problems';
import { applyTextEdits, graphTextEdits } from '../../extension/document/textEdits';

/** x 7×7×1 → a (m, stride 3: 7 does not tile) → b (m ×2, stride 1): conv 3×3, 2·f filters, no padding. */
function strided(): string {
  return serializeGraph({
    name: 'fixes',
    modules: {
      m: {
        params: { s: 1, f: 2 },
        nodes: [
          { id: 'in', type: 'input', attrs: {} },
          { id: 'conv', type: 'conv2d', attrs: { filters: '$f*2', kernel: 3, stride: '$s', padding: 0 } },
        ],
        edges: [{ from: 'in', to: 'conv' }],
      },
    },
    nodes: [
      { id: 'x', type: 'input', attrs: { shape: [7, 7, 1] } },
      { id: 'a', type: 'module:m', attrs: { s: 3 } },
      { id: 'b', type: 'module:m', attrs: { repeat: 2 } },
    ],
    edges: [
      { from: 'x', to: 'a' },
      { from: 'a', to: 'b' },
    ],
    layout: {},
  });
}

function graphOf(text: string): Graph {
  const p = parseGraphText(text);
  expect(p.problems.filter((x) => x.severity === 'error')).toEqual([]);
  return p.graph!;
}

/** Applies a fix the way the canvas button and the Problems panel's code action do: intent, then text edits. */
function applyFix(text: string, edits: Parameters<typeof applyIntent>[1] & { kind: 'apply-fix' }): string {
  const before = graphOf(text);
  const r = applyIntent(before, edits);
  if (!r.ok) throw new Error(r.error);
  return applyTextEdits(text, graphTextEdits(text, before, r.graph));
}

describe('fixes of problems inside modules', () => {
  it('a literal attribute becomes an edit of the definition, a "$param" one an edit of the use', () => {
    const d = analyzeGraph(graphOf(strided())).diagnostics.find((x) => x.node === 'a/conv')!;
    expect(d.code).toBe('stride-does-not-tile');
    expect(d.fixes.map((f) => f.title)).toEqual([
      "padding 1 → 3×3 output (in module 'm', shared by 2 uses: a, b)",
      `stride 2 → 3×3 output (sets a's parameter s to 2: 'stride' is "$s" in module 'm')`,
      `stride 4 → 2×2 output (sets a's parameter s to 4: 'stride' is "$s" in module 'm')`,
    ]);
    expect(d.fixes[0].edits).toEqual([{ kind: 'set-module-attribute', module: 'm', node: 'conv', attribute: 'padding', value: 1 }]);
    expect(d.fixes[1].edits).toEqual([{ kind: 'set-attribute', node: 'a', attribute: 's', value: 2 }]);
  });

  it('the definition fix changes one line of the file and every use: (7 + 2 − 3)/3 + 1 = 3, then 3 → 3 → 3', () => {
    const text = strided();
    const d = analyzeGraph(graphOf(text)).diagnostics.find((x) => x.node === 'a/conv')!;
    const after = applyFix(text, { kind: 'apply-fix', edits: d.fixes[0].edits });
    const changed = after.split('\n').filter((l, i) => l !== text.split('\n')[i]);
    expect(changed).toEqual(['        { "id": "conv", "type": "conv2d", "filters": "$f*2", "kernel": 3, "stride": "$s", "padding": 1 }']);
    const a = analyzeGraph(graphOf(after));
    // a: padded 9, (9 − 3)/3 + 1 = 3; b's copies keep 3×3 at stride 1 with padding 1; 4 filters each: (3·3·1 + 1)·4 = 40, (3·3·4 + 1)·4 = 148.
    expect(a.byId.get('a/conv')!.outputShape).toEqual([3, 3, 4]);
    expect(a.byId.get('b/0/conv')!.outputShape).toEqual([3, 3, 4]);
    expect(a.byId.get('b/1/conv')!.outputShape).toEqual([3, 3, 4]);
    expect([a.byId.get('a/conv')!.params, a.byId.get('b/0/conv')!.params]).toEqual([40, 148]);
    expect(a.diagnostics.filter((x) => x.severity !== 'info')).toEqual([]);
  });

  it("the Problems panel shows the problem on the definition's line, with the fix its Quick Fix applies", () => {
    const text = strided();
    const parsed = parseGraphText(text);
    const problems = problemsOf(parsed, analyzeGraph(parsed.graph!)).filter((p) => p.code === 'stride-does-not-tile');
    expect(problems).toHaveLength(1);
    const line = text.slice(0, problems[0].offset).split('\n').length;
    expect(text.split('\n')[line - 1]).toContain('{ "id": "conv", "type": "conv2d"');
    expect(text.slice(problems[0].offset, problems[0].offset + problems[0].length)).toBe('"$s"');
    expect(problems[0].message.startsWith('a/conv: Stride 3 does not tile')).toBe(true);
    expect(problems[0].fixes[0].edits).toEqual([{ kind: 'set-module-attribute', module: 'm', node: 'conv', attribute: 'padding', value: 1 }]);
  });

  it('a definition edit keeps the attribute in its place: changing it back gives the same text', () => {
    const text = strided();
    const edit = (t: string, value: number) => applyFix(t, { kind: 'apply-fix', edits: [{ kind: 'set-module-attribute', module: 'm', node: 'conv', attribute: 'kernel', value }] });
    const five = edit(text, 5);
    expect(five.split('\n').filter((l, i) => l !== text.split('\n')[i])).toEqual(['        { "id": "conv", "type": "conv2d", "filters": "$f*2", "kernel": 5, "stride": "$s", "padding": 0 }']);
    expect(edit(five, 3)).toBe(text);
  });

  it("the parameter fix edits the use's line only: a's stride 2 gives (7 − 3)/2 + 1 = 3", () => {
    const text = strided();
    const d = analyzeGraph(graphOf(text)).diagnostics.find((x) => x.node === 'a/conv')!;
    const after = applyFix(text, { kind: 'apply-fix', edits: d.fixes[1].edits });
    const changed = after.split('\n').filter((l, i) => l !== text.split('\n')[i]);
    expect(changed).toEqual(['    { "id": "a", "type": "module:m", "s": 2 },']);
    expect(analyzeGraph(graphOf(after)).byId.get('a/conv')!.outputShape).toEqual([3, 3, 4]);
  });

  it('a multiple "$f*2" takes half the value, and refuses a value that is not a multiple', () => {
    const g = graphOf(strided());
    const e = analyzeGraph(g).expansion!;
    const ids = new Set(g.nodes.map((n) => n.id));
    const set = (value: number) => fixInFile(g, e, ids, { title: `filters ${value}`, edits: [{ kind: 'set-attribute', node: 'b/1/conv', attribute: 'filters', value }] });
    expect(set(6)).toEqual({
      ok: true,
      fix: { title: `filters 6 (sets b's parameter f to 3: 'filters' is "$f*2" in module 'm')`, edits: [{ kind: 'set-attribute', node: 'b', attribute: 'f', value: 3 }] },
    });
    expect(set(5)).toEqual({ ok: false, reason: `'filters' is "$f*2": 5 is not 2 times a whole number` });
  });

  it("structural fixes become edits of the definition's body; a node the file cannot name is refused with the reason", () => {
    const g = graphOf(strided());
    const e = analyzeGraph(g).expansion!;
    const ids = new Set(g.nodes.map((n) => n.id));
    // The edge from a's feed into its conv is the definition's in → conv.
    const insert = fixInFile(g, e, ids, { title: 'insert relu', edits: [{ kind: 'insert-node', from: 'x', to: 'a/conv', id: 'a/r', type: 'relu', attrs: {} }] });
    expect(insert).toEqual({
      ok: true,
      fix: { title: "insert relu (in module 'm', shared by 2 uses: a, b)", edits: [{ kind: 'edit-module', module: 'm', edit: { kind: 'insert-node', from: 'in', to: 'conv', id: 'r', type: 'relu', attrs: {} } }] },
    });
    const nowhere = fixInFile(g, e, ids, { title: 'remove it', edits: [{ kind: 'remove-node', node: 'a/conv/deeper' }] });
    expect(nowhere.ok).toBe(false);
    const remove = fixInFile(g, e, ids, { title: 'no padding', edits: [{ kind: 'remove-attribute', node: 'a/conv', attribute: 'padding' }] });
    expect(remove.ok && remove.fix.edits).toEqual([{ kind: 'set-module-attribute', module: 'm', node: 'conv', attribute: 'padding', value: null }]);
  });

  it("a stride fix inside a nested use sets the parameter on the use's node in the outer definition", () => {
    const text = serializeGraph({
      name: 'nested',
      modules: {
        inner: {
          params: { s: 1 },
          nodes: [
            { id: 'in', type: 'input', attrs: {} },
            { id: 'conv', type: 'conv2d', attrs: { filters: 2, kernel: 3, stride: '$s' } },
          ],
          edges: [{ from: 'in', to: 'conv' }],
        },
        outer: {
          params: {},
          nodes: [
            { id: 'in', type: 'input', attrs: {} },
            { id: 'u', type: 'module:inner', attrs: { s: 3 } },
          ],
          edges: [{ from: 'in', to: 'u' }],
        },
      },
      nodes: [
        { id: 'x', type: 'input', attrs: { shape: [7, 7, 1] } },
        { id: 'o', type: 'module:outer', attrs: {} },
      ],
      edges: [{ from: 'x', to: 'o' }],
      layout: {},
    });
    const d = analyzeGraph(graphOf(text)).diagnostics.find((x) => x.node === 'o/u/conv')!;
    expect(d.fixes.map((f) => f.title)).toEqual([
      "padding 1 → 3×3 output (in module 'inner' (its only use))",
      `stride 2 → 3×3 output (sets s to 2 on u in module 'outer' (its only use): 'stride' is "$s" in module 'inner')`,
      `stride 4 → 2×2 output (sets s to 4 on u in module 'outer' (its only use): 'stride' is "$s" in module 'inner')`,
    ]);
    expect(d.message).not.toContain('is not offered');
  });
});

describe('an inner node as the inspector shows it', () => {
  it('the definition node, the values for this use copy, the file node holding them, and who shares it', () => {
    const g = graphOf(strided());
    const a = analyzeGraph(g);
    const inner = innerNode(g, a.expansion, 'b/1/conv')!;
    expect(inner.module).toBe('m');
    expect(inner.node.attrs).toEqual({ filters: '$f*2', kernel: 3, stride: '$s', padding: 0 });
    expect(inner.expanded.attrs).toEqual({ filters: 4, kernel: 3, stride: 1, padding: 0 });
    expect([inner.usePath, inner.fileUse, inner.users, inner.copies]).toEqual(['b/1', 'b', ['a', 'b'], 3]);
    expect(inner.args).toEqual({ s: 1, f: 2 });
    expect(valueForUse(inner, 'filters', '$f*3')).toEqual({ value: 6, problems: [] });
    expect(valueForUse(inner, 'filters', '$g')).toEqual({
      value: '$g',
      problems: [`"$g" refers to 'g', which is not a parameter of module 'm' (did you mean '$s'?); its parameters are s, f.`],
    });
    expect(innerNode(g, a.expansion, 'a/conv')!.args).toEqual({ s: 3, f: 2 });
    expect(innerNode(g, a.expansion, 'a')).toBeNull();
  });
});
