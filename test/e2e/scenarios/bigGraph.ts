/**
 * Issue 4's speed case in the real VS Code: a 500-node graph, one attribute edited, every label downstream must
 * follow. Prints the time from Enter to the first and to the last node's new label (webview clock); asserts the
 * values (from the CLI on the edited graph), never the time.
 */
import fs from 'node:fs';
import path from 'node:path';
import { assert, waitForText } from '../harness/poll';
import { paramsLabel, shapeLabel, summarize } from '../harness/summary';
import { timeEditToLabels } from '../harness/webview';
import { WORKSPACE_FILES } from '../harness/workspace';
import { openGraph, type E2E } from './context';

export async function bigGraphEdit(e2e: E2E): Promise<void> {
  const file = WORKSPACE_FILES.big;
  const original = fs.readFileSync(path.join(e2e.workspace, file), 'utf8');
  const edited = path.join(e2e.server.runDir, 'big-500-edited.nn.json');
  fs.writeFileSync(edited, original.replace('"filters": 4', '"filters": 5'));
  const { summary } = await summarize(edited);
  assert(summary && summary.nodes.length === 500, 'the CLI could not read the 500-node graph');
  const last = summary.nodes[summary.nodes.length - 1];
  const secondLast = summary.nodes[summary.nodes.length - 2];

  const { view, ms } = await openGraph(e2e, file);
  e2e.figure('open 500-node graph → canvas drawn', ms, 'ms');
  assert((await view.nodeIds()).length === 500, `the canvas shows ${(await view.nodeIds()).length} nodes, the file has 500`);

  await view.select('c0');
  const editMs = await timeEditToLabels(view, 'filters', '5', { c0: shapeLabel(summary.nodes[1].outputShape), [last.id]: shapeLabel(last.outputShape) });
  e2e.figure('500 nodes: edit c0.filters → all 500 labels updated', editMs, 'ms');
  // Params follow too: a batchnorm holds 4·C (γ, β and the two running statistics).
  const bn = last.type === 'batchnorm' ? last : secondLast;
  await waitForText(`${bn.id} params`, view.paramsOf(bn.id), paramsLabel(bn));
  await e2e.screenshot('big-500-edited', view.canvas);
}
