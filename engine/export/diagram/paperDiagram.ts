/**
 * The diagram as a paper draws a network (what NN-SVG and PlotNeuralNet are used for): left to right in layers,
 * a compact box per layer with its type and key attributes, an activation folded into the layer it follows
 * ("conv2d + relu"), and the tensor shape written on every arrow, the network's output shape on the last one.
 */
import type { Graph } from '../../graph/types';
import { formatCount } from '../../shape/format';
import type { GraphAnalysis } from '../../shape/types';
import { drawnEdges, nodeFacts, type NodeFacts } from './facts';
import type { Drawing } from './screenDiagram';
import { element, num, text, textWidth } from './svgText';
import { familyColor, type Palette } from './theme';

const NAME_FONT = 10;
const TYPE_FONT = 12;
const ATTR_FONT = 11;
const EDGE_FONT = 10;
const LINE = 14;
const PAD = 8;
const MIN_WIDTH = 64;
const ROW_GAP = 20;
const MIN_COLUMN_GAP = 36;
const MARGIN = 20;
/** Families folded into the layer before them, as papers write "conv + ReLU". */
const FOLDED_FAMILIES: ReadonlySet<string> = new Set(['activation']);

interface PaperBox {
  readonly head: NodeFacts;
  /** Types folded into this box, in order. */
  readonly folded: string[];
  /** The shape leaving the box: the output of its last folded node. */
  shape: string;
  layer: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

function boxLines(b: PaperBox): { name: string; type: string; attrs: string } {
  return { name: b.head.name, type: [b.head.type, ...b.folded].join(' + '), attrs: b.head.keyAttrs };
}

function measure(b: PaperBox): void {
  const l = boxLines(b);
  const widths = [textWidth(l.name, NAME_FONT, 'sans'), textWidth(l.type, TYPE_FONT, 'sans-bold'), l.attrs ? textWidth(l.attrs, ATTR_FONT, 'mono') : 0];
  b.width = Math.max(MIN_WIDTH, Math.ceil(Math.max(...widths) + 2 * PAD));
  b.height = 6 + (l.attrs ? 3 : 2) * LINE + 6;
}

/** Boxes (activations folded into the node they follow when that node feeds only them) and the edges between boxes. */
function foldedBoxes(nodes: readonly NodeFacts[], edges: readonly { from: string; to: string }[]) {
  const inputsOf = new Map<string, string[]>(nodes.map((n) => [n.id, []]));
  const outputsOf = new Map<string, string[]>(nodes.map((n) => [n.id, []]));
  for (const e of edges) {
    inputsOf.get(e.to)!.push(e.from);
    outputsOf.get(e.from)!.push(e.to);
  }
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const boxOf = new Map<string, PaperBox>();
  const boxes: PaperBox[] = [];
  // Nodes in file order; a folded node's box is its producer's, which must exist first: walk producers as needed.
  const place = (n: NodeFacts, visiting: Set<string>): PaperBox => {
    const known = boxOf.get(n.id);
    if (known) return known;
    const inputs = inputsOf.get(n.id)!;
    const producer = inputs.length === 1 ? byId.get(inputs[0]) : undefined;
    if (producer && FOLDED_FAMILIES.has(n.family) && outputsOf.get(producer.id)!.length === 1 && !visiting.has(producer.id)) {
      visiting.add(n.id);
      const host = place(producer, visiting);
      host.folded.push(n.type);
      host.shape = n.shape;
      boxOf.set(n.id, host);
      return host;
    }
    const box: PaperBox = { head: n, folded: [], shape: n.shape, layer: 0, x: 0, y: 0, width: 0, height: 0 };
    boxOf.set(n.id, box);
    boxes.push(box);
    return box;
  };
  for (const n of nodes) place(n, new Set());
  const links: { from: PaperBox; to: PaperBox; shape: string; id: string }[] = [];
  for (const e of edges) {
    const from = boxOf.get(e.from)!;
    const to = boxOf.get(e.to)!;
    if (from === to) continue;
    links.push({ from, to, shape: byId.get(e.from)!.shape, id: `${e.from}->${e.to}` });
  }
  return { boxes, links };
}

/** Layer = longest path from a source (Kahn's order; boxes on a cycle keep layer 0). */
function assignLayers(boxes: readonly PaperBox[], links: readonly { from: PaperBox; to: PaperBox }[]): void {
  const indegree = new Map<PaperBox, number>(boxes.map((b) => [b, 0]));
  for (const l of links) indegree.set(l.to, indegree.get(l.to)! + 1);
  const queue = boxes.filter((b) => indegree.get(b) === 0);
  for (let head = 0; head < queue.length; head++) {
    const b = queue[head];
    for (const l of links) {
      if (l.from !== b) continue;
      l.to.layer = Math.max(l.to.layer, b.layer + 1);
      indegree.set(l.to, indegree.get(l.to)! - 1);
      if (indegree.get(l.to) === 0) queue.push(l.to);
    }
  }
}

export function paperDiagram(graph: Graph, analysis: GraphAnalysis, palette: Palette): Drawing {
  const nodes = nodeFacts(graph, analysis);
  const { boxes, links } = foldedBoxes(nodes, drawnEdges(graph, nodes));
  assignLayers(boxes, links);
  for (const b of boxes) measure(b);
  const layerCount = Math.max(0, ...boxes.map((b) => b.layer + 1));
  const layers = Array.from({ length: layerCount }, (_, i) => boxes.filter((b) => b.layer === i));
  const sinks = boxes.filter((b) => !links.some((l) => l.from === b));
  const labelWidth = (shape: string) => textWidth(shape, EDGE_FONT, 'mono') + 8;

  // Columns: as wide as their widest box; the gap after one fits the widest shape written on its arrows.
  let x = 0;
  for (const [i, layer] of layers.entries()) {
    const width = Math.max(...layer.map((b) => b.width));
    const total = layer.reduce((s, b) => s + b.height, 0) + ROW_GAP * (layer.length - 1);
    let y = -total / 2;
    for (const b of layer) {
      b.x = x + (width - b.width) / 2;
      b.y = y;
      y += b.height + ROW_GAP;
    }
    const outgoing = links.filter((l) => l.from.layer === i && l.to.layer === i + 1).map((l) => labelWidth(l.shape));
    x += width + Math.max(MIN_COLUMN_GAP, ...outgoing.map((w) => w + 16));
  }

  const top = Math.min(0, ...boxes.map((b) => b.y));
  const parts: string[] = [];
  const labels: string[] = [];
  const extents: { x: number; y: number; width: number; height: number }[] = [...boxes];
  const label = (cx: number, cy: number, shape: string, id: string) => {
    const w = labelWidth(shape);
    const box = { x: cx - w / 2, y: cy - 7, width: w, height: 14 };
    extents.push(box);
    labels.push(
      element(
        'g',
        { 'data-edge': id },
        element('rect', { x: box.x, y: box.y, width: w, height: 14, rx: 3, fill: palette.labelBackground }) +
          text(cx, cy + 3.5, shape, { size: EDGE_FONT, fill: palette.text, font: 'mono', anchor: 'middle' }, `${id}:shape`),
      ),
    );
  };
  const arrow = { fill: 'none', stroke: palette.edge, 'stroke-width': 1.2, 'marker-end': 'url(#wg-arrow)' };
  // Skip connections go over the top, on the lowest track free over their whole span (tracks are reused).
  const tracks: [number, number][][] = [];
  const trackFor = (a: number, b: number): number => {
    const [lo, hi] = a < b ? [a, b] : [b, a];
    let t = tracks.findIndex((spans) => spans.every(([s, e]) => hi < s - 4 || lo > e + 4));
    if (t < 0) t = tracks.push([]) - 1;
    tracks[t].push([lo, hi]);
    return t;
  };
  for (const l of links) {
    const sx = l.from.x + l.from.width;
    const sy = l.from.y + l.from.height / 2;
    const tx = l.to.x;
    const ty = l.to.y + l.to.height / 2;
    if (l.to.layer === l.from.layer + 1) {
      const c = (tx - sx) / 2;
      parts.push(element('path', { d: `M${num(sx)} ${num(sy)}C${num(sx + c)} ${num(sy)} ${num(tx - c)} ${num(ty)} ${num(tx - 1)} ${num(ty)}`, ...arrow }));
      label((sx + tx) / 2, (sy + ty) / 2, l.shape, l.id);
    } else {
      // A skip connection (or a backward edge of a cycle) goes over the top.
      const ax = l.from.x + l.from.width / 2;
      const bx = l.to.x + l.to.width / 2;
      const lane = top - 18 - 16 * trackFor(ax, bx);
      parts.push(element('path', { d: `M${num(ax)} ${num(l.from.y)}V${num(lane)}H${num(bx)}V${num(l.to.y - 1)}`, ...arrow }));
      label((ax + bx) / 2, lane, l.shape, l.id);
    }
  }
  for (const b of sinks) {
    // The network's output: an arrow out of the last box with the shape it produces.
    const sx = b.x + b.width;
    const sy = b.y + b.height / 2;
    const length = labelWidth(b.shape) + 24;
    parts.push(element('path', { d: `M${num(sx)} ${num(sy)}H${num(sx + length - 1)}`, ...arrow }));
    label(sx + length / 2, sy, b.shape, `${b.head.id}->`);
    extents.push({ x: sx, y: sy, width: length + 6, height: 1 });
  }
  const drawnBoxes = boxes.map((b) => {
    const l = boxLines(b);
    const color = familyColor(b.head.family);
    const border = b.head.severity === 'error' ? palette.error : b.head.severity === 'warning' ? palette.warning : color;
    const cx = b.x + b.width / 2;
    let y = b.y + 6 + LINE - 3;
    const lines = [text(cx, y, l.name, { size: NAME_FONT, fill: palette.muted, font: 'sans', anchor: 'middle' })];
    y += LINE;
    lines.push(text(cx, y, l.type, { size: TYPE_FONT, fill: palette.text, font: 'sans-bold', anchor: 'middle' }));
    if (l.attrs) {
      y += LINE;
      lines.push(text(cx, y, l.attrs, { size: ATTR_FONT, fill: palette.muted, font: 'mono', anchor: 'middle' }));
    }
    return element(
      'g',
      { 'data-node': b.head.id },
      element('rect', { x: b.x + 0.75, y: b.y + 0.75, width: b.width - 1.5, height: b.height - 1.5, rx: 3, fill: palette.cardBackground, stroke: border, 'stroke-width': 1.5 }) +
        lines.join(''),
    );
  });
  const t = analysis.totals;
  const bottom = Math.max(...extents.map((e) => e.y + e.height), 0);
  const left = Math.min(...extents.map((e) => e.x), 0) - MARGIN;
  const topEdge = Math.min(...extents.map((e) => e.y), 0) - MARGIN;
  const right = Math.max(...extents.map((e) => e.x + e.width), 0) + MARGIN;
  const caption = `${graph.name} · ${formatCount(t.totalParams)} parameters · ${formatCount(t.totalMacs)} MACs`;
  const captionY = bottom + 22;
  const width = Math.ceil(Math.max(right - left, textWidth(caption, 11, 'sans') + 2 * MARGIN));
  const body = element(
    'g',
    { transform: `translate(${num(-left)} ${num(-topEdge)})` },
    parts.join('') + drawnBoxes.join('') + labels.join('') + text(left + MARGIN, captionY, caption, { size: 11, fill: palette.muted, font: 'sans' }),
  );
  return { width, height: Math.ceil(captionY + 8 + MARGIN - topEdge), body };
}
