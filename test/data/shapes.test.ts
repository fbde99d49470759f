import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../engine/data/load';
import { coverage, placePolygon, polygonDistance, starPolygon, stripeDistance } from '../../engine/data/shapeGeometry';
import { generateShapes, SHAPE_CLASSES } from '../../engine/data/shapes';
import { Rng } from '../../engine/random/rng';
import { firstDifference } from './helpers';

describe('shape geometry', () => {
  const square = placePolygon([[-1, -1], [1, -1], [1, 1], [-1, 1]], 4, 4, 0, 10, 10); // the box 6..14

  it('gives signed distances to a polygon: negative inside, exact to the nearest edge or corner', () => {
    expect(polygonDistance(10, 10, square.vx, square.vy)).toBeCloseTo(-4, 12);
    expect(polygonDistance(13, 10, square.vx, square.vy)).toBeCloseTo(-1, 12);
    expect(polygonDistance(16, 10, square.vx, square.vy)).toBeCloseTo(2, 12);
    expect(polygonDistance(17, 18, square.vx, square.vy)).toBeCloseTo(5, 12); // corner (14, 14): a 3-4-5 triangle
  });

  it('turns a polygon about its centre', () => {
    const turned = placePolygon([[1, 0]], 2, 2, Math.PI / 2, 5, 5);
    expect(turned.vx[0]).toBeCloseTo(5, 12);
    expect(turned.vy[0]).toBeCloseTo(7, 12);
  });

  it('makes a star whose tips are at radius 1 and notches at the inner radius', () => {
    const star = starPolygon(5, 0.4);
    expect(star).toHaveLength(10);
    expect(star[0][0]).toBeCloseTo(0, 12);
    expect(star[0][1]).toBeCloseTo(-1, 12);
    expect(Math.hypot(...star[1])).toBeCloseTo(0.4, 12);
  });

  it('measures stripes and converts distance to pixel coverage', () => {
    expect(stripeDistance(1, 8)).toBeCloseTo(-1, 12); // inside the first half [0, 4), 1 from its edge at 0
    expect(stripeDistance(5, 8)).toBeCloseTo(1, 12);
    expect(stripeDistance(-3, 8)).toBeCloseTo(1, 12); // period 8: −3 ≡ 5
    expect([coverage(-2), coverage(-0.5), coverage(0), coverage(0.25), coverage(3)]).toEqual([1, 1, 0.5, 0.25, 0]);
  });
});

describe('generated shapes set', () => {
  it('is deterministic from the seed, balanced, and in 0..1', () => {
    const a = generateShapes(200, new Rng(5));
    const b = generateShapes(200, new Rng(5));
    const c = generateShapes(200, new Rng(6));
    expect(firstDifference(a.x, b.x)).toBe(-1);
    expect(firstDifference(a.y, b.y)).toBe(-1);
    expect(firstDifference(a.x, c.x)).toBeGreaterThanOrEqual(0);
    expect(a.x.length).toBe(200 * 32 * 32 * 3);
    const counts = new Array(10).fill(0);
    a.y.forEach((label) => counts[label]++);
    expect(counts).toEqual(new Array(10).fill(20));
    expect(a.x.every((v) => v >= 0 && v <= 1)).toBe(true);
  });

  it('loads 5,000 / 1,000 images of [32, 32, 3] with 10 named classes, quickly', async () => {
    const started = performance.now();
    const ds = await loadDataset('shapes', { baseDir: '.', seed: 3 });
    console.log(`shapes: 6,000 images generated and checked in ${(performance.now() - started).toFixed(0)} ms`);
    expect(ds.inputShape).toEqual([32, 32, 3]);
    expect([ds.train.count, ds.test.count]).toEqual([5000, 1000]);
    expect(ds.classNames).toEqual(SHAPE_CLASSES);
    const testCounts = new Array(10).fill(0);
    ds.test.y.forEach((label) => testCounts[label]++);
    expect(testCounts).toEqual(new Array(10).fill(100));
    // Train and test are drawn from separate streams: no image appears in both.
    expect(firstDifference(ds.train.x.subarray(0, 3072), ds.test.x.subarray(0, 3072))).toBeGreaterThanOrEqual(0);
  });

  it('varies colour, so colour alone does not tell the class', () => {
    const { x, y } = generateShapes(1000, new Rng(1));
    // Mean colour of each class's images: every class averages near grey (0.5), none has a colour of its own.
    for (let c = 0; c < 10; c++) {
      let sum = 0;
      let n = 0;
      y.forEach((label, i) => {
        if (label !== c) return;
        for (let k = 0; k < 3072; k++) sum += x[i * 3072 + k];
        n += 3072;
      });
      expect(Math.abs(sum / n - 0.5)).toBeLessThan(0.08);
    }
  });

  it('takes sizes from the spec and names both shapes on a mismatch', async () => {
    const ds = await loadDataset('shapes?train=30&test=10', { baseDir: '.', inputShape: [32, 32, 1] });
    expect([ds.train.count, ds.test.count, ds.inputShape]).toEqual([30, 10, [32, 32, 1]]);
    await expect(loadDataset('shapes', { baseDir: '.', inputShape: [28, 28, 3] })).rejects.toThrow(
      "shapes: the data set's images are [32, 32, 3] but the graph's input is [28, 28, 3]",
    );
    await expect(loadDataset('shapes?size=3', { baseDir: '.' })).rejects.toThrow("unknown option 'size'");
  });
});

describe('a generated set too big for memory', () => {
  it('is refused with its size before a single image is generated', async () => {
    // (1,000,000 + 1,000) images × 32·32·3 values × 4 B = 12,300,288,000 B = 11,730.5 MiB = 11.46 GiB.
    await expect(loadDataset('shapes?train=1000000', { baseDir: '.', inputShape: [32, 32, 3], maxBytes: 100 * 2 ** 20 })).rejects.toThrow(
      'shapes: 1,000,000 train + 1,000 test images would take about 11.5 GiB, over the memory budget of 100.0 MiB; lower train= or test= in the data-set spec',
    );
  });

  it('counts the resized copy too when the input is not 32×32×3, and still loads what fits', async () => {
    // 20 images × (3072 + 64·64·3 = 15,360 values) × 4 B = 1,228,800 B = 1.17 MiB: over 1 MiB.
    const spec = 'shapes?train=10&test=10';
    await expect(loadDataset(spec, { baseDir: '.', inputShape: [64, 64, 3], maxBytes: 2 ** 20 })).rejects.toThrow('about 1.2 MiB, over the memory budget of 1.0 MiB');
    const ok = await loadDataset(spec, { baseDir: '.', inputShape: [64, 64, 3], maxBytes: 2 * 2 ** 20 });
    expect(ok.train.x.length).toBe(10 * 64 * 64 * 3);
  });
});
