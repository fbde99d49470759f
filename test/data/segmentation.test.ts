import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../engine/data/load';
import { generateSegmentation, OBJECT_CLASSES } from '../../engine/data/segmentation';
import { renderShapeImage, SHAPE_CLASSES } from '../../engine/data/shapes';
import { Rng } from '../../engine/random/rng';
import { firstDifference } from './helpers';

describe('generated segmentation set (shapes with their masks)', () => {
  it('is deterministic from the seed; masks are 0/1 with the shape in the image', () => {
    const a = generateSegmentation(70, new Rng(3));
    const b = generateSegmentation(70, new Rng(3));
    const c = generateSegmentation(70, new Rng(4));
    expect(firstDifference(a.x, b.x)).toBe(-1);
    expect(firstDifference(a.y, b.y)).toBe(-1);
    expect(firstDifference(a.y, c.y)).toBeGreaterThanOrEqual(0);
    expect(a.x.length).toBe(70 * 32 * 32 * 3);
    expect(a.y.length).toBe(70 * 32 * 32);
    expect(a.y.every((v) => v === 0 || v === 1)).toBe(true);
    for (let i = 0; i < 70; i++) {
      const mask = a.y.subarray(i * 1024, (i + 1) * 1024);
      const covered = mask.reduce((s, v) => s + v, 0);
      // Outer radius 8 to 12.8 pixels: even a thin ring or a cross covers > 30 pixels, nothing covers half the image.
      expect(covered, `image ${i}`).toBeGreaterThan(30);
      expect(covered, `image ${i}`).toBeLessThan(512);
    }
  });

  it('draws only the seven object classes, each image exactly as the shapes set draws it, with its mask', () => {
    expect(OBJECT_CLASSES.map((c) => SHAPE_CLASSES[c])).toEqual(['circle', 'square', 'triangle', 'cross', 'ring', 'diamond', 'star']);
    const image = new Float32Array(32 * 32 * 3);
    const withMask = new Float32Array(32 * 32 * 3);
    const mask = new Float32Array(32 * 32);
    renderShapeImage(4, new Rng(9), image, 0);
    renderShapeImage(4, new Rng(9), withMask, 0, 32, { out: mask, offset: 0 });
    expect(firstDifference(image, withMask)).toBe(-1);
    // A ring: its centre pixel is background.
    let cy = 0, cx = 0, n = 0;
    mask.forEach((v, i) => {
      if (v) {
        cy += Math.floor(i / 32);
        cx += i % 32;
        n++;
      }
    });
    expect(mask[Math.round(cy / n) * 32 + Math.round(cx / n)]).toBe(0);
  });

  it('loads as a per-pixel regression set in the input’s size, and names the shape it needs', async () => {
    const ds = await loadDataset('segmentation?train=14&test=7', { baseDir: '.', inputShape: [48, 48, 3], seed: 1 });
    expect(ds.task).toBe('regression');
    expect(ds.inputShape).toEqual([48, 48, 3]);
    expect(ds.numClasses).toBe(48 * 48);
    expect(ds.train.y.length).toBe(14 * 48 * 48);
    expect(ds.test.count).toBe(7);
    await expect(loadDataset('segmentation', { baseDir: '.', inputShape: [28, 28, 1] })).rejects.toThrow(
      "segmentation: the data set's images are square RGB [S, S, 3] with S from 8 to 256 (e.g. [32, 32, 3]), but the graph's input is [28, 28, 1]",
    );
    await expect(loadDataset('segmentation?classes=3', { baseDir: '.' })).rejects.toThrow("unknown option 'classes'");
    await expect(loadDataset('segmentation?train=1000000', { baseDir: '.', maxBytes: 2 ** 30 })).rejects.toThrow(
      'segmentation: 1,000,000 train + 400 test images of 32×32 with their masks would take about 15.3 GiB, over the memory budget of 1.0 GiB',
    );
  });
});
