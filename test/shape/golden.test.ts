/**
 * Golden summaries (torchinfo's habit): the table of every example is checked in, so any change in a shape, count,
 * MAC or receptive field shows up as a diff. After an intended change: UPDATE_GOLDEN=1 npx vitest run test/shape/golden.test.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGraphText } from '../../engine/graph/parse';
import { isExpressionGraph } from '../../engine/graph/types';
import { formatSummary, summarize } from '../../engine/shape/summary';
import { exampleGraph } from '../helpers/graphs';

const GOLDEN = path.join(__dirname, '..', 'golden');
const DIR = path.join(__dirname, '..', '..', 'examples');
// Expression graphs (the backprop lab) have golden `grad` outputs instead: test/expression/golden.test.ts.
const EXAMPLES = fs
  .readdirSync(DIR)
  .filter((f) => f.endsWith('.nn.json') && !isExpressionGraph(parseGraphText(fs.readFileSync(path.join(DIR, f), 'utf8')).graph!));

describe('golden summaries', () => {
  it.each(EXAMPLES)('%s', (file) => {
    const { graph, analysis } = exampleGraph(file);
    const table = formatSummary(summarize(graph.name, analysis), { explain: true });
    const golden = path.join(GOLDEN, file.replace('.nn.json', '.summary.txt'));
    if (process.env.UPDATE_GOLDEN) fs.writeFileSync(golden, table);
    expect(fs.existsSync(golden), `${golden} is missing: run with UPDATE_GOLDEN=1`).toBe(true);
    expect(table).toBe(fs.readFileSync(golden, 'utf8'));
  });
});
