/**
 * `npm run bench:editor`: one attribute edit in a 500-node graph, from the intent to every label rendered, without
 * a browser. Each step is timed separately and the median of several edits printed (figures, not assertions):
 *   intent → text edits   applyIntent + graphTextEdits (the extension host; the document's graph is cached per version)
 *   analysis              incremental shape analysis of the new graph (the webview; the host sends the graph it
 *                         produced, so a canvas edit needs no parse — an edit typed in the text editor adds the parse,
 *                         printed on its own line)
 *   view model            FlowModel.build: card texts, reusing unchanged cards
 *   render                React renders the cards whose texts changed (each card and edge label subscribes to its own
 *                         entry of the canvas's LabelStore; React Flow's nodes stay the same objects); all 500 cards
 *                         + 499 edge labels are printed as an upper bound
 * In the webview an attribute edit is drawn from this same applyIntent before the host's document comes back, so
 * the extension host's and VS Code's round trip is not part of edit → labels (the document confirms it after).
 * Browser figures: test/webview/scenarios/bigEdit.mjs (chromium, the built webview) and the e2e `big` scenario.
 * The full-analysis time (no previous analysis) is printed beside the incremental one as the peer to compare.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { parseGraphText } from '../engine/graph/parse';
import { serializeGraph } from '../engine/graph/serialize';
import type { Graph, GraphNode } from '../engine/graph/types';
import { analyzeGraph } from '../engine/shape/analyze';
import { applyIntent } from '../engine/document/intents';
import { applyTextEdits, graphTextEdits } from '../extension/document/textEdits';
import { positionsFor } from '../webview/model/fallbackLayout';
import { FlowModel, type CardData } from '../webview/model/flowModel';

/** A 500-node chain of conv blocks (conv → relu → batchnorm, repeated), 16×16 feature maps, 3×3 "same" convs. */
function bigGraph(n: number): Graph {
  const nodes: GraphNode[] = [{ id: 'input', type: 'input', attrs: { shape: [16, 16, 3] } }];
  const types = ['conv2d', 'relu', 'batchnorm'];
  for (let i = 1; i < n; i++) {
    const type = types[(i - 1) % 3];
    nodes.push({ id: `n${i}`, type, attrs: type === 'conv2d' ? { filters: 8, kernel: 3, padding: 'same' } : {} });
  }
  const edges = nodes.slice(1).map((node, i) => ({ from: nodes[i].id, to: node.id }));
  return { name: 'bench', nodes, edges, layout: Object.fromEntries(nodes.map((node, i) => [node.id, { x: 0, y: i * 120 }])) };
}

