/**
 * The backprop lab's editor logic without a browser: what the Step control shows after each step, and the intents
 * on expression graphs (what may be added and connected, choosing the output, the fixes), through the same
 * applyIntent the host runs and the protocol check every webview message passes.
 */
import { describe, expect, it } from 'vitest';
import { evaluateExpression } from '../../engine/expression/evaluate';
import { parseGraphText } from '../../engine/graph/parse';
import { serializeGraph } from '../../engine/graph/serialize';
import type { Graph } from '../../engine/graph/types';
import { applyIntent } from '../../engine/document/intents';
import { graphTextEdits, applyTextEdits } from '../../extension/document/textEdits';
import { parseWebviewMessage, type Intent } from '../../extension/protocol';
import { TEMPLATES } from '../../extension/templates';
import { stepView } from '../../webview/expression/stepView';

const template = (label: string): Graph => parseGraphText(TEMPLATES.find((t) => t.label === label)!.text()).graph!;
const xyz = () => template('Backprop: (x + y)·z');
const grads = (v: ReturnType<typeof stepView>) => v.wireGrads.map((g) => (g ? g.data[0] : null));

function apply(graph: Graph, intent: Intent): Graph {
  // Every intent crosses the protocol check first, as it does from the webview.
  const checked = parseWebviewMessage({ type: 'intent', requestId: 1, intent });
  if (!checked.ok || checked.value.type !== 'intent') throw new Error(checked.ok ? 'not an intent' : checked.reason);
  const r = applyIntent(graph, checked.value.intent);
  if (!r.ok) throw new Error(r.error);
  return r.graph;
}

describe('stepView: the Step control', () => {
  const g = xyz();
  const result = evaluateExpression(g);
  // edges: x→q, y→q, q→f, z→f
  it('before any step only ∂f/∂f = 1 is known; the wires are blank', () => {
    const v = stepView(g, result, 0);
    expect([v.done, v.total, v.current]).toEqual([0, 2, null]);
    expect(grads(v)).toEqual([null, null, null, null]);
    expect(v.nodeGrads.get('f')!.data[0]).toBe(1);
    expect(v.nodeGrads.get('q')).toBeNull();
  });
  it('step 1 (the mul gate) fills the wires into f: q gets −4, z gets 3', () => {
    const v = stepView(g, result, 1);
    expect(v.current!.node).toBe('f');
    expect(grads(v)).toEqual([null, null, -4, 3]);
    expect(v.nodeGrads.get('q')!.data[0]).toBe(-4);
    expect(v.nodeGrads.get('x')).toBeNull();
  });
  it('step 2 (the add gate) hands −4 to x and y; every step done = the whole pass', () => {
    const v = stepView(g, result, 2);
    expect(v.current!.node).toBe('q');
    expect(grads(v)).toEqual([-4, -4, -4, 3]);
    expect(grads(stepView(g, result, Infinity))).toEqual([-4, -4, -4, 3]);
  });
  it('a fan-out node shows its gradient growing as each consumer is stepped', () => {
    // f = x·y + x, x = 3, y = −2: the add hands x 1 first, then the mul −2.
    const fan = parseGraphText(
      JSON.stringify({
        format: 'wiregrad.graph', version: 1, kind: 'expression', output: 'f',
        nodes: [{ id: 'x', type: 'var', value: 3 }, { id: 'y', type: 'var', value: -2 }, { id: 'p', type: 'mul' }, { id: 'f', type: 'add' }],
        edges: [{ from: 'x', to: 'p' }, { from: 'y', to: 'p' }, { from: 'p', to: 'f' }, { from: 'x', to: 'f' }],
      }),
    ).graph!;
    const r = evaluateExpression(fan);
    expect(stepView(fan, r, 1).nodeGrads.get('x')!.data[0]).toBe(1);
    expect(stepView(fan, r, 2).nodeGrads.get('x')!.data[0]).toBe(-1);
  });
});

