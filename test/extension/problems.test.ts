import { describe, expect, it } from 'vitest';
import { parseGraphText } from '../../engine/graph/parse';
import { analyzeGraph } from '../../engine/shape/analyze';
import { problemsOf } from '../../extension/document/problems';

const text = `{
  "format": "wiregrad.graph",
  "version": 1,
  "name": "t",
  "nodes": [
    { "id": "in", "type": "input", "shape": [28, 28, 1] },
    { "id": "c", "type": "conv2d", "filters": 0, "kernel": 5 }
  ],
  "edges": [
    { "from": "in", "to": "c" }
  ]
}
`;

describe('Problems panel mapping', () => {
  it('puts an attribute problem on the attribute value, with the fix', () => {
    const parsed = parseGraphText(text);
    const problems = problemsOf(parsed, analyzeGraph(parsed.graph!));
    const p = problems.find((x) => x.code === 'invalid-attribute')!;
    expect(text.slice(p.offset, p.offset + p.length)).toBe('0');
    expect(text.slice(0, p.offset).split('\n').length).toBe(7);
    expect(p.severity).toBe('error');
    expect(p.fixes[0].edits[0]).toEqual({ kind: 'set-attribute', node: 'c', attribute: 'filters', value: 1 });
  });

  it('maps a syntax error to its position and has no analysis', () => {
    const broken = text.replace('"kernel": 5 }', '"kernel": 5 ');
    const parsed = parseGraphText(broken);
    expect(parsed.graph).toBeUndefined();
    const [first] = problemsOf(parsed, null);
    expect(first.code).toBe('file');
    expect(first.message).toMatch(/JSON syntax error/);
    expect(broken.slice(0, first.offset).split('\n').length).toBe(8);
  });
});
