/** Finding nodes on the canvas (Ctrl+F): what matches, in which order, and stepping through the matches. */
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../engine/shape/analyze';
import { cardsOf, stepCard } from '../../webview/canvas/moduleKeys';
import { cardName, findNodes, frameName, innerCardName, searchableNodes, stepMatch } from '../../webview/canvas/nodeSearch';
import { exampleGraph } from '../helpers/graphs';

describe('findNodes', () => {
  const { graph } = exampleGraph('lenet5.nn.json');

  it('matches ids and types ignoring case, in file order', () => {
    expect(findNodes(graph.nodes, 'RELU')).toEqual(['relu1', 'relu3', 'relu5', 'relu6']);
    expect(findNodes(graph.nodes, 'conv2d')).toEqual(['c1', 'c3']);
    expect(findNodes(graph.nodes, 'dense')).toEqual(['c5', 'f6', 'output']);
  });

  it('puts an exact id first, then the other matches', () => {
    expect(findNodes(graph.nodes, 'c1')).toEqual(['c1']);
    expect(findNodes(graph.nodes, 'output')).toEqual(['output']);
    expect(findNodes(graph.nodes, 's2')).toEqual(['s2']);
    expect(findNodes(graph.nodes, 'pool')).toEqual(['s2', 's4']);
  });

  it('matches labels; nothing for an empty query or no match; a duplicated id once', () => {
    const nodes = [
      { id: 'a', type: 'conv2d', attrs: {}, label: 'First Conv' },
      { id: 'b', type: 'relu', attrs: {} },
      { id: 'a', type: 'relu', attrs: {} },
    ];
    expect(findNodes(nodes, 'first')).toEqual(['a']);
    expect(findNodes(nodes, '  ')).toEqual([]);
    expect(findNodes(nodes, 'pool')).toEqual([]);
    expect(findNodes(nodes, 'relu')).toEqual(['b']);
  });
});

describe('findNodes inside module uses (resnet18-modules)', () => {
  const { graph } = exampleGraph('resnet18-modules.nn.json');
  const nodes = searchableNodes(graph, analyzeGraph(graph).expansion);

  it('searches the file nodes and, after each use, the nodes it expands to: 15 + 2·7 + 9 + 7 + 9 + 7 + 9 + 7 = 77', () => {
    expect(nodes).toHaveLength(77);
    const at = nodes.findIndex((n) => n.id === 'l2b0');
    expect(nodes.slice(at, at + 3).map((n) => n.id)).toEqual(['l2b0', 'l2b0/conv1', 'l2b0/bn1']);
    // The module's input stands for what feeds the use: it is no card, so it is not found.
    expect(nodes.some((n) => n.id.endsWith('/in'))).toBe(false);
  });

  it('"conv1" finds the stem conv first (its exact id), then conv1 in every use and repeat copy, in file order', () => {
    expect(findNodes(nodes, 'conv1')).toEqual(['conv1', 'l1/0/conv1', 'l1/1/conv1', 'l2b0/conv1', 'l2b1/conv1', 'l3b0/conv1', 'l3b1/conv1', 'l4b0/conv1', 'l4b1/conv1']);
  });

  it('"l2b0/" lists that use\'s 9 nodes; a type finds inner nodes too; an exact path comes first', () => {
    expect(findNodes(nodes, 'l2b0/')).toEqual([
      'l2b0/conv1', 'l2b0/bn1', 'l2b0/relu1', 'l2b0/conv2', 'l2b0/bn2', 'l2b0/downsample', 'l2b0/downsample_bn', 'l2b0/add', 'l2b0/relu2',
    ]);
    // 3 basic_down uses × 3 convs + 5 basic copies × 2 convs + the stem = 20 conv2d nodes.
    expect(findNodes(nodes, 'conv2d')).toHaveLength(20);
    expect(findNodes(nodes, 'downsample')).toEqual(['l2b0/downsample', 'l2b0/downsample_bn', 'l3b0/downsample', 'l3b0/downsample_bn', 'l4b0/downsample', 'l4b0/downsample_bn']);
    expect(findNodes(nodes, 'L3B0/ADD')).toEqual(['l3b0/add']);
  });

  it('a file without modules is searched as it is', () => {
    const { graph: lenet } = exampleGraph('lenet5.nn.json');
    expect(searchableNodes(lenet, analyzeGraph(lenet).expansion)).toBe(lenet.nodes);
  });
});

describe('stepping through an open use by keys', () => {
  const { graph } = exampleGraph('resnet18-modules.nn.json');
  const analysis = analyzeGraph(graph);

  it("a use's cards in its definition's order, a repeat's copies one after the other", () => {
    expect(cardsOf(analysis, 'l2b0')).toEqual([
      'l2b0/conv1', 'l2b0/bn1', 'l2b0/relu1', 'l2b0/conv2', 'l2b0/bn2', 'l2b0/downsample', 'l2b0/downsample_bn', 'l2b0/add', 'l2b0/relu2',
    ]);
    expect(cardsOf(analysis, 'l1')).toHaveLength(14);
    expect(cardsOf(analysis, 'l1')[7]).toBe('l1/1/conv1');
    expect(cardsOf(analysis, 'fc')).toEqual([]);
  });

  it('the next and previous card, staying at the ends', () => {
    const cards = cardsOf(analysis, 'l2b0');
    expect(stepCard(cards, 'l2b0/conv1', 1)).toBe('l2b0/bn1');
    expect(stepCard(cards, 'l2b0/bn1', -1)).toBe('l2b0/conv1');
    expect(stepCard(cards, 'l2b0/conv1', -1)).toBe('l2b0/conv1');
    expect(stepCard(cards, 'l2b0/relu2', 1)).toBe('l2b0/relu2');
    expect(stepCard(cards, 'fc', 1)).toBeNull();
  });
});

describe('stepMatch', () => {
  const m = ['a', 'b', 'c'];
  it('steps forward and back, wrapping around', () => {
    expect(stepMatch(m, 'a', 1)).toBe('b');
    expect(stepMatch(m, 'c', 1)).toBe('a');
    expect(stepMatch(m, 'a', -1)).toBe('c');
  });
  it('starts at the first (or last) match from nowhere; null without matches', () => {
    expect(stepMatch(m, null, 1)).toBe('a');
    expect(stepMatch(m, 'zz', -1)).toBe('c');
    expect(stepMatch([], 'a', 1)).toBeNull();
  });
});

describe('cardName', () => {
  it('names the block by type and id (and label when it has one)', () => {
    expect(cardName('conv2d', 'c1')).toBe('conv2d block c1');
    expect(cardName('conv2d', 'c1', 'first conv')).toBe('conv2d block first conv (c1)');
  });
  it('names an inner card by its path and module, and an open use by its module and size', () => {
    expect(innerCardName('conv2d', 'l2b0/conv1', 'basic_down')).toBe('conv2d block l2b0/conv1, in module basic_down');
    expect(frameName('l2b0', 'basic_down', 9)).toBe('module basic_down use l2b0, open, 9 nodes');
  });
});
