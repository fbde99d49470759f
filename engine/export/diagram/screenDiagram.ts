/**
 * The diagram as the canvas shows it: a card per node at its place on the canvas (the file's layout, else the
 * canvas' automatic placement), with the card's texts, and edges as the canvas' curves with the shape they carry.
 */
import { isHorizontal, positionsFor } from '../../graph/autoPositions';
import type { Graph } from '../../graph/types';
import type { GraphAnalysis } from '../../shape/types';
import { drawnEdges, nodeFacts, type NodeFacts } from './facts';
import { element, fitText, num, text, textWidth } from './svgText';
import { familyColor, type Palette } from './theme';

/** The card's size and type as webview/styles.css draws it: 200 px wide, 12 px text, 15 px lines. */
const CARD_WIDTH = 200;
const PAD_X = 8;
const TOP_BAR = 4;
const LINE = 15;
const FONT = 12;
const EDGE_FONT = 10;
const MARGIN = 24;

interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

function cardHeight(n: NodeFacts): number {
  const lines = 2 + (n.keyAttrs ? 1 : 0) + (n.severity ? 1 : 0);
  return TOP_BAR + 6 + lines * LINE + 4;
}

function card(n: NodeFacts, box: Box, palette: Palette): string {
  const inner = CARD_WIDTH - 2 * PAD_X;
  const color = familyColor(n.family);
  const border = n.severity === 'error' ? palette.error : n.severity === 'warning' ? palette.warning : palette.cardBorder;
  const parts: string[] = [
    element('rect', { x: box.x + 0.5, y: box.y + 0.5, width: box.width - 1, height: box.height - 1, rx: 4, fill: palette.cardBackground, stroke: border }),
    // The family colour along the top, its corners rounded as the card's.
    element('path', { d: `M${num(box.x)} ${num(box.y + TOP_BAR)}a4 4 0 0 1 4 -4h${num(box.width - 8)}a4 4 0 0 1 4 4z`, fill: color }),
  ];
  let y = box.y + TOP_BAR + 4 + LINE - 3;
  const typeWidth = textWidth(n.type, FONT, 'sans-bold');
  parts.push(text(box.x + PAD_X, y, n.type, { size: FONT, fill: palette.text, font: 'sans-bold' }));
  const badge = n.severity ? `${n.severity === 'error' ? '✕' : '!'} ${n.messages.length}` : '';
  const badgeWidth = badge ? textWidth(badge, 10, 'sans-bold') + 8 : 0;
  const idWidth = inner - typeWidth - 6 - (badge ? badgeWidth + 6 : 0);
  if (idWidth > 12) parts.push(text(box.x + PAD_X + typeWidth + 6, y, fitText(n.name, idWidth, FONT, 'sans'), { size: FONT, fill: palette.muted, font: 'sans' }));
  if (badge) {
    const bx = box.x + box.width - PAD_X - badgeWidth;
    parts.push(element('rect', { x: bx, y: y - 10, width: badgeWidth, height: 13, rx: 6, fill: n.severity === 'error' ? palette.error : palette.warning }));
    parts.push(text(bx + badgeWidth / 2, y, badge, { size: 10, fill: palette.background, font: 'sans-bold', anchor: 'middle' }));
  }
  if (n.keyAttrs) {
    y += LINE;
    parts.push(text(box.x + PAD_X, y, fitText(n.keyAttrs, inner, FONT, 'mono'), { size: FONT, fill: palette.muted, font: 'mono' }));
  }
  y += LINE;
  parts.push(text(box.x + PAD_X, y, n.shape, { size: FONT, fill: palette.text, font: 'mono' }, `${n.id}:shape`));
  parts.push(text(box.x + box.width - PAD_X, y, `${n.params} params`, { size: FONT, fill: palette.muted, font: 'mono', anchor: 'end' }, `${n.id}:params`));
  if (n.severity) {
    y += LINE;
    parts.push(text(box.x + PAD_X, y, fitText(n.messages[0] ?? '', inner, 11, 'sans'), { size: 11, fill: n.severity === 'error' ? palette.error : palette.warning, font: 'sans' }));
  }
  return element('g', { 'data-node': n.id }, parts.join(''));
}

