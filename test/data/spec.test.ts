import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../engine/data/load';
import { parseDataSpec } from '../../engine/data/spec';

describe('parseDataSpec', () => {
  it('splits kind, path and options', () => {
    const spec = parseDataSpec('csv:data/iris.csv?label=species&header=yes');
    expect(spec.kind).toBe('csv');
    expect(spec.argument).toBe('data/iris.csv');
    expect(Object.fromEntries(spec.params)).toEqual({ label: 'species', header: 'yes' });
    expect(parseDataSpec('folder:C:\\images').argument).toBe('C:\\images');
    expect(parseDataSpec(' MNIST ').kind).toBe('mnist');
  });

  it('explains an unknown kind, a missing path, a stray path and a repeated option', () => {
    expect(() => parseDataSpec('cifar10')).toThrow("data-set spec 'cifar10': unknown kind 'cifar10'; use one of: mnist, shapes, segmentation, x2, folder, csv, idx");
    expect(() => parseDataSpec('folder')).toThrow("'folder' needs a path, e.g. 'folder:./images'");
    expect(() => parseDataSpec('mnist:foo')).toThrow("'mnist' takes no path");
    expect(() => parseDataSpec('shapes?train=1&train=2')).toThrow("option 'train' is given twice");
    expect(() => parseDataSpec('')).toThrow('empty data-set spec');
  });

  it('rejects bad option values and options', async () => {
    await expect(loadDataset('x2?train=lots', { baseDir: '.' })).rejects.toThrow("option 'train' must be a whole number from 1 to 10000000, not 'lots'");
    await expect(loadDataset('x2', { baseDir: '.', testFraction: 1 })).rejects.toThrow('testFraction must be at least 0 and below 1, not 1');
    await expect(loadDataset('x2', { baseDir: '.', inputShape: [0] })).rejects.toThrow("the graph's input shape [0] is not a list of positive whole numbers");
  });
});

describe("loadDataset('x2')", () => {
  it('gives f(x) = x² with random training x in [−1, 1) and evenly spaced test x from −1 to 1', async () => {
    const ds = await loadDataset('x2', { baseDir: '.', seed: 4, inputShape: [1] });
    expect([ds.task, ds.inputShape, ds.numClasses, ds.train.count, ds.test.count]).toEqual(['regression', [1], 1, 1000, 200]);
    for (const split of [ds.train, ds.test]) {
      for (let i = 0; i < split.count; i++) expect(split.y[i]).toBe(Math.fround(split.x[i] * split.x[i]));
    }
    expect(ds.train.x.every((v) => v >= -1 && v < 1)).toBe(true);
    expect([ds.test.x[0], ds.test.x[199]]).toEqual([-1, 1]);
    expect(ds.test.x[100]).toBeCloseTo(-1 + 200 / 199, 6);
    const again = await loadDataset('x2', { baseDir: '.', seed: 4 });
    expect(Array.from(again.train.x)).toEqual(Array.from(ds.train.x));
  });

  it('names both shapes when the input is not [1]', async () => {
    await expect(loadDataset('x2', { baseDir: '.', inputShape: [2] })).rejects.toThrow(
      "x2: the data set's inputs are [1] (one number x) but the graph's input is [2]; use an input of shape [1]",
    );
  });
});
