/**
 * Structural problems inside a module's definition get the fixes the same problem gets at the top level — a
 * dangling node, a missing edge, a duplicate or unknown edge, a cycle, a misspelt type, a mismatched add, a
 * second input, a use fed twice, a misspelt module, a stride from a nested use's parameter — as edits of the
 * definition's lines (every use follows). Each fix is applied as the canvas button and the Quick Fix apply it
 * (intent, then minimal text edits), and the fixed text is analysed again: the problem is gone and the numbers
 * are the intended network's.
 */
import { describe, expect, it } from 'vitest';
import { applyIntent } from '../../engine/document/intents';
import { parseGraphText } from '../../engine/graph/parse';
import { serializeGraph } from '../../engine/graph/serialize';
import type { Graph, GraphEdge, GraphNode, ModuleDefinition } from '../../engine/graph/types';
import { analyzeGraph } from '../../engine/shape/analyze';
import type { ExpressionFixEdit } from '../../engine/expression/diagnostics';
import type { Diagnostic, Fix } from '../../engine/shape/diagnostics';
import { problemsOf } from '../../extension/document/problems';
import { applyTextEdits, graphTextEdits } from '../../extension/document/textEdits';
import { BLOCK, edge, node } from './fixtures';

/** x 8×8×3 → u (4 filters, stride 2) → v (8 filters): the module used twice. */
function text(m: ModuleDefinition, nodes?: GraphNode[], edges?: GraphEdge[]): string {
  const graph: Graph = {
    name: 'structure',
    modules: { m },
    nodes: nodes ?? [node('x', 'input', { shape: [8, 8, 3] }), node('u', 'module:m', { filters: 4, stride: 2 }), node('v', 'module:m', { filters: 8 })],
    edges: edges ?? [edge('x', 'u'), edge('u', 'v')],
    layout: {},
  };
  return serializeGraph(graph);
}

const CLEAN = text(BLOCK);

function parsed(t: string): Graph {
  const p = parseGraphText(t);
  expect(p.problems.filter((x) => x.severity === 'error')).toEqual([]);
  return p.graph!;
}

function problems(t: string): Diagnostic[] {
  return analyzeGraph(parsed(t)).diagnostics.filter((d) => d.severity !== 'info');
}

/** The one fix titled `title` among the problems' fixes (the same fix shows on each use; they are equal). */
function fixTitled(t: string, title: string): Fix {
  const all = problems(t).flatMap((d) => d.fixes);
  const found = all.filter((f) => f.title === title);
  expect(found.length, `no fix "${title}" among: ${all.map((f) => f.title).join(' | ')}`).toBeGreaterThan(0);
  for (const f of found) expect(f).toEqual(found[0]);
  return found[0];
}

/** Applies a fix as the canvas button and the Quick Fix do: the apply-fix intent, then minimal text edits. */
function applied(t: string, edits: readonly ExpressionFixEdit[]): string {
  const before = parsed(t);
  const r = applyIntent(before, { kind: 'apply-fix', edits });
  if (!r.ok) throw new Error(r.error);
  return applyTextEdits(t, graphTextEdits(t, before, r.graph));
}

const changedLines = (a: string, b: string) => {
  const [x, y] = [a.split('\n'), b.split('\n')];
  return { removed: x.filter((l) => !y.includes(l)), added: y.filter((l) => !x.includes(l)) };
};

/** The intended network's numbers: u ends 4×4×8, v 4×4×16; (27·4+4) + (4·8+8) + (3·8+8) = 184 in u, (72·8+8) + 2·(8·16+16) = 872 in v. */
function expectIntended(t: string): void {
  expect(problems(t)).toEqual([]);
  const a = analyzeGraph(parsed(t));
  expect(a.byId.get('u')!.outputShape).toEqual([4, 4, 8]);
  expect(a.byId.get('v')!.outputShape).toEqual([4, 4, 16]);
  expect([a.byId.get('u')!.params, a.byId.get('v')!.params, a.totals.totalParams]).toEqual([184, 872, 1056]);
}

const withNodes = (nodes: readonly GraphNode[], edges: readonly GraphEdge[] = BLOCK.edges): ModuleDefinition => ({ ...BLOCK, nodes, edges });

describe('the intended network', () => {
  it('has no problems and the numbers the other tests expect', () => expectIntended(CLEAN));
});

