/**
 * The workspace folder the suite opens: a copy of every example, copies to edit (so the originals stay a
 * reference for the diff check), a malformed file, and tiny training graphs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { EXAMPLES, ROOT } from './paths';

/** Not JSON: a missing comma after line 6's value. The error view must point at line 7 and leave it untouched. */
export const MALFORMED_TEXT = `{
  "format": "wiregrad.graph",
  "version": 1,
  "name": "Broken on purpose",
  "nodes": [
    { "id": "input", "type": "input", "shape": [28, 28, 1] }
    { "id": "c1", "type": "conv2d", "filters": 6, "kernel": 5 }
  ],
  "edges": [
    { "from": "input", "to": "c1" }
  ]
}
`;

/** A network that learns in seconds: a softmax regression on a few thousand bundled MNIST digits. */
export function trainingGraph(name: string, epochs: number, train: number): string {
  return `{
  "format": "wiregrad.graph",
  "version": 1,
  "name": "${name}",
  "nodes": [
    { "id": "input", "type": "input", "shape": [28, 28, 1] },
    { "id": "fc", "type": "dense", "units": 10 },
    { "id": "softmax", "type": "softmax" }
  ],
  "edges": [
    { "from": "input", "to": "fc" },
    { "from": "fc", "to": "softmax" }
  ],
  "training": {
    "dataset": "mnist?train=${train}&test=200",
    "optimizer": "adam",
    "learningRate": 0.01,
    "batchSize": 32,
    "epochs": ${epochs},
    "seed": 1,
    "validationSplit": 0.1
  }
}
`;
}

/** 7 does not tile with kernel 3 and stride 3: a warning whose fixes a text editor offers as Quick Fixes. */
export const STRIDE_WARNING_TEXT = `{
  "format": "wiregrad.graph",
  "version": 1,
  "name": "Stride that does not tile",
  "nodes": [
    { "id": "input", "type": "input", "shape": [7, 7, 1] },
    { "id": "conv", "type": "conv2d", "filters": 2, "kernel": 3, "stride": 3 }
  ],
  "edges": [
    { "from": "input", "to": "conv" }
  ]
}
`;

/**
 * 500 nodes: a conv followed by alternating relu and batchnorm. Changing the conv's filters changes every label
 * downstream (shapes, and batchnorm's 4·C parameters), which is the "500-node graph" speed case.
 */
export function bigGraphText(nodes: number): string {
  const lines = ['{ "id": "input", "type": "input", "shape": [8, 8, 3] }', '{ "id": "c0", "type": "conv2d", "filters": 4, "kernel": 3, "padding": 1 }'];
  const edges = ['{ "from": "input", "to": "c0" }'];
  let previous = 'c0';
  for (let i = 2; i < nodes; i++) {
    const id = `${i % 2 === 0 ? 'relu' : 'bn'}${i}`;
    lines.push(`{ "id": "${id}", "type": "${i % 2 === 0 ? 'relu' : 'batchnorm'}" }`);
    edges.push(`{ "from": "${previous}", "to": "${id}" }`);
    previous = id;
  }
  const list = (items: string[]): string => items.map((l) => `    ${l}`).join(',\n');
  return `{\n  "format": "wiregrad.graph",\n  "version": 1,\n  "name": "${nodes} nodes",\n  "nodes": [\n${list(lines)}\n  ],\n  "edges": [\n${list(edges)}\n  ]\n}\n`;
}

/**
 * The tiny run's epochs: a few seconds on the WASM kernels, long enough to see the charts move (at 4 epochs the run
 * was over in about a second, before the panel's 200 ms throttle had posted more than a couple of views).
 */
export const TINY_RUN_EPOCHS = 20;

