/**
 * Golden `wiregrad grad --step` texts of the lab's examples (the network examples have golden summaries instead),
 * so a change in any value, gradient or step shows up as a diff. UPDATE_GOLDEN=1 regenerates them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateExpression } from '../../engine/expression/evaluate';
import { formatGradText } from '../../engine/expression/text';
import { isExpressionGraph } from '../../engine/graph/types';
import { EXAMPLES, loadExpression } from './helpers';

const GOLDEN = path.join(__dirname, '..', 'golden');
const FILES = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.nn.json') && isExpressionGraph(loadExpression(f)));

describe('golden grad --step outputs', () => {
  it('there are five lab examples', () => expect(FILES).toHaveLength(5));
  it.each(FILES)('%s', (file) => {
    const text = formatGradText(evaluateExpression(loadExpression(file)), { step: true });
    const golden = path.join(GOLDEN, file.replace('.nn.json', '.grad.txt'));
    if (process.env.UPDATE_GOLDEN) fs.writeFileSync(golden, text);
    expect(fs.existsSync(golden), `${golden} is missing: run with UPDATE_GOLDEN=1`).toBe(true);
    expect(text).toBe(fs.readFileSync(golden, 'utf8'));
  });
});
