/**
 * Fuzzing the graph loader, the shape engine (and expression graphs) and `format`: random valid graphs, mutations of
 * valid ones, random JSON, deep nesting, huge arrays and numbers, duplicate ids and prototype keys. Each document
 * must be read without an exception escaping; every diagnostic must name a node of the graph or the document (null);
 * `format` must either refuse or produce text that keeps the document's meaning and formats to itself again.
 */
import { parseGraphText } from '../../engine/graph/parse';
import { losslessProblems, meaningDifference } from '../../engine/graph/lossless';
import { serializeGraph } from '../../engine/graph/serialize';
import { isExpressionGraph } from '../../engine/graph/types';
import { evaluateExpression } from '../../engine/expression/evaluate';
import { analyzeGraph } from '../../engine/shape/analyze';
import { CaseStats, Random } from './measure';

const BLOCKS: readonly [string, () => Record<string, unknown>][] = [
  ['conv2d', () => ({ filters: 4, kernel: 3, padding: 1 })],
  ['maxpool2d', () => ({ kernel: 2 })],
  ['avgpool2d', () => ({ kernel: 2 })],
  ['relu', () => ({})],
  ['batchnorm', () => ({})],
  ['dropout', () => ({ rate: 0.5 })],
  ['leakyrelu', () => ({ alpha: 0.1 })],
  ['flatten', () => ({})],
  ['dense', () => ({ units: 10 })],
  ['softmax', () => ({})],
];

const WILD_NUMBERS = ['1e999', '-1e999', '12345678901234567890', '1e-400', '-0', '0.1', '65537', '-3', '4.5', '1e308', '5e-324', '0'];
const WILD_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'id', 'type', ''];

function validGraph(r: Random): object {
  const nodes: Record<string, unknown>[] = [{ id: 'input', type: 'input', shape: [8 + r.int(25), 8 + r.int(25), 1 + r.int(3)] }];
  const n = 1 + r.int(12);
  for (let i = 0; i < n; i++) {
    const [type, attrs] = r.pick(BLOCKS);
    nodes.push({ id: `n${i}`, type, ...attrs() });
  }
  const edges = nodes.slice(1).map((node, i) => ({ from: nodes[i].id, to: node.id }));
  const layout = r.next() < 0.5 ? Object.fromEntries(nodes.map((node, i) => [node.id, { x: i * 10, y: r.int(100) }])) : undefined;
  return { format: 'wiregrad.graph', version: 1, name: `g${r.int(1000)}`, nodes, edges, ...(layout ? { layout } : {}) };
}

function randomJson(r: Random, depth: number): string {
  const k = r.int(depth > 5 ? 4 : 7);
  switch (k) {
    case 0:
      return r.pick(WILD_NUMBERS);
    case 1:
      return JSON.stringify(r.pick(['', 'input', 'conv2d', 'x'.repeat(r.int(50)), '\u001b[2J']));
    case 2:
      return r.pick(['true', 'false', 'null']);
    case 3:
      return String(r.int(100));
    case 4:
      return `[${Array.from({ length: r.int(5) }, () => randomJson(r, depth + 1)).join(',')}]`;
    default:
      return `{${Array.from({ length: r.int(5) }, () => `${JSON.stringify(r.next() < 0.3 ? r.pick(WILD_KEYS) : `k${r.int(9)}`)}:${randomJson(r, depth + 1)}`).join(',')}}`;
  }
}

