// Writes the end-to-end suite's 500-node graph (test/e2e/harness/workspace.ts) to stdout, for the webview
// harness's bigEdit scenario:  node test/webview/bigGraph.mjs > /tmp/big-500.nn.json
// (node test/webview/bigGraph.mjs 2000 > /tmp/big-2000.nn.json writes the 2,000-node one)
import fs from 'node:fs';
import * as esbuild from 'esbuild';

const built = await esbuild.build({
  stdin: { contents: `import { bigGraphText } from './test/e2e/harness/workspace'; export const text = bigGraphText(${Number(process.argv[2] ?? 500)});`, resolveDir: process.cwd(), loader: 'ts' },
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'node',
});
// A file, not a data: URL: the bundle finds the repository from its own import.meta.url.
const tmp = `/tmp/wiregrad-big-${process.pid}.mjs`;
fs.writeFileSync(tmp, built.outputFiles[0].text);
const { text } = await import(tmp);
fs.rmSync(tmp);
process.stdout.write(text);
