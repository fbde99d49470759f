// A stand-in for VS Code around the built webview (dist/webview), for quick looks and screenshots while
// developing: serves the page with the same CSP as the extension, plays the host (document + intents applied by
// the real intent/text-edit code, bundled on the fly), and reports CSP violations and console errors.
//   node test/webview/harness.mjs examples/lenet5.nn.json out.png [light|dark|hc] [scenario.mjs]
// Scenarios (test/webview/scenarios/*.mjs) assert with node:assert; the exit code is 1 on a console error or
// a CSP violation. Needs chromium (/usr/bin/chromium, as the E2E suite) and a built dist/webview
// (WIREGRAD_WEBVIEW_DIR serves another build instead, e.g. to time a before and an after bundle in turn).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import * as esbuild from 'esbuild';

const [file = 'examples/lenet5.nn.json', shot = '/tmp/canvas.png', theme = 'dark', script] = process.argv.slice(2);
const root = path.resolve(process.env.WIREGRAD_WEBVIEW_DIR ?? 'dist/webview');
const hostJs = await esbuild.build({
  stdin: {
    contents: `import { parseGraphText } from './engine/graph/parse';
import { applyIntent } from './engine/document/intents';
import { graphTextEdits, applyTextEdits } from './extension/document/textEdits';
import { decodeWebviewMessage, parseWebviewMessage } from './extension/protocol';
export function host(text, data) {
  // A JSON string, as the webview sends every message; an object from an older build (WIREGRAD_WEBVIEW_DIR).
  const m = typeof data === 'string' ? decodeWebviewMessage(data) : parseWebviewMessage(data);
  if (!m.ok) return { text, error: 'dropped: ' + m.reason };
  if (m.value.type !== 'intent') return { text, message: m.value };
  const g = parseGraphText(text).graph;
  if (!g) return { text, error: 'file has errors' };
  const r = applyIntent(g, m.value.intent);
  if (!r.ok) return { text, error: r.error, requestId: m.value.requestId };
  // As the extension does, the graph the intent made goes with the text (the webview then skips parsing it, and
  // skips redrawing when it says what the canvas already shows: webview/model/sameGraph.ts).
  return { text: applyTextEdits(text, graphTextEdits(text, g, r.graph)), graph: r.graph, requestId: m.value.requestId };
}`,
    resolveDir: process.cwd(),
    loader: 'ts',
  },
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'node',
  mainFields: ['module', 'main'],
});
const tmp = path.join('/tmp', `wiregrad-host-${process.pid}.mjs`);
fs.writeFileSync(tmp, hostJs.outputFiles[0].text);
const { host } = await import(tmp);

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  if (url.pathname === '/') {
    const csp = `default-src 'none'; img-src ${origin} data:; style-src ${origin}; font-src ${origin}; script-src 'nonce-abc123'`;
    const body = theme === 'light' ? 'vscode-light' : theme === 'hc' ? 'vscode-high-contrast' : 'vscode-dark';
    const vars =
      theme === 'light'
        ? '--vscode-editor-background:#ffffff;--vscode-foreground:#3b3b3b;--vscode-descriptionForeground:#717171;--vscode-focusBorder:#005fb8;--vscode-button-background:#005fb8;--vscode-button-foreground:#fff;--vscode-editorWidget-background:#f8f8f8;--vscode-sideBar-background:#f8f8f8;--vscode-input-background:#fff;--vscode-input-foreground:#3b3b3b;--vscode-panel-border:#e5e5e5;--vscode-font-family:sans-serif;--vscode-editor-font-family:monospace'
        : '--vscode-editor-background:#1f1f1f;--vscode-foreground:#cccccc;--vscode-descriptionForeground:#9d9d9d;--vscode-focusBorder:#0078d4;--vscode-button-background:#0078d4;--vscode-button-foreground:#fff;--vscode-editorWidget-background:#202020;--vscode-sideBar-background:#181818;--vscode-input-background:#313131;--vscode-input-foreground:#cccccc;--vscode-panel-border:#2b2b2b;--vscode-font-family:sans-serif;--vscode-editor-font-family:monospace';
    res.writeHead(200, { 'content-type': 'text/html', 'content-security-policy': csp });
    res.end(`<!DOCTYPE html><html><head><link rel="icon" href="data:,"><link rel="stylesheet" href="/main.css"></head>
<body class="${body}"><div id="root" data-layout-script="/elk.js"></div>
<script nonce="abc123" src="/shim.js?vars=${encodeURIComponent(vars)}"></script><script nonce="abc123" src="/main.js"></script></body></html>`);
    return;
  }
  if (url.pathname === '/shim.js') {
    res.writeHead(200, { 'content-type': 'text/javascript' });
    // VS Code sets the theme's variables from script (CSSOM), which the CSP allows; so does this shim.
    const vars = url.searchParams.get('vars') ?? '';
    res.end(`for (const d of ${JSON.stringify(vars)}.split(';')) { const [k, v] = d.split(':'); document.documentElement.style.setProperty(k, v); }
window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__toHost(m), getState() {}, setState() {} });`);
    return;
  }
  const f = path.join(root, path.normalize(url.pathname));
  if (!f.startsWith(root) || !fs.existsSync(f)) return res.writeHead(404).end();
  res.writeHead(200, { 'content-type': f.endsWith('.css') ? 'text/css' : 'text/javascript' });
  fs.createReadStream(f).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
const problems = [];
page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
let text = fs.readFileSync(file, 'utf8');
let version = 1;
const sent = [];
await page.exposeFunction('__toHost', async (m) => {
  // The webview sends every message as one JSON string (extension/protocol.ts); scenarios read the objects.
  sent.push(typeof m === 'string' ? JSON.parse(m) : m);
  const r = host(text, m);
  if (r.error) console.log('host:', r.error);
  if (r.message?.type === 'ready' || r.text !== text) {
    text = r.text;
    await page.evaluate((msg) => window.postMessage(msg, '*'), { type: 'document', text, version: ++version, ...(r.graph ? { graph: r.graph } : {}) });
  }
  if (r.requestId !== undefined) await page.evaluate((msg) => window.postMessage(msg, '*'), { type: 'intent-result', requestId: r.requestId, ok: !r.error, ...(r.error ? { error: r.error } : {}) });
});
await page.addInitScript(() =>
  document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`)),
);
await page.goto(origin + '/');
await page.waitForSelector('[data-testid="canvas"], [data-testid="expression-canvas"], [data-testid="error-view"]', { timeout: 60_000 });
await page.waitForTimeout(500);
if (script) {
  const mod = await import(path.resolve(script));
  await mod.default({ page, get text() { return text; }, sent, post: (msg) => page.evaluate((m) => window.postMessage(m, '*'), msg) });
}
await page.screenshot({ path: shot });
console.log(problems.length ? problems.join('\n') : 'no console errors, no CSP violations');
if (problems.length) process.exitCode = 1;
await browser.close();
server.close();
fs.rmSync(tmp);
