/** describeValue: values in messages read as the user wrote them, including numbers beyond a double's range. */
import { describe, expect, it } from 'vitest';
import { parseGraphText } from '../../engine/graph/parse';
import { describeValue } from '../../engine/graph/describeValue';
import { analyzeGraph } from '../../engine/shape/analyze';
import { parseTrainingSection } from '../../engine/train/config';

describe('describeValue', () => {
  it('shows an overflowed number as Infinity, not null, alone and inside arrays and objects', () => {
    expect(describeValue(Number.POSITIVE_INFINITY)).toBe('Infinity');
    expect(describeValue([3, Number.NEGATIVE_INFINITY])).toBe('[3,-Infinity]');
    expect(describeValue({ a: Number.POSITIVE_INFINITY, b: 'x' })).toBe('{"a":Infinity,"b":"x"}');
    expect(describeValue(null)).toBe('null');
    expect(describeValue(undefined)).toBe('nothing');
  });

  it('makes "filters": 1e999 in a file read "got Infinity" in the diagnostic and the training check', () => {
    const g = parseGraphText(
      '{ "format": "wiregrad.graph", "version": 1, "nodes": [ { "id": "in", "type": "input", "shape": [8, 8, 1] }, ' +
        '{ "id": "c", "type": "conv2d", "filters": 1e999, "kernel": 3 } ], "edges": [ { "from": "in", "to": "c" } ], "training": { "epochs": 1e999 } }',
    ).graph!;
    const d = analyzeGraph(g).diagnostics.find((x) => x.node === 'c')!;
    expect(d.message).toBe("'filters' must be a whole number from 1 to 65,536; got Infinity.");
    expect(parseTrainingSection(g.training).problems).toEqual([{ field: 'training.epochs', message: 'must be a whole number from 1 to 100000, got Infinity' }]);
  });
});
