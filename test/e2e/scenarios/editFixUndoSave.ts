/**
 * Issue 4's editing round trip on a copy of LeNet-5, in one document:
 *   add a conv2d from the palette → connect s2 → it by dragging → set filters 4, kernel 3 (12×12×4, 220 params)
 *   → stride 2: the label says 6×6×4, a warning badge appears and the Problems panel lists "does not tile"
 *   → the fix button "stride 1 → 12×12 output" restores 12×12×4 → Ctrl+Z brings stride 2 back
 *   → Ctrl+S: the file on disk is valid v1, holds exactly that graph, and only the expected lines changed.
 * Expected numbers come from the CLI run on a model of the document, not from constants typed here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { judgeDiff } from '../harness/minimalDiff';
import { assert, assertEqual, waitForText, waitUntil } from '../harness/poll';
import { paramsLabel, shapeLabel, summarize, type Summary, type SummaryNode } from '../harness/summary';
import { timeEditToLabel } from '../harness/webview';
import { WORKSPACE_FILES } from '../harness/workspace';
import { openGraph, type E2E } from './context';

/** What the document should hold: the original graph plus one conv2d fed by s2. */
async function expectedSummary(e2e: E2E, original: string, id: string, attrs: Record<string, unknown>): Promise<Summary> {
  const graph = JSON.parse(original) as { nodes: object[]; edges: object[] };
  graph.nodes.push({ id, type: 'conv2d', ...attrs });
  graph.edges.push({ from: 's2', to: id });
  const file = path.join(e2e.server.runDir, `expected-${Date.now()}.nn.json`);
  fs.writeFileSync(file, JSON.stringify(graph, null, 2));
  const { summary } = await summarize(file);
  assert(summary, 'the CLI could not read the modelled graph');
  return summary;
}

const nodeIn = (s: Summary, id: string): SummaryNode => {
  const n = s.nodes.find((x) => x.id === id);
  assert(n, `node '${id}' missing from the summary`);
  return n;
};