/** React Flow's bezier edge (getBezierPath): control points half the distance out of each handle. */
function bezier(sx: number, sy: number, tx: number, ty: number, horizontal: boolean): { d: string; mid: [number, number] } {
  const offset = (d: number) => (d >= 0 ? 0.5 * d : 0.25 * 25 * Math.sqrt(-d));
  const [c1x, c1y, c2x, c2y] = horizontal
    ? [sx + offset(tx - sx), sy, tx - offset(tx - sx), ty]
    : [sx, sy + offset(ty - sy), tx, ty - offset(ty - sy)];
  const mid: [number, number] = [(sx + 3 * c1x + 3 * c2x + tx) / 8, (sy + 3 * c1y + 3 * c2y + ty) / 8];
  return { d: `M${num(sx)} ${num(sy)}C${num(c1x)} ${num(c1y)} ${num(c2x)} ${num(c2y)} ${num(tx)} ${num(ty)}`, mid };
}

export interface Drawing {
  readonly width: number;
  readonly height: number;
  /** SVG elements in the diagram's own coordinates (already shifted to start at 0, 0). */
  readonly body: string;
}

export function screenDiagram(graph: Graph, analysis: GraphAnalysis, palette: Palette): Drawing {
  const nodes = nodeFacts(graph, analysis);
  const positions = positionsFor(graph);
  const horizontal = isHorizontal(graph, positions);
  const boxes = new Map<string, Box>();
  for (const n of nodes) {
    const p = positions.get(n.id) ?? { x: 0, y: 0 };
    boxes.set(n.id, { x: p.x, y: p.y, width: CARD_WIDTH, height: cardHeight(n) });
  }
  const shapeOf = new Map(nodes.map((n) => [n.id, n.shape]));
  const edges: string[] = [];
  const labels: string[] = [];
  const extents: Box[] = [...boxes.values()];
  for (const e of drawnEdges(graph, nodes)) {
    const a = boxes.get(e.from)!;
    const b = boxes.get(e.to)!;
    const [sx, sy, tx, ty] = horizontal ? [a.x + a.width, a.y + a.height / 2, b.x, b.y + b.height / 2] : [a.x + a.width / 2, a.y + a.height, b.x + b.width / 2, b.y];
    const { d, mid } = bezier(sx, sy, tx, ty, horizontal);
    edges.push(element('path', { d, fill: 'none', stroke: palette.edge, 'stroke-width': 1 }));
    const shape = shapeOf.get(e.from) ?? '';
    const w = textWidth(shape, EDGE_FONT, 'mono') + 8;
    const label: Box = { x: mid[0] - w / 2, y: mid[1] - 7, width: w, height: 14 };
    extents.push(label);
    labels.push(
      element(
        'g',
        { 'data-edge': `${e.from}->${e.to}` },
        element('rect', { x: label.x, y: label.y, width: label.width, height: label.height, rx: 3, fill: palette.labelBackground, stroke: palette.cardBorder }) +
          text(mid[0], mid[1] + 3.5, shape, { size: EDGE_FONT, fill: palette.muted, font: 'mono', anchor: 'middle' }, `${e.from}->${e.to}:shape`),
      ),
    );
  }
  if (extents.length === 0) return { width: 2 * MARGIN, height: 2 * MARGIN, body: '' };
  const left = Math.min(...extents.map((b) => b.x)) - MARGIN;
  const top = Math.min(...extents.map((b) => b.y)) - MARGIN;
  const right = Math.max(...extents.map((b) => b.x + b.width)) + MARGIN;
  const bottom = Math.max(...extents.map((b) => b.y + b.height)) + MARGIN;
  const cards = nodes.map((n) => card(n, boxes.get(n.id)!, palette));
  // Edges under the cards, their labels above everything (as on the canvas).
  const body = element('g', { transform: `translate(${num(-left)} ${num(-top)})` }, edges.join('') + cards.join('') + labels.join(''));
  return { width: Math.ceil(right - left), height: Math.ceil(bottom - top), body };
}