describe('intents on expression graphs', () => {
  it('adds vars (value 0), consts (value 1) and gates, refusing network blocks', () => {
    let g = apply(xyz(), { kind: 'add-node', type: 'var', position: { x: 1, y: 2 } });
    g = apply(g, { kind: 'add-node', type: 'const' });
    g = apply(g, { kind: 'add-node', type: 'sigmoid', after: 'f' });
    expect(g.nodes.slice(-3)).toEqual([
      { id: 'x_1', type: 'var', attrs: { value: 0 } },
      { id: 'c_1', type: 'const', attrs: { value: 1 } },
      { id: 'sigmoid_1', type: 'sigmoid', attrs: {} },
    ]);
    expect(g.edges.at(-1)).toEqual({ from: 'f', to: 'sigmoid_1' });
    expect(applyIntent(xyz(), { kind: 'add-node', type: 'conv2d' })).toEqual({ ok: false, error: "'conv2d' is not a gate of an expression graph (a network block cannot go in one)." });
  });

  it('refuses an input into a var, a third input to mul, a cycle and a repeated edge', () => {
    const g = xyz();
    const refused = (from: string, to: string) => {
      const r = applyIntent(g, { kind: 'connect', from, to });
      return r.ok ? null : r.error;
    };
    expect(refused('q', 'x')).toBe("'x' is a var: it has a value of its own and takes no inputs.");
    expect(refused('x', 'f')).toBe("'f' (mul) takes 2 inputs (in edge order) and has them.");
    expect(refused('x', 'q')).toBe("'x' already feeds 'q'.");
    const open = apply(g, { kind: 'add-node', type: 'exp' });
    expect(applyIntent(apply(open, { kind: 'connect', from: 'f', to: 'exp_1' }), { kind: 'connect', from: 'exp_1', to: 'q' })).toMatchObject({ ok: false });
  });

  it('sets the output and appends an output gate (the non-scalar fix), both through the text', () => {
    const mv = template('Backprop: ‖W·x‖²');
    const text = serializeGraph(mv);
    const g = apply(mv, { kind: 'apply-fix', edits: [{ kind: 'set-output', node: 'q' }] });
    const result = evaluateExpression(g);
    expect(result.diagnostics.map((d) => d.code)).toContain('non-scalar-output');
    const fix = result.diagnostics.find((d) => d.code === 'non-scalar-output')!.fixes[0];
    const fixed = apply(g, { kind: 'apply-fix', edits: fix.edits });
    expect(fixed.output).toBe('f_2');
    expect(evaluateExpression(fixed).value).toBeCloseTo(0.22 + 0.26, 15);
    // As the host writes it: a one-line change of "output" in the canonical file.
    const after = applyTextEdits(text, graphTextEdits(text, mv, g));
    expect(after.split('\n').filter((l, i) => l !== text.split('\n')[i])).toEqual(['  "output": "q",']);
  });

  it('deleting the output node drops "output" (f falls back to the sinks); a value edit is one line', () => {
    const g = apply(xyz(), { kind: 'delete', nodes: ['f'], edges: [] });
    expect(g.output).toBeUndefined();
    expect(evaluateExpression(g).diagnostics.map((d) => d.code)).toEqual(['several-sinks']); // q and z now feed nothing
    expect(evaluateExpression(apply(g, { kind: 'delete', nodes: ['z'], edges: [] })).output).toBe('q');
    const before = xyz();
    const text = serializeGraph(before);
    const edited = apply(before, { kind: 'set-attribute', node: 'x', attribute: 'value', value: 1.5 });
    const edits = graphTextEdits(text, before, edited);
    expect(edits).toHaveLength(1);
    expect(edits[0].text).toBe('    { "id": "x", "type": "var", "value": 1.5 },\n');
  });

  it('the protocol drops malformed expression fix edits; a network refuses them', () => {
    expect(parseWebviewMessage({ type: 'intent', requestId: 1, intent: { kind: 'apply-fix', edits: [{ kind: 'set-output' }] } })).toEqual({ ok: false, reason: 'intent.edits[0].node must be a non-empty string of at most 200 characters' });
    const lenet = parseGraphText(TEMPLATES[0].text()).graph!;
    expect(applyIntent(lenet, { kind: 'apply-fix', edits: [{ kind: 'set-output', node: 'c1' }] })).toMatchObject({ ok: false });
    expect(applyIntent(xyz(), { kind: 'set-training', key: 'epochs', value: 3 })).toEqual({ ok: false, error: 'An expression graph has nothing to train.' });
  });
});