export const WORKSPACE_FILES = {
  labels: 'lenet5.nn.json',
  edit: 'edit-lenet5.nn.json',
  sync: 'sync-lenet5.nn.json',
  malformed: 'malformed.nn.json',
  strideWarning: 'stride-warning.nn.json',
  themes: 'cifar-small.nn.json',
  diagram: 'diagram-net.nn.json',
  trainTiny: 'train-tiny.nn.json',
  trainLong: 'train-long.nn.json',
  big10: 'big-10.nn.json',
  big: 'big-500.nn.json',
  big2000: 'big-2000.nn.json',
  conflict: 'conflict-lenet5.nn.json',
  deleted: 'deleted-lenet5.nn.json',
  trainClose: 'train-close.nn.json',
  trainReload: 'train-reload.nn.json',
  modules: 'edit-resnet18-modules.nn.json',
  group: 'group-lenet5.nn.json',
  moduleFix: 'module-fix.nn.json',
} as const;

/** x 7×7×1 → a, b → sum, both using module m, whose conv (kernel 3, stride 3, no padding) does not tile 7 (shared with the webview scenario moduleFix). */
const MODULE_FIX_FILE = path.join(ROOT, 'test', 'fixtures', 'module-fix.nn.json');

export function createWorkspace(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const file of fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.nn.json'))) {
    fs.copyFileSync(path.join(EXAMPLES, file), path.join(dir, file));
  }
  fs.copyFileSync(path.join(EXAMPLES, 'lenet5.nn.json'), path.join(dir, WORKSPACE_FILES.edit));
  fs.copyFileSync(path.join(EXAMPLES, 'lenet5.nn.json'), path.join(dir, WORKSPACE_FILES.sync));
  fs.copyFileSync(path.join(EXAMPLES, 'lenet5.nn.json'), path.join(dir, WORKSPACE_FILES.diagram));
  fs.copyFileSync(path.join(EXAMPLES, 'resnet18-modules.nn.json'), path.join(dir, WORKSPACE_FILES.modules));
  fs.copyFileSync(path.join(EXAMPLES, 'lenet5.nn.json'), path.join(dir, WORKSPACE_FILES.group));
  fs.writeFileSync(path.join(dir, WORKSPACE_FILES.malformed), MALFORMED_TEXT);
  fs.writeFileSync(path.join(dir, WORKSPACE_FILES.strideWarning), STRIDE_WARNING_TEXT);
  fs.copyFileSync(MODULE_FIX_FILE, path.join(dir, WORKSPACE_FILES.moduleFix));
  fs.writeFileSync(path.join(dir, WORKSPACE_FILES.big10), bigGraphText(10));
  fs.writeFileSync(path.join(dir, WORKSPACE_FILES.big), bigGraphText(500));
  fs.writeFileSync(path.join(dir, WORKSPACE_FILES.big2000), bigGraphText(2000));
  fs.copyFileSync(path.join(EXAMPLES, 'lenet5.nn.json'), path.join(dir, WORKSPACE_FILES.conflict));
  fs.copyFileSync(path.join(EXAMPLES, 'lenet5.nn.json'), path.join(dir, WORKSPACE_FILES.deleted));
  // Many short epochs: a checkpoint (NAME.safetensors beside the graph) at every epoch end, until the scenario
  // stops the run. The count must outlast any machine: with the WASM kernels an epoch of this network takes ~35 ms,
  // and 300 epochs (the count before) ended in ten seconds on CI, before the scenarios closed the editor or reloaded
  // the window, so they waited for checkpoints that never came.
  const UNTIL_STOPPED = 100_000;
  fs.writeFileSync(path.join(dir, WORKSPACE_FILES.trainClose), trainingGraph('Closed during a run', UNTIL_STOPPED, 3000));
  fs.writeFileSync(path.join(dir, WORKSPACE_FILES.trainReload), trainingGraph('Reloaded during a run', UNTIL_STOPPED, 3000));
  fs.writeFileSync(path.join(dir, WORKSPACE_FILES.trainTiny), trainingGraph('Tiny MNIST softmax', TINY_RUN_EPOCHS, 3000));
  fs.writeFileSync(path.join(dir, WORKSPACE_FILES.trainLong), trainingGraph('Long MNIST softmax (cancelled)', 500, 8000));
}
