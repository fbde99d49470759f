/** Every mistake with modules is a diagnostic naming the use or the inner node's path, never an exception. */
import { describe, expect, it } from 'vitest';
import { parseGraphText } from '../../engine/graph/parse';
import { analyzeGraph } from '../../engine/shape/analyze';
import type { Diagnostic } from '../../engine/shape/diagnostics';
import { problemsOf } from '../../extension/document/problems';
import { BLOCK_MODULE, moduleGraph } from './fixtures';

const INPUT = { id: 'x', type: 'input', shape: [8, 8, 3] };

function diagnosticsOf(json: object): Diagnostic[] {
  const p = parseGraphText(JSON.stringify(json, null, 2));
  expect(p.problems.filter((x) => x.severity === 'error')).toEqual([]);
  return [...analyzeGraph(p.graph!).diagnostics];
}

function only(ds: Diagnostic[]): Pick<Diagnostic, 'node' | 'code' | 'message'> {
  expect(ds.map((d) => d.message)).toHaveLength(1);
  const { node, code, message } = ds[0];
  return { node, code, message };
}

describe('module diagnostics', () => {
  it('an unknown module, with a guess', () => {
    const d = only(diagnosticsOf(moduleGraph([INPUT, { id: 'u', type: 'module:blok' }], [['x', 'u']])));
    expect(d).toEqual({ node: 'u', code: 'unknown-module', message: "Unknown module 'blok' (did you mean 'module:block'?); the file defines module:block." });
  });

  it('an unknown parameter of a use, with a guess', () => {
    const d = only(diagnosticsOf(moduleGraph([INPUT, { id: 'u', type: 'module:block', filter: 4 }], [['x', 'u']])));
    expect(d).toEqual({ node: 'u', code: 'unknown-param', message: "The use 'u' sets 'filter', which is not a parameter of module 'block' (did you mean 'filters'?); its parameters are filters, stride." });
  });

  it('a parameter of the wrong type', () => {
    const d = only(diagnosticsOf(moduleGraph([INPUT, { id: 'u', type: 'module:block', filters: '4' }], [['x', 'u']])));
    expect(d).toEqual({ node: 'u', code: 'invalid-param', message: 'Parameter \'filters\' of module \'block\' takes a number (default 8), got "4".' });
  });

  it('a missing required parameter', () => {
    const block = { ...BLOCK_MODULE, params: { filters: null, stride: 1 } };
    const ds = diagnosticsOf(moduleGraph([INPUT, { id: 'u', type: 'module:block' }], [['x', 'u']], { block }));
    expect(ds.find((d) => d.code === 'invalid-param')).toMatchObject({
      node: 'u',
      message: 'Module \'block\' needs parameter \'filters\' (it has no default); add "filters": … to the node.',
    });
  });

  it('a reference to a parameter the module does not declare, on the inner node’s path', () => {
    const block = { ...BLOCK_MODULE, nodes: BLOCK_MODULE.nodes.map((n) => (n.id === 'relu' ? { id: 'relu', type: 'leakyrelu', alpha: '$slope' } : n)) };
    const ds = diagnosticsOf(moduleGraph([INPUT, { id: 'u', type: 'module:block' }], [['x', 'u']], { block }));
    const d = ds.find((x) => x.code === 'unknown-param')!;
    expect(d).toMatchObject({ node: 'u/relu', attribute: 'alpha' });
    expect(d.message).toBe('"$slope" refers to \'slope\', which is not a parameter of module \'block\'; its parameters are filters, stride.');
  });

  it('a module that uses itself through another', () => {
    const a = { params: {}, nodes: [{ id: 'in', type: 'input' }, { id: 'b', type: 'module:b' }], edges: [{ from: 'in', to: 'b' }] };
    const b = { params: {}, nodes: [{ id: 'in', type: 'input' }, { id: 'a', type: 'module:a' }], edges: [{ from: 'in', to: 'a' }] };
    const d = only(diagnosticsOf(moduleGraph([INPUT, { id: 'u', type: 'module:a' }], [['x', 'u']], { a, b })));
    expect(d).toEqual({ node: 'u/b/a', code: 'module-cycle', message: "Module 'a' uses itself (a → b → a); a module cannot contain itself, directly or through others." });
  });

  it('a module without exactly one input or one output', () => {
    const twoOut = { params: {}, nodes: [{ id: 'in', type: 'input' }, { id: 'p', type: 'relu' }, { id: 'q', type: 'relu' }], edges: [{ from: 'in', to: 'p' }, { from: 'in', to: 'q' }] };
    expect(only(diagnosticsOf(moduleGraph([INPUT, { id: 'u', type: 'module:m' }], [['x', 'u']], { m: twoOut })))).toEqual({
      node: 'u',
      code: 'module-boundary',
      message: "Module 'm' has 2 outputs (p, q: nodes nothing inside it reads); a module has exactly one.",
    });
    const noIn = { params: {}, nodes: [{ id: 'p', type: 'relu' }], edges: [] };
    expect(only(diagnosticsOf(moduleGraph([INPUT, { id: 'u', type: 'module:m' }], [['x', 'u']], { m: noIn }))).message).toBe(
      'Module \'m\' has no input: add { "id": "in", "type": "input" } (no shape) and an edge from it to the module\'s first node.',
    );
  });

  it('a use fed by two nodes, or by none', () => {
    const two = diagnosticsOf(moduleGraph([INPUT, { id: 'r', type: 'relu' }, { id: 'u', type: 'module:block' }], [['x', 'r'], ['x', 'u'], ['r', 'u']]));
    expect(two.find((d) => d.code === 'module-input')).toMatchObject({
      node: 'u',
      message: "A module takes one input; 'u' has more than one incoming edge (r → u is one too many). Join them with an add or concat first.",
    });
    const none = diagnosticsOf(moduleGraph([INPUT, { id: 'r', type: 'relu' }, { id: 'u', type: 'module:block' }], [['x', 'r']]));
    expect(none.find((d) => d.code === 'module-input')).toMatchObject({ node: 'u', message: "Nothing feeds the module use 'u': connect one node to it (a module takes exactly one input)." });
  });

  it('a bad repeat count', () => {
    const d = only(diagnosticsOf(moduleGraph([INPUT, { id: 'u', type: 'module:block', repeat: 0 }], [['x', 'u']])));
    expect(d.message).toBe('"repeat" must be a whole number from 1 to 1000 (copies chained one after the other), got 0.');
  });

  it('a block problem inside a module names the path and shows on the collapsed use', () => {
    // A stride of 0 is out of range for conv1 and proj, which both read "$stride".
    const p = parseGraphText(JSON.stringify(moduleGraph([INPUT, { id: 'u', type: 'module:block', stride: 0 }], [['x', 'u']]), null, 2));
    const a = analyzeGraph(p.graph!);
    expect(a.diagnostics.map((d) => d.node)).toContain('u/conv1');
    expect(a.byId.get('u')!.diagnostics.map((d) => d.node)).toContain('u/conv1');
    // Fixes edit the file: none may name a node that exists only inside the module.
    for (const d of a.diagnostics) {
      for (const f of d.fixes) for (const e of f.edits) expect(e.kind === 'edit-module' ? e.module : e.kind === 'add-input' ? e.to.join() : 'node' in e ? e.node : e.from).not.toContain('/');
    }
  });
});

describe('the Problems panel', () => {
  it('maps a problem inside a module to the line of the node in the module definition', () => {
    const text = JSON.stringify(moduleGraph([INPUT, { id: 'u', type: 'module:block', stride: 0 }], [['x', 'u']]), null, 2);
    const p = parseGraphText(text);
    const problem = problemsOf(p, analyzeGraph(p.graph!)).find((x) => x.message.startsWith('u/conv1: '))!;
    expect(problem).toBeDefined();
    const before = text.slice(0, problem.offset);
    // The stride attribute of conv1 inside "modules": after the "modules" key, before "nodes" of the top level.
    expect(before.includes('"modules"')).toBe(true);
    expect(before.lastIndexOf('"id": "conv1"')).toBeGreaterThan(before.lastIndexOf('"id": "in"'));
    expect(text.slice(problem.offset, problem.offset + problem.length)).toBe('"$stride"');
  });
});