describe('structural fixes inside a module definition', () => {
  it('a dangling node (a second output): remove it; the fixed file is the intended one, line for line', () => {
    const broken = text(withNodes([...BLOCK.nodes, node('extra', 'relu')], [...BLOCK.edges, edge('conv1', 'extra')]));
    expect(problems(broken).map((d) => [d.node, d.code])).toEqual([
      ['u', 'module-boundary'],
      ['v', 'module-boundary'],
    ]);
    const fix = fixTitled(broken, "remove 'extra' (in module 'm', shared by 2 uses: u, v)");
    expect(fix.edits).toEqual([{ kind: 'edit-module', module: 'm', edit: { kind: 'remove-node', node: 'extra' } }]);
    const fixed = applied(broken, fix.edits);
    expect(fixed).toBe(CLEAN);
    expectIntended(fixed);
  });

  it('a dangling chain: remove it and the nodes only it reads, not the block', () => {
    const broken = text(withNodes([...BLOCK.nodes, node('e1', 'relu'), node('e2', 'relu')], [...BLOCK.edges, edge('conv1', 'e1'), edge('e1', 'e2')]));
    const titles = problems(broken).flatMap((d) => d.fixes.map((f) => f.title));
    expect(new Set(titles)).toEqual(new Set(["remove 'e1', 'e2' (in module 'm', shared by 2 uses: u, v)"]));
    expect(applied(broken, fixTitled(broken, titles[0]).edits)).toBe(CLEAN);
  });

  it('a missing edge (relu → conv2): connect it; one edge line is added to the definition', () => {
    const broken = text(withNodes(BLOCK.nodes, BLOCK.edges.filter((e) => !(e.from === 'relu' && e.to === 'conv2'))));
    const fix = fixTitled(broken, "connect relu → conv2 (in module 'm', shared by 2 uses: u, v)");
    expect(fix.edits).toEqual([{ kind: 'edit-module', module: 'm', edit: { kind: 'add-edge', from: 'relu', to: 'conv2' } }]);
    const fixed = applied(broken, fix.edits);
    // The edge goes last (the line before it gains a comma).
    expect(changedLines(broken, fixed).added.map((l) => l.trim())).toEqual(['{ "from": "proj", "to": "add" },', '{ "from": "relu", "to": "conv2" }']);
    expectIntended(fixed);
  });

  it('an input nothing reads: connect it to every node nothing feeds', () => {
    const broken = text(withNodes(BLOCK.nodes, BLOCK.edges.filter((e) => e.from !== 'in')));
    const fix = fixTitled(broken, "connect in → conv1, connect in → proj (in module 'm', shared by 2 uses: u, v)");
    expectIntended(applied(broken, fix.edits));
  });

  it('a cycle (no output at all): remove the edge that closes it', () => {
    const broken = text(withNodes(BLOCK.nodes, [...BLOCK.edges, edge('add', 'conv1')]));
    expect(problems(broken)[0].message).toContain("Module 'm' has no output");
    expect(applied(broken, fixTitled(broken, "remove the edge add → conv1 (in module 'm', shared by 2 uses: u, v)").edits)).toBe(CLEAN);
  });

  it('a second input: remove it', () => {
    const broken = text(withNodes([...BLOCK.nodes, node('in2', 'input')], [...BLOCK.edges, edge('in2', 'add')]));
    expect(applied(broken, fixTitled(broken, "remove 'in2' (in module 'm', shared by 2 uses: u, v)").edits)).toBe(CLEAN);
  });

  it('a duplicate edge: one copy goes, the edge stays', () => {
    const broken = text(withNodes(BLOCK.nodes, [...BLOCK.edges, edge('conv1', 'relu')]));
    expect(problems(broken).map((d) => d.code)).toContain('duplicate-edge');
    const fix = fixTitled(broken, "remove the edge conv1 → relu (in module 'm', shared by 2 uses: u, v)");
    expect(fix.edits).toEqual([{ kind: 'edit-module', module: 'm', edit: { kind: 'remove-edge', from: 'conv1', to: 'relu' } }]);
    const fixed = applied(broken, fix.edits);
    expect(fixed).toBe(CLEAN);
    expectIntended(fixed);
  });

  it('an edge to a node the module does not have: remove it', () => {
    const broken = text(withNodes(BLOCK.nodes, [...BLOCK.edges, edge('conv1', 'nope')]));
    expect(applied(broken, fixTitled(broken, "remove the edge conv1 → nope (in module 'm', shared by 2 uses: u, v)").edits)).toBe(CLEAN);
  });

  it("an edge from the module's input into a one-input block: the title names the definition's edge (in → relu)", () => {
    const broken = text(withNodes(BLOCK.nodes, [...BLOCK.edges, edge('in', 'relu')]));
    // On u the extra input is x, on v it is u's output: both are the definition's one edge in → relu.
    expect(problems(broken).filter((d) => d.code === 'wrong-input-count').map((d) => d.node)).toEqual(['u/relu', 'v/relu']);
    expect(applied(broken, fixTitled(broken, "remove the edge in → relu (in module 'm', shared by 2 uses: u, v)").edits)).toBe(CLEAN);
  });

  it('a misspelt block type: change it in the definition', () => {
    const broken = text(withNodes(BLOCK.nodes.map((n) => (n.id === 'relu' ? node('relu', 'rleu') : n))));
    expect(applied(broken, fixTitled(broken, "change type to 'relu' (in module 'm', shared by 2 uses: u, v)").edits)).toBe(CLEAN);
  });

  it('an add of two shapes: insert the 1×1 projection in the definition: 4·8 + 8 = 40 more params in u, 8·16 + 16 = 144 in v', () => {
    const halfProj = withNodes(BLOCK.nodes.map((n) => (n.id === 'proj' ? node('proj', 'conv2d', { filters: '$filters', kernel: 1, stride: '$stride' }) : n)));
    const broken = text(halfProj);
    const fix = fixTitled(broken, "insert a 1×1 conv (8 filters) after 'proj' → 4×4×8 (in module 'm', shared by 2 uses: u, v)");
    expect(fix.edits).toEqual([
      { kind: 'edit-module', module: 'm', edit: { kind: 'insert-node', from: 'proj', to: 'add', id: 'proj_proj', type: 'conv2d', attrs: { filters: 8, kernel: 1 } } },
    ]);
    const fixed = applied(broken, fix.edits);
    expect(changedLines(broken, fixed).added.map((l) => l.trim())).toEqual([
      '{ "id": "proj_proj", "type": "conv2d", "filters": 8, "kernel": 1 },',
      '{ "from": "proj", "to": "proj_proj" },',
      '{ "from": "proj_proj", "to": "add" }',
    ]);
    const a = analyzeGraph(parsed(fixed));
    // A literal 8 filters in the definition: v's add still mismatches (16 vs 8), as the title's "4×4×8" was u's.
    expect(a.byId.get('u/proj_proj')!.outputShape).toEqual([4, 4, 8]);
    expect(a.byId.get('u/proj_proj')!.params).toBe(40);
    expect(a.diagnostics.filter((d) => d.node === 'u/add')).toEqual([]);
  });

  it("a module-boundary problem is in the Problems panel once, on the definition's name, with the definition edit as Quick Fix; the canvas keeps it on each use", () => {
    const broken = text(withNodes([...BLOCK.nodes, node('extra', 'relu')], [...BLOCK.edges, edge('conv1', 'extra')]));
    const p = parseGraphText(broken);
    const analysis = analyzeGraph(p.graph!);
    const shown = problemsOf(p, analysis);
    expect(shown.map((x) => [x.code, broken.slice(x.offset, x.offset + x.length)])).toEqual([['module-boundary', '"m"']]);
    // Its line: the definition's first, `"m": {` (the uses' lines hold no problem).
    expect(broken.split('\n')[broken.slice(0, shown[0].offset).split('\n').length - 1].trim()).toBe('"m": {');
    expect(shown[0].message).toBe("Module 'm' has 2 outputs (add, extra: nodes nothing inside it reads); a module has exactly one.");
    expect(shown[0].fixes.map((f) => f.edits)).toEqual([[{ kind: 'edit-module', module: 'm', edit: { kind: 'remove-node', node: 'extra' } }]]);
    expect(['u', 'v'].map((id) => analysis.byId.get(id)!.diagnostics.map((d) => d.code))).toEqual([['module-boundary'], ['module-boundary']]);
  });

  it("a boundary problem of a module used only inside another module's definition is on its own definition's name too", () => {
    const broken = withNodes(BLOCK.nodes, BLOCK.edges.filter((e) => e.from !== 'in'));
    const outer: ModuleDefinition = { params: {}, nodes: [node('in', 'input'), node('b', 'module:m')], edges: [edge('in', 'b')] };
    const t = serializeGraph({ name: 'nested', modules: { m: broken, outer }, nodes: [node('x', 'input', { shape: [8, 8, 3] }), node('o', 'module:outer'), node('o2', 'module:outer')], edges: [edge('x', 'o'), edge('o', 'o2')], layout: {} });
    const p = parseGraphText(t);
    const analysis = analyzeGraph(p.graph!);
    expect(analysis.diagnostics.filter((d) => d.code === 'module-boundary').map((d) => d.node)).toEqual(['o/b', 'o2/b']);
    const shown = problemsOf(p, analysis).filter((x) => x.code === 'module-boundary');
    expect(shown.map((x) => [t.slice(x.offset, x.offset + x.length), x.message])).toEqual([['"m"', "Module 'm': nothing reads its input 'in'; add an edge from it to the module's first node."]]);
    expect(shown[0].fixes.map((f) => f.title)).toEqual(["connect in → conv1, connect in → proj (in module 'm' (its only use))"]);
    expect(applied(t, shown[0].fixes[0].edits)).toBe(serializeGraph({ ...parsed(t), modules: { m: { ...BLOCK, edges: [...BLOCK.edges.filter((e) => e.from !== 'in'), edge('in', 'conv1'), edge('in', 'proj')] }, outer } }));
  });
});

