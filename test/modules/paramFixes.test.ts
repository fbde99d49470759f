/**
 * A module use that sets a parameter its module does not declare (`"filter": 4` for `filters`): the diagnostic
 * names the use, the attribute and the module's parameters, and offers the rename (closest name, only when the use
 * does not set it already) and the removal, on the canvas (the analysis' diagnostics) and as Quick Fixes (the
 * Problems panel's). Each fix is applied as the canvas button and the Quick Fix apply it, and the text analysed again.
 */
import { describe, expect, it } from 'vitest';
import { applyIntent } from '../../engine/document/intents';
import { parseGraphText } from '../../engine/graph/parse';
import { serializeGraph } from '../../engine/graph/serialize';
import type { Graph, GraphNode, ModuleDefinition } from '../../engine/graph/types';
import { analyzeGraph } from '../../engine/shape/analyze';
import type { Diagnostic, FixEdit } from '../../engine/shape/diagnostics';
import { problemsOf } from '../../extension/document/problems';
import { applyTextEdits, graphTextEdits } from '../../extension/document/textEdits';
import { BLOCK, edge, node } from './fixtures';

/** x 8×8×3 → u (the block with `attrs`). */
function text(attrs: GraphNode['attrs']): string {
  return serializeGraph({ name: 'params', modules: { block: BLOCK }, nodes: [node('x', 'input', { shape: [8, 8, 3] }), node('u', 'module:block', attrs)], edges: [edge('x', 'u')], layout: {} });
}

function parsed(t: string): Graph {
  const p = parseGraphText(t);
  expect(p.problems.filter((x) => x.severity === 'error')).toEqual([]);
  return p.graph!;
}

const problems = (t: string): Diagnostic[] => analyzeGraph(parsed(t)).diagnostics.filter((d) => d.severity !== 'info');

/** Applies a fix as the canvas button and the Quick Fix do: the apply-fix intent, then minimal text edits. */
function applied(t: string, edits: readonly FixEdit[]): string {
  const before = parsed(t);
  const r = applyIntent(before, { kind: 'apply-fix', edits });
  if (!r.ok) throw new Error(r.error);
  return applyTextEdits(t, graphTextEdits(t, before, r.graph));
}

const useLine = (t: string) => t.split('\n').find((l) => l.includes('"id": "u"'))!.trim();

/**
 * u with 4 filters at stride 2: 8×8×3 → 4×4×8; (27·4 + 4) + (4·8 + 8) + (3·8 + 8) = 112 + 40 + 32 = 184 params.
 * With the default 8 filters: 4×4×16; (27·8 + 8) + (8·16 + 16) + (3·16 + 16) = 224 + 144 + 64 = 432.
 */
function expectNumbers(t: string, shape: number[], params: number): void {
  const u = analyzeGraph(parsed(t)).byId.get('u')!;
  expect([u.outputShape, u.params]).toEqual([shape, params]);
}

const MESSAGE = "The use 'u' sets 'filter', which is not a parameter of module 'block' (did you mean 'filters'?); its parameters are filters, stride.";

