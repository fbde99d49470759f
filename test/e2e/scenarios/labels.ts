/**
 * Issue 4: open an example in the custom editor and read every node's labels. Type, shape and parameter count must
 * equal what `wiregrad summary --json` says about the same file.
 */
import path from 'node:path';
import { assert, assertEqual } from '../harness/poll';
import { paramsLabel, shapeLabel, summarize } from '../harness/summary';
import { WORKSPACE_FILES } from '../harness/workspace';
import { openGraph, type E2E } from './context';

export async function labelsMatchSummary(e2e: E2E): Promise<void> {
  const file = WORKSPACE_FILES.labels;
  const { summary } = await summarize(path.join(e2e.workspace, file));
  assert(summary, `wiregrad summary could not read ${file}`);

  const { view, ms } = await openGraph(e2e, file);
  e2e.figure('open lenet5 → canvas drawn', ms, 'ms');

  assertEqual((await view.nodeIds()).sort(), summary.nodes.map((n) => n.id).sort(), 'nodes on the canvas');
  for (const node of summary.nodes) {
    const label = await view.label(node.id);
    assertEqual(label, { type: node.type, shape: shapeLabel(node.outputShape), params: paramsLabel(node) }, `labels of node '${node.id}'`);
  }
  e2e.log(`${summary.nodes.length} nodes: type, shape and params all equal the CLI's (total ${summary.totalParams.toLocaleString('en-US')})`);

  // Edge labels carry the tensor shape (as Netron draws them): c1 → relu1 carries c1's output.
  const c1 = summary.nodes.find((n) => n.id === 'c1')!;
  const edge = ((await view.byTestId('edge-label-c1-relu1').textContent({ timeout: 5000 })) ?? '').trim();
  assertEqual(edge, shapeLabel(c1.outputShape), 'edge label c1 → relu1');

  // A clean example has no diagnostics badge anywhere.
  assertEqual(await view.frame.locator('[data-testid="node-badge"]').count(), 0, 'badges on a clean example');
  await e2e.screenshot('labels-lenet5', view.canvas);
}