/** One textual mutation of a valid document: a wild number, a prototype key, a duplicate id, a cut, a deletion. */
function mutate(text: string, r: Random): string {
  switch (r.int(7)) {
    case 0:
      return text.replace(/\d+(\.\d+)?/g, (m) => (r.next() < 0.2 ? r.pick(WILD_NUMBERS) : m));
    case 1:
      return text.replace(/"(id|type|units|filters|kernel|x|shape)"/, () => JSON.stringify(r.pick(WILD_KEYS)));
    case 2:
      return text.replace(/"id":"n(\d+)"/g, (m) => (r.next() < 0.3 ? '"id":"n0"' : m)); // duplicate ids
    case 3:
      return text.slice(0, r.int(text.length)); // truncated
    case 4: {
      const at = r.int(text.length);
      return text.slice(0, at) + text.slice(at + 1 + r.int(5));
    }
    case 5:
      return text.replace('"nodes":[', `"nodes":[{"id":"__proto__","type":"relu","constructor":${randomJson(r, 3)}},`);
    default:
      return text.replace(/"edges":\[/, `"training":${randomJson(r, 2)},"layout":${randomJson(r, 2)},"edges":[`);
  }
}

function extreme(r: Random): string {
  const depth = 10 + r.int(100_000);
  switch (r.int(5)) {
    case 0:
      return '['.repeat(depth) + ']'.repeat(depth);
    case 1:
      return `{"format":"wiregrad.graph","version":1,"nodes":[{"id":"input","type":"input","shape":[${Array(1 + r.int(20_000)).fill(7).join(',')}]}],"edges":[]}`;
    case 2:
      return `{"format":"wiregrad.graph","version":1,"nodes":[${'{"id":"a","type":"relu"},'.repeat(1 + r.int(500))}{"id":"input","type":"input","shape":[4]}],"edges":[]}`;
    case 3:
      return `{"format":"wiregrad.graph","version":1,"name":"${'9'.repeat(1 + r.int(100_000))}","nodes":[{"id":"input","type":"input","shape":[1e308,1e308,1e308]}],"edges":[]}`;
    default:
      return `{"format":"wiregrad.graph","version":1,"nodes":[{"id":"input","type":"input","shape":[4]},{"id":"d","type":"dense","units":${'9'.repeat(1 + r.int(400))}}],"edges":[{"from":"input","to":"d"}]}`;
  }
}

export interface GraphFuzzResult {
  readonly stats: CaseStats;
  readonly parsed: number;
  readonly refusedByFormat: number;
  readonly formatted: number;
  readonly violations: string[];
}

/** `count` documents from `seed`, a mix of the generators above; `expressionSeeds` are texts of expression graphs. */
export function fuzzGraphs(count: number, seed: number, expressionSeeds: readonly string[]): GraphFuzzResult {
  const r = new Random(seed);
  const stats = new CaseStats();
  const violations: string[] = [];
  let parsed = 0;
  let refusedByFormat = 0;
  let formatted = 0;
  for (let i = 0; i < count; i++) {
    // In twentieths: 6 valid, 6 mutated, 3 random JSON, 1 extreme (deep, huge), 2 mutated expression graphs, 2 mutated canonical texts.
    const kind = r.int(20);
    const text =
      kind < 6 ? JSON.stringify(validGraph(r))
      : kind < 12 ? mutate(JSON.stringify(validGraph(r)), r)
      : kind < 15 ? randomJson(r, 0)
      : kind < 16 ? extreme(r)
      : expressionSeeds.length > 0 && kind < 18 ? mutate(r.pick(expressionSeeds), r)
      : mutate(serializeGraph(parseGraphText(JSON.stringify(validGraph(r))).graph!), r);
    stats.run(`case ${i} (kind ${kind})`, () => {
      const result = parseGraphText(text);
      for (const p of result.problems) if (!(p.range.line >= 1)) violations.push(`case ${i}: a file problem without a line: ${p.message}`);
      const graph = result.graph;
      if (!graph) return;
      parsed++;
      const ids = new Set(graph.nodes.map((n) => n.id));
      const diagnostics = isExpressionGraph(graph) ? evaluateExpression(graph).diagnostics : analyzeGraph(graph).diagnostics;
      for (const d of diagnostics) {
        if (d.node !== null && !ids.has(d.node)) violations.push(`case ${i}: diagnostic names node '${d.node}', not in the graph: ${d.message}`);
      }
      // format: refuse (warnings, losses, a change of meaning) or round-trip in meaning and be idempotent.
      const canonical = serializeGraph(graph);
      const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
      if (result.problems.some((p) => p.severity === 'warning') || losslessProblems(text).length > 0 || meaningDifference(clean, canonical)) {
        refusedByFormat++;
        return;
      }
      formatted++;
      const again = parseGraphText(canonical).graph;
      if (!again || serializeGraph(again) !== canonical) violations.push(`case ${i}: format is not idempotent`);
    });
    if (violations.length > 20) break;
  }
  return { stats, parsed, refusedByFormat, formatted, violations };
}
