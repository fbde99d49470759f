/**
 * Issue 4: a file that is not valid JSON opens on a clear error view naming the line and column (the same place
 * the CLI names), offers "open as text", and is never rewritten: the bytes on disk stay identical.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CLI } from '../harness/paths';
import { assert, waitUntil } from '../harness/poll';
import { run } from '../harness/processes';
import { GraphWebview } from '../harness/webview';
import { WORKSPACE_FILES } from '../harness/workspace';
import type { E2E } from './context';

export async function malformedShowsErrorView(e2e: E2E): Promise<void> {
  const file = WORKSPACE_FILES.malformed;
  const onDisk = path.join(e2e.workspace, file);
  const bytes = fs.readFileSync(onDisk);
  const modified = fs.statSync(onDisk).mtimeMs;

  const cli = await run(process.execPath, [CLI, 'summary', onDisk]);
  const where = /:(\d+):(\d+): error/.exec(cli.stderr);
  assert(cli.code === 2 && where, `the CLI should reject the file with a location (exit ${cli.code}): ${cli.stderr}`);
  const [line, column] = [where[1], where[2]];

  await e2e.workbench.quickOpen(file);
  const view = new GraphWebview(e2e.page);
  const errorView = view.byTestId('error-view');
  await errorView.waitFor({ timeout: 30_000 });
  const text = await waitUntil('the error view to name a line and column', async () => (await errorView.innerText()).replace(/\s+/g, ' '), (t) => /line \d+, column \d+/.test(t));
  assert(text.includes(`line ${line}, column ${column}`), `error view says "${text}", the CLI says line ${line}, column ${column}`);
  e2e.log(`error view: ${text.slice(0, 160)}`);
  assert((await view.canvas.count()) === 0, 'a canvas is drawn for a file that does not parse');
  await e2e.screenshot('malformed-error-view');

  await e2e.page.waitForTimeout(1000); // give a wrongly eager save or rewrite the time to happen
  assert(!(await e2e.workbench.isDirty(file)), 'opening a malformed file made its editor dirty');
  assert(fs.readFileSync(onDisk).equals(bytes), 'the malformed file on disk changed while open in the error view');

  await view.byTestId('open-as-text').click();
  await waitUntil('a text editor on the malformed file', () => e2e.workbench.editorText(), (t) => t.includes('Broken on purpose'));
  assert(fs.readFileSync(onDisk).equals(bytes), 'the malformed file changed after "open as text"');
  assert(fs.statSync(onDisk).mtimeMs === modified, 'the malformed file was rewritten (same bytes, new mtime)');
}
