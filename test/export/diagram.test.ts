/**
 * The diagram export (engine/export/diagram): golden SVGs of LeNet-5 in both styles and both themes, the shapes
 * written on the edges checked to the element against the analysis, well-formed XML for every example and for
 * hostile ids, and the same bytes for the same graph. After an intended change of the pictures:
 * UPDATE_GOLDEN=1 npx vitest run test/export/diagram.test.ts (and look at them).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagramSvg, DIAGRAM_STYLES } from '../../engine/export/diagram/diagramSvg';
import { DIAGRAM_THEMES } from '../../engine/export/diagram/theme';
import { isExpressionGraph } from '../../engine/graph/types';
import { analyzeGraph } from '../../engine/shape/analyze';
import { exampleGraph, graphFromNodes } from '../helpers/graphs';
import { xmlProblem } from '../helpers/xmlWellFormed';

const GOLDEN = path.join(__dirname, '..', 'golden', 'diagram');
const EXAMPLES = fs.readdirSync(path.join(__dirname, '..', '..', 'examples')).filter((f) => f.endsWith('.nn.json'));

/** The text of every element tagged `data-id="…:shape"`, by its tag (`c1->relu1`, or `softmax->` for an output). */
function shapesOnEdges(svg: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of svg.matchAll(/data-id="([^"]*)-&gt;([^"]*):shape">([^<]*)</g)) out.set(`${m[1]}->${m[2]}`, m[3]);
  return out;
}

describe('diagram of LeNet-5', () => {
  const { graph, analysis } = exampleGraph('lenet5.nn.json');

  for (const style of DIAGRAM_STYLES) {
    for (const theme of DIAGRAM_THEMES) {
      it(`${style}, ${theme}: matches the golden file`, () => {
        const { svg } = diagramSvg(graph, analysis, { style, theme });
        const golden = path.join(GOLDEN, `lenet5.${style}.${theme}.svg`);
        if (process.env.UPDATE_GOLDEN) {
          fs.mkdirSync(GOLDEN, { recursive: true });
          fs.writeFileSync(golden, svg);
        }
        expect(fs.existsSync(golden), `${golden} is missing: run with UPDATE_GOLDEN=1`).toBe(true);
        expect(svg).toBe(fs.readFileSync(golden, 'utf8'));
        expect(xmlProblem(svg)).toBeNull();
      });
    }
  }

  it('screen style: every edge carries its source node’s output shape, to the element', () => {
    const shapes = shapesOnEdges(diagramSvg(graph, analysis, { style: 'screen', theme: 'light' }).svg);
    expect(Object.fromEntries(shapes)).toEqual({
      'input->c1': '28×28×1',
      'c1->relu1': '28×28×6',
      'relu1->s2': '28×28×6',
      's2->c3': '14×14×6',
      'c3->relu3': '10×10×16',
      'relu3->s4': '10×10×16',
      's4->c5': '5×5×16',
      'c5->relu5': '120',
      'relu5->f6': '120',
      'f6->relu6': '84',
      'relu6->output': '84',
      'output->softmax': '10',
    });
  });

  it('screen style: each card states the output shape and parameters of the summary', () => {
    const { svg } = diagramSvg(graph, analysis, { style: 'screen', theme: 'dark' });
    const card = (id: string, what: string) => new RegExp(`data-id="${id}:${what}">([^<]*)<`).exec(svg)?.[1];
    expect([card('c1', 'shape'), card('c1', 'params')]).toEqual(['28×28×6', '156 params']);
    expect([card('c3', 'shape'), card('c3', 'params')]).toEqual(['10×10×16', '2,416 params']);
    expect([card('c5', 'shape'), card('c5', 'params')]).toEqual(['120', '48,120 params']);
    expect([card('f6', 'shape'), card('f6', 'params')]).toEqual(['84', '10,164 params']);
    expect([card('output', 'shape'), card('output', 'params')]).toEqual(['10', '850 params']);
  });

  it('paper style: activations folded into their layer, the shapes on the arrows, the output shape last', () => {
    const { svg } = diagramSvg(graph, analysis, { style: 'paper', theme: 'light' });
    expect(Object.fromEntries(shapesOnEdges(svg))).toEqual({
      'input->c1': '28×28×1',
      'relu1->s2': '28×28×6',
      's2->c3': '14×14×6',
      'relu3->s4': '10×10×16',
      's4->c5': '5×5×16',
      'relu5->f6': '120',
      'relu6->output': '84',
      'output->': '10',
    });
    const boxes = [...svg.matchAll(/data-node="([^"]*)"/g)].map((m) => m[1]);
    expect(boxes).toEqual(['input', 'c1', 's2', 'c3', 's4', 'c5', 'f6', 'output']);
    expect(svg).toContain('>conv2d + relu<');
    expect(svg).toContain('>dense + softmax<');
    expect(svg).toContain('>LeNet-5 · 61,706 parameters · 416,520 MACs<');
  });

  it('themes differ in colour only', () => {
    const light = diagramSvg(graph, analysis, { style: 'paper', theme: 'light' });
    const dark = diagramSvg(graph, analysis, { style: 'paper', theme: 'dark' });
    expect(light.svg).toContain('fill="#ffffff"');
    expect(dark.svg).toContain('fill="#1f1f1f"');
    expect([light.width, light.height]).toEqual([dark.width, dark.height]);
    const geometry = (svg: string) => svg.replace(/(fill|stroke)="#[0-9a-f]{6}"/g, '');
    expect(geometry(light.svg)).toBe(geometry(dark.svg));
  });

  it('the same graph gives the same bytes', () => {
    const a = diagramSvg(graph, analysis, { style: 'screen', theme: 'light' }).svg;
    const b = diagramSvg(exampleGraph('lenet5.nn.json').graph, analyzeGraph(exampleGraph('lenet5.nn.json').graph), { style: 'screen', theme: 'light' }).svg;
    expect(b).toBe(a);
  });
});

