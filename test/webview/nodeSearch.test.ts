/** Finding nodes on the canvas (Ctrl+F): what matches, in which order, and stepping through the matches. */
import { describe, expect, it } from 'vitest';
import { cardName, findNodes, stepMatch } from '../../webview/canvas/nodeSearch';
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
});
