/**
 * Issue 11: "Expand into gates" on a small dense node, in a real VS Code. examples/xor-mlp.nn.json's `hidden` node
 * (2 inputs × 3 units) is selected on the canvas; the inspector's Expand into gates opens the expression graph it
 * computes in the same custom editor (a new tab); f = y₁ + y₂ + y₃ with x = [1, 1] is read from the toolbar and
 * must equal the engine's value for the same weights (the initial ones, from the graph's seed: the copy has no
 * trained weights beside it), and every gate of the three units is on the canvas.
 */
import fs from 'node:fs';
import path from 'node:path';
import { evaluateExpression } from '../../../engine/expression/evaluate';
import { expandDenseNode } from '../../../engine/expression/expandDense';
import { formatNumber } from '../../../engine/expression/format';
import { parseGraphText } from '../../../engine/graph/parse';
import { assert, assertEqual, waitUntil } from '../harness/poll';
import { GraphWebview } from '../harness/webview';
import { openGraph, type E2E } from './context';

const FILE = 'xor-mlp.nn.json';

export async function expandIntoGates(e2e: E2E): Promise<void> {
  const file = path.join(e2e.workspace, FILE);
  // What the canvas must show, from the engine on the same file.
  const graph = parseGraphText(fs.readFileSync(file, 'utf8')).graph!;
  const expanded = expandDenseNode(file, graph, 'hidden');
  assert('graph' in expanded, `the engine cannot expand 'hidden': ${'error' in expanded ? expanded.error : ''}`);
  if (!('graph' in expanded)) return;
  const expected = evaluateExpression(expanded.graph);
  assert(expected.value !== null, 'the expanded graph has a value');
  const want = `f = ${formatNumber(expected.value as number, 6)}`;

  const { view } = await openGraph(e2e, FILE);
  await view.select('hidden');
  const button = view.byTestId('expand-into-gates');
  assertEqual(await button.isEnabled(), true, 'Expand into gates is enabled on a 2 × 3 dense node');
  const t0 = Date.now();
  await button.click();
  const gates = new GraphWebview(e2e.page);
  await gates.byTestId('expression-canvas').waitFor({ timeout: 30_000 });
  await gates.frame.locator('.react-flow__node').first().waitFor({ timeout: 30_000 });
  e2e.figure('Expand into gates → expression graph drawn', Date.now() - t0, 'ms');

  const shown = async () => ((await gates.byTestId('expr-f').textContent({ timeout: 5000 })) ?? '').trim().replace('−', '-');
  await waitUntil('f in the toolbar', shown, (t) => t === want, 10_000);
  const ids = (await gates.nodeIds()).sort();
  const gatesOfUnits = ['x', 'f', ...[1, 2, 3].flatMap((j) => [`w${j}`, `dot${j}`, `b${j}`, `y${j}`])].sort();
  assertEqual(ids, gatesOfUnits, 'the gates of three units: x, w, dot, b, y each, and f');
  e2e.log(`hidden (2 × 3) expanded: ${ids.length} gates, ${await shown()} (the engine: ${formatNumber(expected.value as number, 6)})`);
  await e2e.screenshot('expand-into-gates-xor', gates.byTestId('expression-editor'));
}