describe('a module without an input', () => {
  const withoutInput = (edges: readonly GraphEdge[]) => withNodes(BLOCK.nodes.filter((n) => n.id !== 'in'), edges);
  const fixTitles = (t: string) => [...new Set(problems(t).flatMap((d) => d.fixes.map((f) => f.title)))];

  it('two branches nothing feeds: one input feeding both is the one fix, first in the definition', () => {
    const broken = text(withoutInput(BLOCK.edges.filter((e) => e.from !== 'in')));
    expect(problems(broken).map((d) => [d.node, d.code])).toEqual([
      ['u', 'module-boundary'],
      ['v', 'module-boundary'],
    ]);
    // Feeding only conv1 (or only proj) leaves a branch unfed: valid boundary, but half a block, so not offered.
    expect(fixTitles(broken)).toEqual(["add an input 'in' → conv1, proj (in module 'm', shared by 2 uses: u, v)"]);
    const fix = fixTitled(broken, fixTitles(broken)[0]);
    expect(fix.edits).toEqual([{ kind: 'edit-module', module: 'm', edit: { kind: 'add-input', id: 'in', to: ['conv1', 'proj'] } }]);
    const fixed = applied(broken, fix.edits);
    expect(changedLines(broken, fixed).added.map((l) => l.trim())).toEqual([
      '{ "id": "in", "type": "input" },',
      '{ "from": "in", "to": "conv1" },',
      '{ "from": "in", "to": "proj" },',
    ]);
    expectIntended(fixed);
  });

  it('one chain: the input feeds its first node; 7×7×1 → 3×3 conv, 2 filters: 5×5×2 and 3·3·1·2 + 2 = 20 params', () => {
    const m: ModuleDefinition = { params: {}, nodes: [node('conv', 'conv2d', { filters: 2, kernel: 3 }), node('relu', 'relu')], edges: [edge('conv', 'relu')] };
    const broken = serializeGraph({ name: 'chain', modules: { m }, nodes: [node('x', 'input', { shape: [7, 7, 1] }), node('u', 'module:m')], edges: [edge('x', 'u')], layout: {} });
    expect(problems(broken)[0].message).toContain("Module 'm' has no input");
    expect(fixTitles(broken)).toEqual(["add an input 'in' → conv (in module 'm' (its only use))"]);
    const fixed = applied(broken, fixTitled(broken, fixTitles(broken)[0]).edits);
    expect(problems(fixed)).toEqual([]);
    const a = analyzeGraph(parsed(fixed));
    expect(a.byId.get('u')!.outputShape).toEqual([5, 5, 2]);
    expect(a.byId.get('u')!.params).toBe(20);
    expect(parsed(fixed).modules!.m.nodes.map((n) => [n.id, n.type])).toEqual([['in', 'input'], ['conv', 'conv2d'], ['relu', 'relu']]);
  });

  it('edges from an input the node list lacks: add that node, and the file is the intended one, line for line', () => {
    const broken = text(withoutInput(BLOCK.edges));
    expect(fixTitles(broken)).toEqual(["add the input 'in' its edges come from (in module 'm', shared by 2 uses: u, v)"]);
    const fix = fixTitled(broken, fixTitles(broken)[0]);
    expect(fix.edits).toEqual([{ kind: 'edit-module', module: 'm', edit: { kind: 'add-input', id: 'in', to: [] } }]);
    expect(applied(broken, fix.edits)).toBe(CLEAN);
  });

  it("an input written with a misspelt type ('inptu'): change its type, nothing else", () => {
    const broken = text(withNodes(BLOCK.nodes.map((n) => (n.id === 'in' ? node('in', 'inptu') : n))));
    expect(fixTitles(broken)).toEqual(["change in's type to 'input' (in module 'm', shared by 2 uses: u, v)"]);
    expect(applied(broken, fixTitled(broken, fixTitles(broken)[0]).edits)).toBe(CLEAN);
  });

  it('no fix when an input cannot make it one input and one output: two separate chains, or a cycle', () => {
    const twoChains: ModuleDefinition = { params: {}, nodes: [node('a', 'relu'), node('b', 'relu')], edges: [] };
    const cycle: ModuleDefinition = { params: {}, nodes: [node('a', 'relu'), node('b', 'relu')], edges: [edge('a', 'b'), edge('b', 'a')] };
    for (const m of [twoChains, cycle]) {
      const t = serializeGraph({ name: 'none', modules: { m }, nodes: [node('x', 'input', { shape: [4] }), node('u', 'module:m')], edges: [edge('x', 'u')], layout: {} });
      expect(problems(t).map((d) => [d.code, d.fixes])).toEqual([['module-boundary', []]]);
    }
  });
});

