/**
 * Issue 4's speed case in the real VS Code: a 500-node graph, one attribute edited, every label downstream must
 * follow. The edit is made several times (filters 5, 4, 5, …: the machine is shared, one edit is noise) and the
 * medians printed: Enter → the first and the last node's new label (webview clock), Enter → that frame painted, and
 * Enter → the document back from the extension host (the canvas draws the edit before; the document confirms it). Asserts the values (from
 * the CLI on the edited graph), never the time.
 */
import fs from 'node:fs';
import path from 'node:path';
import { assert, waitForText } from '../harness/poll';
import { paramsLabel, shapeLabel, summarize } from '../harness/summary';
import { timeEdit, type EditTimes } from '../harness/webview';
import { WORKSPACE_FILES } from '../harness/workspace';
import { openGraph, type E2E } from './context';

/** Odd, so the file ends edited (filters 5) as the params check below expects. */
const EDITS = 7;

export async function bigGraphEdit(e2e: E2E): Promise<void> {
  const file = WORKSPACE_FILES.big;
  const original = fs.readFileSync(path.join(e2e.workspace, file), 'utf8');
  const edited = path.join(e2e.server.runDir, 'big-500-edited.nn.json');
  fs.writeFileSync(edited, original.replace('"filters": 4', '"filters": 5'));
  const { summary } = await summarize(edited);
  assert(summary && summary.nodes.length === 500, 'the CLI could not read the 500-node graph');
  const { summary: before } = await summarize(path.join(e2e.workspace, file));
  assert(before && before.nodes.length === 500, 'the CLI could not read the 500-node graph');
  const last = summary.nodes[summary.nodes.length - 1];
  const secondLast = summary.nodes[summary.nodes.length - 2];

  const { view, ms } = await openGraph(e2e, file);
  e2e.figure('open 500-node graph → canvas drawn', ms, 'ms');
  assert((await view.nodeIds()).length === 500, `the canvas shows ${(await view.nodeIds()).length} nodes, the file has 500`);

  await view.select('c0');
  const times: EditTimes[] = [];
  for (let i = 0; i < EDITS; i++) {
    const s = i % 2 === 0 ? summary : before;
    const target = s.nodes[s.nodes.length - 1];
    times.push(await timeEdit(view, 'filters', i % 2 === 0 ? '5' : '4', { c0: shapeLabel(s.nodes[1].outputShape), [target.id]: shapeLabel(target.outputShape) }));
  }
  const median = (f: (t: EditTimes) => number): number => times.map(f).sort((a, b) => a - b)[Math.floor(times.length / 2)];
  e2e.figure(`500 nodes: edit c0.filters → all 500 labels updated (median of ${EDITS})`, median((t) => t.labels), 'ms');
  e2e.figure('500 nodes: Enter → document back from VS Code (the canvas does not wait for it)', median((t) => t.received), 'ms');
  e2e.figure('500 nodes: edit → that frame painted', median((t) => t.painted), 'ms');
  e2e.figure('500 nodes: every edit, labels (ms)', times.map((t) => t.labels.toFixed(0)).join(' '));
  // Params follow too: a batchnorm holds 4·C (γ, β and the two running statistics).
  const bn = last.type === 'batchnorm' ? last : secondLast;
  await waitForText(`${bn.id} params`, view.paramsOf(bn.id), paramsLabel(bn));
  await e2e.screenshot('big-500-edited', view.canvas);
}