describe("a misspelt parameter on a module use ('filter' for 'filters')", () => {
  const broken = text({ filter: 4, stride: 2 });

  it('is one error on the use that names it, the attribute and the parameters; the use computes with the default', () => {
    expect(problems(broken).map((d) => [d.node, d.code, d.attribute, d.message])).toEqual([['u', 'unknown-param', 'filter', MESSAGE]]);
    expectNumbers(broken, [4, 4, 16], 432);
  });

  it("offers rename to 'filters' (the value and the use's other parameters kept) and remove, on the collapsed use's badge too", () => {
    const d = problems(broken)[0];
    expect(d.fixes).toEqual([
      { title: "rename 'filter' to 'filters'", edits: [{ kind: 'remove-attribute', node: 'u', attribute: 'filter' }, { kind: 'set-attribute', node: 'u', attribute: 'filters', value: 4 }] },
      { title: "remove 'filter'", edits: [{ kind: 'remove-attribute', node: 'u', attribute: 'filter' }] },
    ]);
    // The canvas shows a use's problems from its collapsed analysis.
    expect(analyzeGraph(parsed(broken)).byId.get('u')!.diagnostics).toEqual([d]);
  });

  it('the rename changes the use line only; the fixed file has no problem and the intended numbers', () => {
    const fixed = applied(broken, problems(broken)[0].fixes[0].edits);
    expect(useLine(broken)).toBe('{ "id": "u", "type": "module:block", "filter": 4, "stride": 2 }');
    expect(useLine(fixed)).toBe('{ "id": "u", "type": "module:block", "stride": 2, "filters": 4 }');
    expect(fixed.split('\n').filter((l, i) => l !== broken.split('\n')[i])).toHaveLength(1);
    expect(problems(fixed)).toEqual([]);
    expectNumbers(fixed, [4, 4, 8], 184);
  });

  it('the removal leaves the default: no problem, 432 params', () => {
    const fixed = applied(broken, problems(broken)[0].fixes[1].edits);
    expect(problems(fixed)).toEqual([]);
    expectNumbers(fixed, [4, 4, 16], 432);
  });

  it("in the Problems panel: on the misspelt attribute's value, with the same fixes as Quick Fixes", () => {
    const p = parseGraphText(broken);
    const shown = problemsOf(p, analyzeGraph(p.graph!));
    expect(shown.map((x) => [x.code, x.message, broken.slice(x.offset, x.offset + x.length)])).toEqual([['unknown-param', MESSAGE, '4']]);
    expect(broken.slice(0, shown[0].offset).split('\n').pop()!.trim()).toBe('{ "id": "u", "type": "module:block", "filter":');
    expect(shown[0].fixes.map((f) => f.title)).toEqual(["rename 'filter' to 'filters'", "remove 'filter'"]);
  });

  it("no rename when the use already sets 'filters' (it would overwrite the value): remove only", () => {
    const both = text({ filters: 4, filter: 16, stride: 2 });
    const d = problems(both)[0];
    expect(d.fixes.map((f) => f.title)).toEqual(["remove 'filter'"]);
    const fixed = applied(both, d.fixes[0].edits);
    expect(useLine(fixed)).toBe('{ "id": "u", "type": "module:block", "filters": 4, "stride": 2 }');
    expectNumbers(fixed, [4, 4, 8], 184);
  });

  it('no rename when no parameter name is close: remove only', () => {
    const d = problems(text({ width: 4 }))[0];
    expect(d.message).toBe("The use 'u' sets 'width', which is not a parameter of module 'block'; its parameters are filters, stride.");
    expect(d.fixes.map((f) => f.title)).toEqual(["remove 'width'"]);
  });

  it("a use inside another module's definition: the rename edits that definition, keeping the value as written ('$f')", () => {
    const outer: ModuleDefinition = { params: { f: 4 }, nodes: [node('in', 'input'), node('b', 'module:block', { filtres: '$f', stride: 2 })], edges: [edge('in', 'b')] };
    const t = serializeGraph({
      name: 'nested',
      modules: { block: BLOCK, outer },
      nodes: [node('x', 'input', { shape: [8, 8, 3] }), node('o', 'module:outer')],
      edges: [edge('x', 'o')],
      layout: {},
    });
    const d = problems(t).find((x) => x.code === 'unknown-param')!;
    expect([d.node, d.message]).toEqual(['o/b', "The use 'b' sets 'filtres', which is not a parameter of module 'block' (did you mean 'filters'?); its parameters are filters, stride."]);
    expect(d.fixes[0]).toEqual({
      title: "rename 'filtres' to 'filters' (in module 'outer' (its only use))",
      edits: [
        { kind: 'set-module-attribute', module: 'outer', node: 'b', attribute: 'filtres', value: null },
        { kind: 'set-module-attribute', module: 'outer', node: 'b', attribute: 'filters', value: '$f' },
      ],
    });
    const fixed = applied(t, d.fixes[0].edits);
    expect(fixed.split('\n').find((l) => l.includes('"id": "b"'))!.trim()).toBe('{ "id": "b", "type": "module:block", "stride": 2, "filters": "$f" }');
    expect(problems(fixed)).toEqual([]);
    const o = analyzeGraph(parsed(fixed)).byId.get('o')!;
    expect([o.outputShape, o.params]).toEqual([[4, 4, 8], 184]);
  });
});
