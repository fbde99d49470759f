/**
 * The inspector's module boxes and the expanded frame's layout: a definition value is checked by what it means
 * for the use being looked at ("$filters*4" is 512 in l4b0), a use's parameter as the expansion checks it, and the
 * frame lays a block's branches side by side as the canvas lays out a graph.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGraphText } from '../../engine/graph/parse';
import { innerNode } from '../../engine/modules/innerNode';
import { analyzeGraph } from '../../engine/shape/analyze';
import { definitionValueError, evaluatedHint, useParamError } from '../../webview/model/moduleAttributeInput';
import type { CardNode } from '../../webview/model/flowModel';
import { innerLayout, makeRoom } from '../../webview/model/moduleView';
import { sameGraph } from '../../webview/model/sameGraph';
import { setModuleAttribute } from '../../engine/document/moduleIntents';
import { serializeGraph } from '../../engine/graph/serialize';

const resnet = parseGraphText(fs.readFileSync('examples/resnet18-modules.nn.json', 'utf8')).graph!;
const analysis = analyzeGraph(resnet);

describe('module boxes in the inspector', () => {
  const conv1 = innerNode(resnet, analysis.expansion, 'l4b0/conv1')!;

  it('shows a reference with its value for this use, and checks the value it evaluates to', () => {
    expect(conv1.node.attrs.filters).toBe('$filters');
    expect(evaluatedHint(conv1, 'filters', '$filters')).toBe('= 512 in l4b0');
    expect(evaluatedHint(conv1, 'filters', '$filters*4')).toBe('= 2048 in l4b0');
    expect(evaluatedHint(conv1, 'filters', '64')).toBeNull();
    expect(definitionValueError(conv1, 'filters', '$filters*2')).toBeNull();
    expect(definitionValueError(conv1, 'filters', '$filter')).toBe(
      `"$filter" refers to 'filter', which is not a parameter of module 'basic_down' (did you mean '$filters'?); its parameters are filters, stride.`,
    );
    // 512 · 200 = 102,400 filters: over the 65,536 bound, said for this use.
    expect(definitionValueError(conv1, 'filters', '$filters*200')).toMatch(/\(\$filters\*200 is 102400 in l4b0\)$/);
    expect(definitionValueError(conv1, 'kernel', '0')).not.toBeNull();
    expect(definitionValueError(conv1, 'stride', '')).toBeNull();
  });

  it("checks a use's parameter by the default's kind, and repeat's range", () => {
    const def = resnet.modules!.basic_down;
    expect(useParamError('basic_down', def, 'filters', '256')).toBeNull();
    expect(useParamError('basic_down', def, 'filters', 'wide')).toBe(`Parameter 'filters' of module 'basic_down' takes a number (default 128), got "wide".`);
    expect(useParamError('basic_down', def, 'repeat', '0')).toBe('"repeat" must be a whole number from 1 to 1000 (copies chained one after the other), got 0.');
    expect(useParamError('basic_down', def, 'repeat', '3')).toBeNull();
  });
});

describe('the expanded frame', () => {
  it("lays out basic_down's two branches side by side, in rows by depth, inside the frame's margins", () => {
    const use = analysis.expansion!.uses.get('l2b0')!;
    const inside = new Set(use.members);
    const edges = analysis.expansion!.graph.edges.filter((e) => inside.has(e.from) && inside.has(e.to));
    const { positions, width, height } = innerLayout(use.members, edges, false);
    const at = (id: string) => positions.get(`l2b0/${id}`)!;
    // conv1 and downsample are both read from the use's input: depth 0, one column apart (230).
    expect(at('conv1').y).toBe(at('downsample').y);
    expect(Math.abs(at('conv1').x - at('downsample').x)).toBe(230);
    // conv1 → bn1 → relu1 → conv2 → bn2 → add → relu2: depths 0..6, 120 apart; the frame holds 7 rows.
    expect(at('relu2').y - at('conv1').y).toBe(6 * 120);
    expect(Math.min(...[...positions.values()].map((p) => p.y))).toBe(44);
    expect(height).toBe(6 * 120 + 90 + 44 + 16);
    expect(width).toBe(230 + 200 + 2 * 16);
    const sideways = innerLayout(use.members, edges, true);
    expect(sideways.positions.get('l2b0/relu2')!.x - sideways.positions.get('l2b0/conv1')!.x).toBe(6 * 230);
  });
});

describe('room for an open frame', () => {
  const card = (id: string, x: number, y: number, parentId?: string): CardNode => ({
    id,
    type: 'card',
    position: { x, y },
    data: { id, type: 'relu', family: 'activation', horizontal: false },
    ...(parentId ? { parentId } : {}),
  });
  it('moves the cards below a frame down by its extra height (900 − 90), centres the frame, and says by how much', () => {
    const nodes = [card('above', 0, 0), card('use', 0, 120), card('use/a', 16, 44, 'use'), card('below', 0, 240), card('further', 230, 360)];
    const { nodes: moved, offsets } = makeRoom(nodes, [{ id: 'use', position: { x: 0, y: 120 }, width: 462, height: 900 }], false);
    expect(moved.map((n) => [n.id, n.position.x, n.position.y])).toEqual([['above', 0, 0], ['use', -131, 120], ['use/a', 16, 44], ['below', 0, 1050], ['further', 230, 1170]]);
    // The frame: (200 − 462)/2 = −131 to the left, centred on the card it replaces.
    expect([...offsets]).toEqual([['use', { x: -131, y: 0 }], ['below', { x: 0, y: 810 }], ['further', { x: 0, y: 810 }]]);
    const sideways = makeRoom(nodes, [{ id: 'use', position: { x: 0, y: 120 }, width: 662, height: 300 }], true);
    expect(sideways.offsets.get('further')).toEqual({ x: 462, y: 0 });
    expect(sideways.offsets.get('use')).toEqual({ x: 0, y: -105 });
    expect(sideways.offsets.has('below')).toBe(false);
  });
});

describe('a module definition edit is a new document for the canvas', () => {
  it('sameGraph tells a changed definition apart (the document VS Code sends back must be drawn)', () => {
    expect(sameGraph(resnet, parseGraphText(serializeGraph(resnet)).graph!)).toBe(true);
    const r = setModuleAttribute(resnet, 'basic_down', 'conv1', 'filters', '$filters*2');
    expect(r.ok && sameGraph(resnet, r.graph)).toBe(false);
  });
});
