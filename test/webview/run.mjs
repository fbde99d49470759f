// Runs every webview scenario (test/webview/scenarios/*.mjs) in headless chromium against the built webview, with
// harness.mjs playing the host: a fast check of the canvas, inspector, keyboard and training panel without a
// VS Code (the real-VS-Code suite, test/e2e, checks the same UI inside the workbench). Part of `npm test`.
//   node test/webview/run.mjs            (needs /usr/bin/chromium and dist/webview: `node esbuild.mjs`)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wiregrad-webview-'));
const malformed = path.join(tmp, 'malformed.nn.json');
fs.writeFileSync(malformed, '{ "format": "wiregrad.graph", "version": 1, "nodes": [\n');
const tiny = path.join(tmp, 'tiny.nn.json');
fs.writeFileSync(tiny, JSON.stringify({
  format: 'wiregrad.graph', version: 1, name: 'new',
  nodes: [{ id: 'input', type: 'input', shape: [28, 28, 1] }, { id: 'flat', type: 'flatten' }, { id: 'out', type: 'dense', units: 10 }],
  edges: [{ from: 'input', to: 'flat' }, { from: 'flat', to: 'out' }],
}));
const moduleFix = path.join(tmp, 'module-fix.nn.json');
fs.copyFileSync('test/fixtures/module-fix.nn.json', moduleFix);
const moduleDangling = path.join(tmp, 'module-dangling.nn.json');
fs.copyFileSync('test/fixtures/module-dangling.nn.json', moduleDangling);
const big = path.join(tmp, 'big-500.nn.json');
fs.writeFileSync(big, spawnSync(process.execPath, ['test/webview/bigGraph.mjs'], { encoding: 'utf8' }).stdout);

const scenarios = [
  ['edit', 'examples/lenet5.nn.json'],
  ['keyboard', 'examples/lenet5.nn.json'],
  ['inputExplorer', 'examples/lenet5.nn.json'],
  ['exportImage', 'examples/lenet5.nn.json'],
  ['keyboardDesign', 'examples/lenet5.nn.json'],
  ['findBurst', 'examples/lenet5.nn.json'],
  ['panels', 'examples/lenet5.nn.json'],
  ['narrowEditor', 'examples/lenet5.nn.json'],
  ['firstView', tiny],
  ['gradientFlow', 'examples/deep-sigmoid-mlp.nn.json'],
  ['malformed', malformed],
  ['bigEdit', big],
  ['modules', 'examples/resnet18-modules.nn.json'],
  ['moduleKeys', 'examples/resnet18-modules.nn.json'],
  ['moduleActions', 'examples/resnet18-modules.nn.json'],
  ['moduleFix', moduleFix],
  ['moduleStructureFix', moduleDangling],
];
let passed = 0;
let failed = 0;
for (const [name, file] of scenarios) {
  const shot = path.join(tmp, `${name}.png`);
  const r = spawnSync(process.execPath, ['test/webview/harness.mjs', file, shot, 'dark', `test/webview/scenarios/${name}.mjs`], {
    encoding: 'utf8', timeout: 120_000,
  });
  if (r.status === 0) {
    passed++;
    console.log(`  PASS  ${name}`);
  } else {
    failed++;
    console.log(`  FAIL  ${name} (exit ${r.status ?? r.signal})\n${(r.stdout + r.stderr).split('\n').slice(-15).join('\n')}`);
  }
}
fs.rmSync(tmp, { recursive: true, force: true });
console.log(`webview: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
