/** Every problem an expression graph can have is a diagnostic with a message naming what is wrong, and a fix. */
import { describe, expect, it } from 'vitest';
import type { ExpressionDiagnostic } from '../../engine/expression/diagnostics';
import { expr, node, run } from './helpers';

const only = (ds: readonly ExpressionDiagnostic[], code: string) => {
  const found = ds.filter((d) => d.code === code);
  expect(found, JSON.stringify(ds.map((d) => d.code))).toHaveLength(1);
  return found[0];
};

describe('expression diagnostics (never exceptions)', () => {
  it('shape mismatch names both shapes and offers to resize the var or drop the edge', () => {
    const r = run(expr([['a', 'var', [1, 2, 3]], ['b', 'var', [4, 5]], ['f', 'mul']], [['a', 'f'], ['b', 'f']]));
    const d = only(r.diagnostics, 'shape-mismatch');
    expect(d).toMatchObject({ node: 'f', severity: 'error' });
    expect(d.message).toBe("'f' (mul): first input 'a' is a vector of 3, second input 'b' is a vector of 2; elementwise gates need inputs of one shape, or a scalar with a vector of 3.");
    expect(d.fixes.map((f) => f.edits)).toEqual([
      [{ kind: 'set-attribute', node: 'b', attribute: 'value', value: [4, 5, 0] }],
      [{ kind: 'remove-edge', from: 'b', to: 'f' }],
    ]);
    expect(r.value).toBeNull();
    expect(node(r, 'a')).toEqual({ value: [1, 2, 3], grad: null }); // values still shown, no backward
  });

  it('matvec and dot mismatches say what fits', () => {
    const mv = run(expr([['W', 'var', [[1, 2], [3, 4]]], ['x', 'var', [1, 2, 3]], ['q', 'matvec'], ['f', 'sum']], [['W', 'q'], ['x', 'q'], ['q', 'f']]));
    expect(only(mv.diagnostics, 'shape-mismatch').message).toBe("'q' (matvec): first input 'W' is a 2×2 matrix, second input 'x' is a vector of 3; W has 2 columns, so x needs 2 entries.");
    expect(only(mv.diagnostics, 'shape-mismatch').fixes[0].edits[0]).toEqual({ kind: 'set-attribute', node: 'x', attribute: 'value', value: [1, 2] });
    const dot = run(expr([['a', 'var', [1, 2]], ['b', 'var', 3], ['f', 'dot']], [['a', 'f'], ['b', 'f']]));
    expect(only(dot.diagnostics, 'shape-mismatch').message).toContain("second input 'b' is a scalar; dot needs two vectors of the same length");
  });

  it('a non-scalar output offers f = sum(…) and f = ‖…‖²', () => {
    const r = run(expr([['x', 'var', [1, 2]], ['y', 'square']], [['x', 'y']]));
    const d = only(r.diagnostics, 'non-scalar-output');
    expect(d.message).toBe("The output 'y' is a vector of 2, but f must be a scalar: a gradient ∂f/∂x is defined for one number f.");
    expect(d.fixes.map((f) => f.edits[0])).toEqual([
      { kind: 'append-output-gate', after: 'y', id: 'f', type: 'sum' },
      { kind: 'append-output-gate', after: 'y', id: 'f', type: 'l2sq' },
    ]);
  });

  it('several sinks and no "output": lists them and offers each scalar one as f', () => {
    const r = run(expr([['x', 'var', 1], ['a', 'exp'], ['b', 'neg'], ['c', 'var', [1, 2]]], [['x', 'a'], ['x', 'b']]));
    const d = only(r.diagnostics, 'several-sinks');
    expect(d.message).toBe(`The graph has 3 nodes that feed nothing ('a', 'b', 'c') and no "output" saying which is f.`);
    expect(d.fixes.map((f) => f.edits[0])).toEqual([{ kind: 'set-output', node: 'a' }, { kind: 'set-output', node: 'b' }]);
  });

  it('an "output" that is not a node, and an empty graph', () => {
    const r = run(expr([['x', 'var', 1], ['a', 'exp']], [['x', 'a']], 'nope'));
    expect(only(r.diagnostics, 'unknown-output')).toMatchObject({ message: `"output" names 'nope', which is not a node.`, fixes: [{ edits: [{ kind: 'set-output', node: 'a' }] }] });
    expect(only(run(expr([], [])).diagnostics, 'no-output').message).toContain('no nodes');
  });

  it('log and sqrt of a negative, log of 0 and sqrt at 0 (infinite gradient), with the element named', () => {
    const log = run(expr([['x', 'var', [1, -2]], ['l', 'log'], ['f', 'sum']], [['x', 'l'], ['l', 'f']]));
    const d = only(log.diagnostics, 'log-domain');
    expect(d.message).toBe("'l' (log): log of a negative number (-2) is undefined; log needs x > 0 at element 2 of 'x'.");
    expect(d.fixes[0].edits[0]).toEqual({ kind: 'set-attribute', node: 'x', attribute: 'value', value: [1, 2] });
    expect(node(log, 'x').value).toEqual([1, -2]);
    expect(node(log, 'l').value).toBeNull();
    expect(only(run(expr([['x', 'var', 0], ['l', 'log']], [['x', 'l']])).diagnostics, 'log-domain').message).toContain('log of 0 is −∞');
    const sqrt = run(expr([['x', 'var', -4], ['s', 'sqrt']], [['x', 's']]));
    expect(only(sqrt.diagnostics, 'sqrt-domain').message).toBe("'s' (sqrt): sqrt of a negative number (-4) is undefined; sqrt needs x ≥ 0 ('x' is -4).");
    expect(only(run(expr([['x', 'var', 0], ['s', 'sqrt']], [['x', 's']])).diagnostics, 'sqrt-domain').message).toContain('infinite gradient');
  });

  it('division by zero in div and inv, where the zero is computed too', () => {
    const div = run(expr([['a', 'var', 1], ['b', 'var', 0], ['f', 'div']], [['a', 'f'], ['b', 'f']]));
    expect(only(div.diagnostics, 'division-by-zero')).toMatchObject({
      node: 'f',
      message: "'f' (div): 1 / 0: division by zero ('b' is 0).",
      fixes: [{ title: "set the zeros of 'b' to 1", edits: [{ kind: 'set-attribute', node: 'b', attribute: 'value', value: 1 }] }],
    });
    const inv = run(expr([['a', 'var', 2], ['b', 'var', 2], ['d', 'sub'], ['f', 'inv']], [['a', 'd'], ['b', 'd'], ['d', 'f']]));
    expect(only(inv.diagnostics, 'division-by-zero')).toMatchObject({ node: 'f', message: "'f' (inv): 1/0: division by zero ('d' is 0).", fixes: [] });
  });

  it('a cycle, with the edge that closes it as the fix', () => {
    const r = run(expr([['x', 'var', 1], ['a', 'add'], ['b', 'exp']], [['x', 'a'], ['b', 'a'], ['a', 'b']], 'a'));
    const d = only(r.diagnostics, 'cycle');
    expect(d.message).toBe("The gates 'a' → 'b' → 'a' form a cycle: a value cannot depend on itself. Expression graphs are acyclic.");
    expect(d.fixes[0].edits).toEqual([{ kind: 'remove-edge', from: 'b', to: 'a' }]);
  });

  it('wrong input counts: too few, too many, and inputs into a var', () => {
    const few = run(expr([['x', 'var', 1], ['f', 'add']], [['x', 'f']]));
    expect(only(few.diagnostics, 'wrong-input-count').message).toBe("'f' (add) takes at least 2 inputs, but has 1: 'x'.");
    const many = run(expr([['x', 'var', 1], ['y', 'var', 2], ['z', 'var', 3], ['f', 'sub']], [['x', 'f'], ['y', 'f'], ['z', 'f']]));
    const d = only(many.diagnostics, 'wrong-input-count');
    expect(d.message).toBe("'f' (sub) takes 2 inputs (a, b, in edge order), but has 3: 'x', 'y', 'z'.");
    expect(d.fixes[0].edits).toEqual([{ kind: 'remove-edge', from: 'z', to: 'f' }]);
    const intoVar = run(expr([['x', 'var', 1], ['y', 'var', 2]], [['x', 'y']]));
    expect(only(intoVar.diagnostics, 'wrong-input-count').message).toBe("'y' is a var: it has a value of its own and takes no inputs, but 'x' feeds it.");
  });

  it('nodes f does not depend on: gradient 0 and a warning (backward still runs)', () => {
    const r = run(expr([['x', 'var', 3], ['y', 'var', 4], ['f', 'square'], ['g', 'exp']], [['x', 'f'], ['y', 'g']], 'f'));
    expect(r.hasErrors).toBe(false);
    expect(r.diagnostics.filter((d) => d.code === 'unreachable').map((d) => [d.node, d.severity])).toEqual([['y', 'warning'], ['g', 'warning']]);
    expect(r.diagnostics[0].message).toBe("'y' does not reach the output 'f', so f does not depend on it: its gradient is 0.");
    expect(node(r, 'y').grad).toBe(0);
    expect(node(r, 'g')).toEqual({ value: Math.exp(4), grad: 0 });
    expect(node(r, 'x').grad).toBe(6);
    expect(r.steps.map((s) => s.node)).toEqual(['f']); // only gates f depends on are stepped through
  });

  it('unknown types (with "did you mean"), bad values, stray fields, unknown edge ends, duplicate ids, overflow', () => {
    const r = run(expr([['x', 'var', [[1, 2], [3]]], ['y', 'vra', 1], ['z', 'const'], ['f', 'sigmod']], [['x', 'f'], ['q', 'f']]));
    expect(r.diagnostics.map((d) => d.code).sort()).toEqual(['invalid-value', 'invalid-value', 'unknown-edge-node', 'unknown-type', 'unknown-type', 'several-sinks'].sort());
    expect(r.diagnostics.find((d) => d.node === 'f' && d.code === 'unknown-type')!.fixes[0].edits).toEqual([{ kind: 'set-type', node: 'f', type: 'sigmoid' }]);
    expect(r.diagnostics.find((d) => d.node === 'y')!.fixes[0].edits).toEqual([{ kind: 'set-type', node: 'y', type: 'var' }]);
    expect(r.diagnostics.find((d) => d.node === 'x')!.message).toBe("'x' (var) has a \"value\" that is not usable: row 2 has 1 number, row 1 has 2; every row of a matrix has the same length.");
    expect(r.diagnostics.find((d) => d.node === 'z')!.message).toBe(`'z' (const) has no "value".`);
    const stray = run({ ...expr([['x', 'var', 1], ['f', 'exp']], [['x', 'f']]), nodes: [{ id: 'x', type: 'var', attrs: { value: 1, units: 3 } }, { id: 'f', type: 'exp', attrs: { value: 2 } }] });
    expect(stray.diagnostics.map((d) => [d.code, d.severity, d.attribute])).toEqual([['unknown-attribute', 'warning', 'units'], ['unknown-attribute', 'warning', 'value']]);
    expect(stray.value).toBe(Math.E);
    const dup = run(expr([['x', 'var', 1], ['x', 'var', 2], ['f', 'exp']], [['x', 'f']]));
    expect(only(dup.diagnostics, 'duplicate-id').node).toBe('x');
    const big = run(expr([['x', 'var', 800], ['f', 'exp']], [['x', 'f']]));
    expect(only(big.diagnostics, 'not-finite').message).toContain('exp overflows above x ≈ 709.8');
  });
});