/** Plain markup of a card and an edge label, the same elements and texts as the webview's NodeCard. */
function Card({ data }: { data: CardData }) {
  return createElement(
    'div',
    { className: `card family-${data.family}`, 'data-testid': `node-${data.id}` },
    createElement('span', { 'data-testid': 'node-type' }, data.type),
    createElement('div', { className: 'card-attrs' }, data.keyAttrs),
    createElement('span', { 'data-testid': 'node-shape' }, data.shape),
    createElement('span', { 'data-testid': 'node-params' }, data.params),
  );
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const time = <T>(f: () => T): [T, number] => {
  const t0 = performance.now();
  const r = f();
  return [r, performance.now() - t0];
};

const N = 500;
let text = serializeGraph(bigGraph(N));
let graph = parseGraphText(text).graph!;
let analysis = analyzeGraph(graph);
const model = new FlowModel();
let built = model.build(graph, analysis, positionsFor(graph), new Set(), false);

const rows: Record<string, number[]> = { intent: [], analysis: [], parse: [], fullAnalysis: [], viewModel: [], render: [], renderChanged: [], total: [], changedCards: [] };
for (let round = 0; round < 15; round++) {
  // Alternate the filters of the first conv: every downstream shape keeps its size but params of the next conv
  // change, so labels really change; then the edit is undone by the next round.
  const filters = round % 2 === 0 ? 12 : 8;
  const t0 = performance.now();
  const [{ edited, after }, tIntent] = time(() => {
    const r = applyIntent(graph, { kind: 'set-attribute', node: 'n1', attribute: 'filters', value: filters });
    if (!r.ok) throw new Error(r.error);
    // The document was written canonically by the previous edit, as the extension remembers.
    return { edited: applyTextEdits(text, graphTextEdits(text, graph, r.graph, true)), after: r.graph };
  });
  const [next, tAnalysis] = time(() => ({ g: after, a: analyzeGraph(after, analysis) }));
  const [, tParse] = time(() => parseGraphText(edited));
  const [, tFull] = time(() => analyzeGraph(next.g));
  const [view, tView] = time(() => model.build(next.g, next.a, positionsFor(next.g), new Set(), false));
  const changed = [...view.labels.cards].filter(([id, card]) => card !== built.labels.cards.get(id)).map(([, card]) => card);
  const [, tChanged] = time(() => renderToStaticMarkup(createElement('div', null, changed.map((card) => createElement(Card, { key: card.id, data: card })))));
  const [, tRender] = time(() =>
    renderToStaticMarkup(
      createElement(
        'div',
        null,
        [...view.labels.cards.values()].map((card) => createElement(Card, { key: card.id, data: card })),
        view.edges.map((e) => createElement('div', { key: e.id, 'data-testid': `edge-label-${e.source}-${e.target}` }, view.labels.edges.get(e.id))),
      ),
    ),
  );
  if (round >= 3) {
    rows.intent.push(tIntent);
    rows.analysis.push(tAnalysis);
    rows.parse.push(tParse);
    rows.fullAnalysis.push(tFull);
    rows.viewModel.push(tView);
    rows.render.push(tRender);
    rows.renderChanged.push(tChanged);
    rows.total.push(tIntent + tAnalysis + tView + tChanged);
    rows.changedCards.push(changed.length);
  }
  void t0;
  text = edited;
  graph = next.g;
  analysis = next.a;
  built = view;
}

const ms = (x: number) => `${x.toFixed(2)} ms`;
console.log(`(load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores: on a shared machine, figures vary from run to run)`);
console.log(`Editing one attribute in a ${N}-node graph (${text.length.toLocaleString('en-US')} characters), median of ${rows.total.length} edits:`);
console.log(`  intent → minimal text edit       ${ms(median(rows.intent))}   (extension host)`);
console.log(`  incremental analysis             ${ms(median(rows.analysis))}   (full re-analysis: ${ms(median(rows.fullAnalysis))})`);
console.log(`  view model (card texts)          ${ms(median(rows.viewModel))}   (${median(rows.changedCards)} of ${N} cards changed)`);
console.log(`  render the changed cards         ${ms(median(rows.renderChanged))}   (all ${N} cards + edge labels: ${ms(median(rows.render))})`);
console.log(`  edit → every label up to date    ${ms(median(rows.total))}   (target < 50 ms; postMessage and layout not included)`);
console.log(`  + parse, for an edit typed in the text editor: ${ms(median(rows.parse))}`);

// ---------------------------------------------------------------------------------------------------------------
// Training with the panel open vs. without (issue 5: "< 5% slower"). The same worker bundle trains the same small
// MNIST network; "panel" runs everything the extension host does per message (fold into the panel's view,
// serialise it as postMessage does, append to the run's metrics.jsonl), "bare" does nothing with the messages,
// like the CLI. Interleaved runs, medians. The webview draws in its own process and is not counted here.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TrainingSession } from '../engine/train/session';
import { RunFolder } from '../extension/training/runFolder';
import { IDLE, reduceTraining } from '../extension/training/trainingView';

async function trainOnce(withPanel: boolean): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiregrad-bench-'));
  const graphFile = path.join(dir, 'mlp.nn.json');
  const graph: Graph = {
    name: 'bench MLP',
    nodes: [
      { id: 'input', type: 'input', attrs: { shape: [28, 28, 1] } },
      { id: 'fc1', type: 'dense', attrs: { units: 64 } },
      { id: 'relu', type: 'relu', attrs: {} },
      { id: 'fc2', type: 'dense', attrs: { units: 10 } },
    ],
    edges: [
      { from: 'input', to: 'fc1' },
      { from: 'fc1', to: 'relu' },
      { from: 'relu', to: 'fc2' },
    ],
    layout: {},
    training: { dataset: 'mnist?train=3000&test=500', epochs: 3, batchSize: 32, seed: 1, learningRate: 0.01 },
  };
  fs.writeFileSync(graphFile, serializeGraph(graph));
  const folder = withPanel ? new RunFolder(graphFile) : null;
  let view = IDLE;
  let posted = 0;
  const t0 = performance.now();
  const session = new TrainingSession({
    workerScript: path.join(__dirname, '..', 'worker.js'),
    request: { graphFile, overrides: {}, resume: false, progressIntervalMs: 250 },
    onMessage: withPanel
      ? (m) => {
          folder!.record(m);
          view = reduceTraining(view, m);
          posted += JSON.stringify({ type: 'training', view }).length;
        }
      : undefined,
  });
  const end = await session.done;
  const seconds = (performance.now() - t0) / 1000;
  await folder?.flushed();
  fs.rmSync(dir, { recursive: true, force: true });
  if (end.type !== 'finished') throw new Error(`bench training ${end.type}: ${'message' in end ? end.message : ''}`);
  void posted;
  return seconds;
}

async function trainingOverhead(): Promise<void> {
  const bare: number[] = [];
  const panel: number[] = [];
  // Alternate which goes first, so a machine that slows down or speeds up during the bench favours neither.
  for (let i = 0; i < 6; i++) {
    if (i % 2 === 0) {
      bare.push(await trainOnce(false));
      panel.push(await trainOnce(true));
    } else {
      panel.push(await trainOnce(true));
      bare.push(await trainOnce(false));
    }
  }
  const b = median(bare);
  const p = median(panel);
  console.log(`\nTraining a 784-64-10 MLP on 3,000 MNIST digits, 3 epochs (median of ${bare.length} interleaved runs):`);
  console.log(`  without the panel (as the CLI)   ${b.toFixed(2)} s`);
  const change = ((p - b) / b) * 100;
  console.log(`  with the panel's host work       ${p.toFixed(2)} s   (${Math.abs(change).toFixed(1)}% ${change >= 0 ? 'slower' : 'faster'}; target < 5% slower)`);
  console.log(`  runs: bare ${bare.map((x) => x.toFixed(2)).join(', ')} · panel ${panel.map((x) => x.toFixed(2)).join(', ')} (load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores)`);
}

void trainingOverhead();