describe('structural fixes around uses', () => {
  it('a use fed by two nodes: remove the extra edge, as for a block with too many inputs', () => {
    const nodes = [node('x', 'input', { shape: [8, 8, 3] }), node('r', 'relu'), node('u', 'module:m', { filters: 4, stride: 2 }), node('v', 'module:m', { filters: 8 })];
    const broken = text(BLOCK, nodes, [edge('x', 'r'), edge('x', 'u'), edge('r', 'u'), edge('u', 'v')]);
    const fix = fixTitled(broken, 'remove the edge r → u');
    expect(fix.edits).toEqual([{ kind: 'remove-edge', from: 'r', to: 'u' }]);
    const a = analyzeGraph(parsed(applied(broken, fix.edits)));
    expect(a.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(a.byId.get('v')!.outputShape).toEqual([4, 4, 16]);
  });

  it('a misspelt module: change the type to the module the file defines', () => {
    const nodes = [node('x', 'input', { shape: [8, 8, 3] }), node('u', 'module:mm', { filters: 4, stride: 2 }), node('v', 'module:m', { filters: 8 })];
    const broken = text(BLOCK, nodes);
    const fix = fixTitled(broken, "change type to 'module:m'");
    expect(fix.edits).toEqual([{ kind: 'set-type', node: 'u', type: 'module:m' }]);
    expect(applied(broken, fix.edits)).toBe(CLEAN);
  });

  it('a top-level block fed by a use twice over: the edge from the use is the file edge u → r', () => {
    const nodes = [node('x', 'input', { shape: [8, 8, 3] }), node('u', 'module:m', { filters: 4, stride: 2 }), node('r', 'relu')];
    const broken = text(BLOCK, nodes, [edge('x', 'u'), edge('x', 'r'), edge('u', 'r')]);
    const fix = fixTitled(broken, 'remove the edge u → r');
    expect(fix.edits).toEqual([{ kind: 'remove-edge', from: 'u', to: 'r' }]);
    const a = analyzeGraph(parsed(applied(broken, fix.edits)));
    expect(a.byId.get('r')!.outputShape).toEqual([8, 8, 3]);
  });

  it("a stride from a nested use's parameter: set on the use's node in the outer definition", () => {
    const inner: ModuleDefinition = { params: { s: 1 }, nodes: [node('in', 'input'), node('conv', 'conv2d', { filters: 2, kernel: 3, stride: '$s' })], edges: [edge('in', 'conv')] };
    const outer: ModuleDefinition = { params: {}, nodes: [node('in', 'input'), node('u', 'module:inner', { s: 3 })], edges: [edge('in', 'u')] };
    const t = serializeGraph({ name: 'nested', modules: { inner, outer }, nodes: [node('x', 'input', { shape: [7, 7, 1] }), node('o', 'module:outer')], edges: [edge('x', 'o')], layout: {} });
    const d = problems(t).find((x) => x.node === 'o/u/conv')!;
    expect(d.code).toBe('stride-does-not-tile');
    const fix = d.fixes.find((f) => f.title.startsWith('stride 2'))!;
    expect(fix.title).toBe(`stride 2 → 3×3 output (sets s to 2 on u in module 'outer' (its only use): 'stride' is "$s" in module 'inner')`);
    expect(fix.edits).toEqual([{ kind: 'set-module-attribute', module: 'outer', node: 'u', attribute: 's', value: 2 }]);
    const fixed = applied(t, fix.edits);
    // (7 − 3)/2 + 1 = 3; 3·3·1·2 + 2 = 20 params.
    const a = analyzeGraph(parsed(fixed));
    expect(a.byId.get('o/u/conv')!.outputShape).toEqual([3, 3, 2]);
    expect(a.byId.get('o/u/conv')!.params).toBe(20);
    expect(problems(fixed)).toEqual([]);
  });
});