describe('diagram of every example', () => {
  const networks = EXAMPLES.filter((f) => !isExpressionGraph(exampleGraph(f).graph));
  it.each(networks)('%s: well-formed in both styles, every edge labelled with its shape', (file) => {
    const { graph, analysis } = exampleGraph(file);
    for (const style of DIAGRAM_STYLES) {
      const { svg, width, height } = diagramSvg(graph, analysis, { style, theme: 'dark' });
      expect(xmlProblem(svg), `${file} ${style}`).toBeNull();
      expect(width).toBeGreaterThan(0);
      expect(height).toBeGreaterThan(0);
      const shapes = shapesOnEdges(svg);
      for (const [edge, shape] of shapes) {
        const from = edge.split('->')[0];
        const nodeShape = analysis.byId.get(from)?.outputShape;
        // paper style: an output arrow carries the shape of the box's last folded node; edges carry their source's
        if (!edge.endsWith('->')) expect(shape, `${file} ${style} ${edge}`).toBe(nodeShape?.join('×'));
      }
      if (style === 'screen') expect(shapes.size).toBe(new Set(graph.edges.map((e) => `${e.from}->${e.to}`)).size);
    }
  });

  it('a branching graph (resnet18) in paper style: skip connections go over the top, each with its shape', () => {
    const { graph, analysis } = exampleGraph('resnet18.nn.json');
    const { svg } = diagramSvg(graph, analysis, { style: 'paper', theme: 'light' });
    const vertical = [...svg.matchAll(/d="M[-\d.]+ [-\d.]+V([-\d.]+)H/g)];
    expect(vertical.length).toBeGreaterThan(0);
  });
});

describe('diagram of hostile or broken graphs', () => {
  it('ids, labels and names with markup and control characters stay well-formed and readable', () => {
    const graph = {
      ...graphFromNodes(
        [
          { id: 'in<&>"\'', type: 'input', shape: [8, 8, 1] },
          { id: 'c]]>\u0001', type: 'conv2d', filters: 2, kernel: 3 },
        ],
        [['in<&>"\'', 'c]]>\u0001']],
      ),
      name: 'a <b> & "c" \ud800',
    };
    for (const style of DIAGRAM_STYLES) {
      const { svg } = diagramSvg(graph, analyzeGraph(graph), { style, theme: 'light' });
      expect(xmlProblem(svg), style).toBeNull();
      expect(svg).toContain('in&lt;&amp;&gt;&quot;&apos;');
      expect(svg).toContain('<title>a &lt;b&gt; &amp; &quot;c&quot; \ufffd</title>');
    }
  });

  it('a node whose shape cannot be computed shows — and its problem', () => {
    const graph = graphFromNodes(
      [
        { id: 'in', type: 'input', shape: [4, 4, 1] },
        { id: 'big', type: 'conv2d', filters: 2, kernel: 7 },
        { id: 'after', type: 'relu' },
      ],
      ['in>big', 'big>after'],
    );
    const { svg } = diagramSvg(graph, analyzeGraph(graph), { style: 'screen', theme: 'dark' });
    expect(xmlProblem(svg)).toBeNull();
    expect(svg).toContain('data-id="big:shape">—<');
    expect(svg).toMatch(/>✕ 1</);
  });

  it('an empty graph is a small empty picture', () => {
    const graph = graphFromNodes([], []);
    for (const style of DIAGRAM_STYLES) expect(xmlProblem(diagramSvg(graph, analyzeGraph(graph), { style, theme: 'light' }).svg)).toBeNull();
  });
});
