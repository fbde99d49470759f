/**
 * Issue 11: the backprop lab in a real VS Code. New Network → "Backprop: (x + y)·z" writes the template and opens it
 * in the same custom editor; the wires carry the forward values; the Step control walks the backward pass one gate
 * at a time and the gradients appear under the wires as each gate is stepped — −4, −4 and 3, as on the slides and
 * as `wiregrad grad --json` says about the same file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CLI } from '../harness/paths';
import { assert, assertEqual, waitUntil } from '../harness/poll';
import { run } from '../harness/processes';
import { GraphWebview } from '../harness/webview';
import type { E2E } from './context';

const TEMPLATE = 'Backprop: (x + y)·z';
const until = (what: string, check: () => Promise<boolean>, ms = 5000) => waitUntil(what, check, (ok) => ok, ms);
const FILE = 'lab-xyz.nn.json';

export async function backpropLab(e2e: E2E): Promise<void> {
  const { page, workbench } = e2e;
  const target = path.join(e2e.workspace, FILE);
  fs.rmSync(target, { force: true });

  // The extension's commands appear once it is active (it activates on the workspace's *.nn.json files).
  await until('the extension to contribute its commands', async () => {
    await workbench.command('wiregrad: New Network').catch(async () => workbench.dismissQuickInput());
    return page.locator('.quick-input-widget input').isVisible();
  }, 60_000);
  // New Network → the template → the save dialog (VS Code's own path field in the browser) → the custom editor.
  const t0 = Date.now();
  // Filter the list first: the templates outnumber the rows the quick pick shows, and a row out of view can't be clicked.
  await page.locator('.quick-input-widget input').fill(TEMPLATE);
  await page.locator('.quick-input-list .monaco-list-row').filter({ has: page.getByText(TEMPLATE, { exact: true }) }).first().click();
  const pathField = page.locator('.quick-input-widget input');
  await until('the save dialog to offer a file name', async () => (await pathField.inputValue().catch(() => '')).endsWith('.nn.json'), 15_000);
  await pathField.fill(target);
  await page.keyboard.press('Enter');
  const view = new GraphWebview(page);
  await view.byTestId('expression-canvas').waitFor({ timeout: 30_000 });
  await view.frame.locator('.react-flow__node').first().waitFor({ timeout: 30_000 });
  e2e.figure('New Network (x + y)·z → gate canvas drawn', Date.now() - t0, 'ms');
  assert(fs.existsSync(target), `${FILE} was not written`);

  // The numbers to expect come from the CLI, run on the file the template wrote.
  const cli = await run(process.execPath, [CLI, 'grad', '--json', target]);
  assertEqual(cli.code, 0, 'wiregrad grad exit code');
  const report = JSON.parse(cli.stdout) as { value: number; nodes: { id: string; value: number; grad: number; downstream?: number[] }[] };
  const byId = new Map(report.nodes.map((n) => [n.id, n]));
  assertEqual([byId.get('x')!.grad, byId.get('y')!.grad, byId.get('z')!.grad, byId.get('q')!.grad], [-4, -4, 3, -4], 'the CLI: ∂f/∂x, ∂f/∂y, ∂f/∂z, ∂f/∂q');

  const text = async (id: string) => ((await view.byTestId(id).textContent({ timeout: 5000 })) ?? '').trim().replace('−', '-');
  const shows = (id: string) => view.byTestId(id).count().then((n) => n > 0);
  // Forward values on the wires, above them.
  assertEqual([await text('wire-value-x-q'), await text('wire-value-y-q'), await text('wire-value-z-f'), await text('wire-value-q-f')], ['-2', '5', '-4', '3'], 'values on the wires');
  assertEqual(await text('expr-f'), 'f = -12', 'f in the toolbar');

  // Step through backward: nothing under the wires yet, then the mul gate, then the add gate.
  await view.byTestId('step-start').click();
  await until('step 0 of 2', async () => (await text('step-count')) === 'step 0 / 2');
  assertEqual(await shows('wire-grad-x-q'), false, 'no gradient on x → q before the first step');
  await view.byTestId('step-next').click();
  await until('step 1 of 2', async () => (await text('step-count')) === 'step 1 / 2');
  assert((await text('step-pattern')).includes('mul gate swaps and scales'), `step 1 names the mul pattern: ${await text('step-pattern')}`);
  assertEqual([await text('wire-grad-q-f'), await text('wire-grad-z-f')], ['-4', '3'], 'gradients under q → f and z → f after step 1');
  assertEqual(await shows('wire-grad-x-q'), false, 'x → q still blank after step 1');
  await view.byTestId('step-next').click();
  await until('step 2 of 2', async () => (await text('step-count')) === 'step 2 / 2');
  assert((await text('step-pattern')).includes('add gate distributes'), `step 2 names the add pattern: ${await text('step-pattern')}`);
  assertEqual(await text('step-upstream'), '-4', 'upstream at the add gate');
  const wires = [await text('wire-grad-x-q'), await text('wire-grad-y-q'), await text('wire-grad-z-f')];
  assertEqual(wires, ['-4', '-4', '3'], 'gradients on the wires x → q, y → q, z → f');
  assertEqual(wires.map(Number), [byId.get('q')!.downstream![0], byId.get('q')!.downstream![1], byId.get('f')!.downstream![1]], 'wires equal the CLI\'s downstream');
  e2e.log(`wires after the backward pass: x → q ${wires[0]}, y → q ${wires[1]}, z → f ${wires[2]} (wiregrad grad agrees)`);
  // And back: one step undone blanks the add gate's wires again.
  await view.byTestId('step-back').click();
  await until('Back to blank x → q again', async () => !(await shows('wire-grad-x-q')));
  await view.byTestId('step-next').click();
  await until('Next to show x → q again', () => shows('wire-grad-x-q'));
  await e2e.screenshot('backprop-lab-xyz', view.byTestId('expression-editor'));
}
