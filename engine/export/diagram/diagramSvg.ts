/**
 * A network as an SVG picture, from the graph and its analysis alone (no screenshot of the canvas): the same graph
 * gives the same bytes. Two styles: `screen`, the cards as the canvas places them, and `paper`, a compact
 * left-to-right figure with the shapes on the arrows. Two themes: light and dark.
 */
import type { Graph } from '../../graph/types';
import type { GraphAnalysis } from '../../shape/types';
import { paperDiagram } from './paperDiagram';
import { screenDiagram } from './screenDiagram';
import { element, xml } from './svgText';
import { PALETTES, type DiagramTheme } from './theme';

export type DiagramStyle = 'screen' | 'paper';
export const DIAGRAM_STYLES: readonly DiagramStyle[] = ['screen', 'paper'];

export interface DiagramOptions {
  readonly style: DiagramStyle;
  readonly theme: DiagramTheme;
}

export interface Diagram {
  readonly svg: string;
  /** The picture's size in CSS pixels (what a PNG is rasterised at, times its scale). */
  readonly width: number;
  readonly height: number;
}

export function diagramSvg(graph: Graph, analysis: GraphAnalysis, options: DiagramOptions): Diagram {
  const palette = PALETTES[options.theme];
  const drawing = options.style === 'paper' ? paperDiagram(graph, analysis, palette) : screenDiagram(graph, analysis, palette);
  const { width, height } = drawing;
  const defs = element(
    'defs',
    {},
    element('marker', { id: 'wg-arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, element('path', { d: 'M0 0L10 5L0 10z', fill: palette.edge })),
  );
  const svg =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">\n` +
    `<title>${xml(graph.name)}</title>\n` +
    `${defs}\n` +
    `${element('rect', { width, height, fill: palette.background })}\n` +
    `${drawing.body}\n` +
    '</svg>\n';
  return { svg, width, height };
}
