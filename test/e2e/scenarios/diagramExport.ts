/**
 * Issue 13: "wiregrad: Export Diagram as SVG / PNG" in a real VS Code. The SVG written beside the graph is byte for
 * byte what the engine draws (and what `wiregrad export --to svg` writes); the PNG is drawn by the graph editor's
 * webview at 2×: a real PNG of that size, on the theme's background.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { diagramSvg } from '../../../engine/export/diagram/diagramSvg';
import { parseGraphText } from '../../../engine/graph/parse';
import { analyzeGraph } from '../../../engine/shape/analyze';
import { ARTIFACTS } from '../harness/paths';
import { assert, waitUntil } from '../harness/poll';
import { WORKSPACE_FILES } from '../harness/workspace';
import { openGraph, type E2E } from './context';

export async function diagramExport(e2e: E2E): Promise<void> {
  // The commands act on the focused graph editor: start from none (an earlier scenario's dirty copy of LeNet-5 can
  // outlive its cleanup) and check that the one focused is the copy of LeNet-5 made for this scenario.
  await e2e.workbench.closeAllEditors();
  await openGraph(e2e, WORKSPACE_FILES.diagram);
  await waitUntil('diagram-net.nn.json the active editor', () => e2e.page.locator('.tab.active').first().innerText(), (t) => t.trim().startsWith(WORKSPACE_FILES.diagram));
  const graphFile = path.join(e2e.workspace, WORKSPACE_FILES.diagram);
  const graph = parseGraphText(fs.readFileSync(graphFile, 'utf8')).graph!;
  const analysis = analyzeGraph(graph);

  const svgFile = path.join(e2e.workspace, 'diagram-net.paper.svg');
  await e2e.workbench.command('wiregrad: Export Diagram as SVG');
  await e2e.workbench.pick('Style', 'Paper figure');
  await e2e.workbench.pick('Theme', 'Light');
  await waitUntil('diagram-net.paper.svg written', () => Promise.resolve(fs.existsSync(svgFile)), (x) => x, 20_000);
  const expected = diagramSvg(graph, analysis, { style: 'paper', theme: 'light' });
  assert(fs.readFileSync(svgFile, 'utf8') === expected.svg, 'the SVG the editor wrote differs from the engine’s');
  e2e.figure('paper SVG of LeNet-5', `${expected.width}×${expected.height}, ${Buffer.byteLength(expected.svg)} bytes`);

  const pngFile = path.join(e2e.workspace, 'diagram-net.dark.png');
  const t0 = Date.now();
  await e2e.workbench.command('wiregrad: Export Diagram as PNG');
  await e2e.workbench.pick('Style', 'As on screen');
  await e2e.workbench.pick('Theme', 'Dark');
  await waitUntil('diagram-net.dark.png written', () => Promise.resolve(fs.existsSync(pngFile)), (x) => x, 30_000);
  e2e.figure('PNG export (command → file on disk)', Date.now() - t0, 'ms');
  const screen = diagramSvg(graph, analysis, { style: 'screen', theme: 'dark' });
  const png = PNG.sync.read(fs.readFileSync(pngFile));
  assert(png.width === 2 * screen.width && png.height === 2 * screen.height, `PNG is ${png.width}×${png.height}, expected ${2 * screen.width}×${2 * screen.height}`);
  const corner = Array.from(png.data.subarray(0, 3)).join(',');
  assert(corner === '31,31,31', `the PNG's corner is rgb(${corner}), not the dark theme's #1f1f1f`);
  e2e.figure('screen PNG of LeNet-5 (dark, 2×)', `${png.width}×${png.height}, ${fs.statSync(pngFile).size} bytes`);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  fs.copyFileSync(pngFile, path.join(ARTIFACTS, 'diagram-lenet5.dark.png'));
  fs.copyFileSync(svgFile, path.join(ARTIFACTS, 'diagram-lenet5.paper.svg'));
}