export async function editFixUndoSave(e2e: E2E): Promise<void> {
  const file = WORKSPACE_FILES.edit;
  const onDisk = path.join(e2e.workspace, file);
  const original = fs.readFileSync(onDisk, 'utf8');
  const { view } = await openGraph(e2e, file);

  // 1. Add from the palette with nothing selected, then connect by dragging between handles.
  await view.deselect();
  const id = await view.addFromPalette('conv2d');
  e2e.log(`palette added node '${id}'`);
  await e2e.workbench.waitForDirty(file, true);
  const edgeLabel = view.byTestId(`edge-label-s2-${id}`);
  if ((await edgeLabel.count()) === 0) {
    await view.connect('s2', id);
    e2e.log(`connected s2 → ${id} by dragging between the handles`);
  } else e2e.log(`the palette connected s2 → ${id} itself`);
  await waitForText(`edge label s2 → ${id}`, edgeLabel, '14×14×6');

  // 2. Pin the attributes the expectation relies on, whatever defaults the palette chose.
  await view.select(id);
  await view.setAttr('filters', '4');
  await view.setAttr('kernel', '3');
  if ((await view.attr('padding').count()) > 0) await view.setAttr('padding', '0');
  const before = await expectedSummary(e2e, original, id, { filters: 4, kernel: 3, padding: 0 });
  await waitForText(`${id} shape at stride 1`, view.shapeOf(id), shapeLabel(nodeIn(before, id).outputShape));
  await waitForText(`${id} params`, view.paramsOf(id), paramsLabel(nodeIn(before, id)));
  assertEqual(paramsLabel(nodeIn(before, id)), '220', 'params of a 3×3×6→4 conv, (3·3·6 + 1)·4');

  // 3. Stride 2: 14 does not tile → the label floors to 6×6 and a warning with fixes appears.
  const strided = await expectedSummary(e2e, original, id, { filters: 4, kernel: 3, padding: 0, stride: 2 });
  const warning = strided.diagnostics.find((d) => d.node === id && d.code === 'stride-does-not-tile');
  assert(warning, `the CLI reports no stride warning for '${id}' (diagnostics: ${JSON.stringify(strided.diagnostics)})`);
  const editMs = await timeEditToLabel(view, 'stride', '2', id, shapeLabel(nodeIn(strided, id).outputShape));
  e2e.figure('edit stride → node label updated (webview clock)', editMs, 'ms');
  await view.node(id).locator('[data-testid="node-badge"][data-severity="warning"]').waitFor({ timeout: 10_000 });
  const problemsT0 = Date.now();
  const rows = await e2e.workbench.waitForProblems((r) => r.some((row) => row.includes('does not tile')));
  e2e.figure('Problems panel shows the stride warning (after label)', Date.now() - problemsT0, 'ms');
  const row = rows.find((r) => r.includes('does not tile'))!;
  assert(row.includes(warning.message.slice(0, 40)), `Problems row "${row}" should carry the engine's message "${warning.message}"`);
  e2e.log(`Problems: ${row.replace(/\s+/g, ' ')}`);
  await e2e.screenshot('edit-stride-warning');
  await e2e.workbench.closePanel(); // give the canvas its room back

  // 4. The fix button (text = the fix's title) restores a tiling stride.
  const fixTitle = warning.fixes[0]?.title;
  assert(fixTitle, 'the stride warning offers no fix');
  if (!(await view.byTestId('fix-button').first().isVisible())) await view.select(id);
  const fix = view.byTestId('inspector').locator('[data-testid="fix-button"]', { hasText: fixTitle });
  await fix.first().click();
  await waitForText(`${id} shape after "${fixTitle}"`, view.shapeOf(id), shapeLabel(nodeIn(before, id).outputShape));
  await view.badgeOf(id).waitFor({ state: 'detached', timeout: 10_000 });
  await e2e.workbench.waitForProblems((r) => !r.some((row) => row.includes('does not tile')));

  // 5. Ctrl+Z in the canvas is VS Code's undo of the document: the fix is undone.
  await view.deselect();
  await e2e.page.keyboard.press('Control+Z');
  await waitForText(`${id} shape after Ctrl+Z`, view.shapeOf(id), shapeLabel(nodeIn(strided, id).outputShape));

  // 6. Ctrl+S saves; the disk then holds the strided graph, valid v1, changed only where it had to.
  await e2e.page.keyboard.press('Control+S');
  await e2e.workbench.waitForDirty(file, false);
  const saved = await waitUntil('the file on disk to change', async () => fs.readFileSync(onDisk, 'utf8'), (t) => t !== original);
  const check = await summarize(onDisk);
  assert(check.exitCode !== 2 && check.summary, `the saved file is not valid v1: ${check.stderr}`);
  const savedNode = nodeIn(check.summary, id);
  assertEqual(shapeLabel(savedNode.outputShape), shapeLabel(nodeIn(strided, id).outputShape), `saved '${id}' shape`);
  const json = JSON.parse(saved) as { nodes: { id: string; stride?: unknown }[]; edges: { from: string; to: string }[] };
  assertEqual(json.nodes.find((n) => n.id === id)?.stride, 2, `stride of '${id}' in the saved file`);
  assert(json.edges.some((e) => e.from === 's2' && e.to === id), `the saved file has no edge s2 → ${id}`);

  const diff = judgeDiff(original, saved, id);
  e2e.figure('saved diff: lines removed / added', `${diff.removed.length} / ${diff.added.length}`);
  assert(diff.unexpected.length === 0, `the save changed lines it had no reason to:\n${diff.unexpected.join('\n')}`);
  // Control: the same content written as a whole-file rewrite (JSON.stringify) must fail this judge.
  const rewrite = judgeDiff(original, JSON.stringify(JSON.parse(saved), null, 2) + '\n', id);
  assert(rewrite.unexpected.length > 10, `the diff judge let a whole-file rewrite through (${rewrite.unexpected.length} unexpected lines)`);

  // And the canvas agrees with the CLI on the saved file, node by node.
  for (const node of check.summary.nodes) {
    assertEqual(await view.label(node.id), { type: node.type, shape: shapeLabel(node.outputShape), params: paramsLabel(node) }, `labels of '${node.id}' after save`);
  }
  await e2e.screenshot('edit-saved', view.canvas);
}
