import fs from 'node:fs';
import path from 'node:path';
import * as jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../engine/data/errors';
import { loadDataset } from '../../engine/data/load';
import { tmpDir, write } from './helpers';

/** A solid-colour PNG of w × h pixels. */
function png(w: number, h: number, rgb: [number, number, number]): Buffer {
  const image = new PNG({ width: w, height: h });
  for (let i = 0; i < w * h; i++) image.data.set([...rgb, 255], i * 4);
  return PNG.sync.write(image);
}

function jpg(w: number, h: number, rgb: [number, number, number]): Buffer {
  const data = Buffer.alloc(w * h * 4);
  for (let i = 0; i < w * h; i++) data.set([...rgb, 255], i * 4);
  return jpeg.encode({ data, width: w, height: h }, 100).data;
}

const RED: [number, number, number] = [255, 0, 0];
const BLUE: [number, number, number] = [0, 0, 255];

function imageFolder(): string {
  const dir = tmpDir();
  for (let i = 0; i < 5; i++) {
    write(dir, `red/${i}.png`, png(6 + i, 4, RED)); // sizes differ: every one is resized
    write(dir, `blue/${i}.png`, png(3, 5, BLUE));
  }
  write(dir, 'blue/notes.txt', 'not an image: ignored');
  write(dir, 'blue/.DS_Store', 'ignored');
  return dir;
}

const failure = async (spec: string, baseDir: string, inputShape?: number[]) => {
  const err = await loadDataset(spec, { baseDir, inputShape }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(DataError);
  return (err as DataError).message;
};

describe("loadDataset('folder:…')", () => {
  it('reads one class per sub-folder (alphabetical), resized to the input, split stratified', async () => {
    const dir = imageFolder();
    const ds = await loadDataset('folder:.', { baseDir: dir, inputShape: [2, 2, 3], seed: 3 });
    expect(ds.classNames).toEqual(['blue', 'red']);
    expect([ds.train.count, ds.test.count]).toEqual([8, 2]);
    expect(Array.from(ds.test.y).sort()).toEqual([0, 1]);
    for (const split of [ds.train, ds.test]) {
      for (let i = 0; i < split.count; i++) {
        const expected = split.y[i] === 0 ? [0, 0, 1] : [1, 0, 0];
        for (let p = 0; p < 4; p++) expect(Array.from(split.x.subarray(i * 12 + p * 3, i * 12 + p * 3 + 3))).toEqual(expected);
      }
    }
  });

  it('converts colour to grey for one channel and decodes JPEG too', async () => {
    const dir = imageFolder();
    write(dir, 'red/photo.jpg', jpg(8, 8, RED));
    const ds = await loadDataset('folder:' + dir, { baseDir: '/', inputShape: [3, 3, 1], testFraction: 0 });
    expect([ds.train.count, ds.test.count]).toEqual([11, 0]);
    const greys = new Set(Array.from(ds.train.x, (v) => Math.round(v * 100) / 100));
    // Red is 0.299 luma, blue 0.114; JPEG's red comes back within a few levels of 255.
    expect([...greys].every((g) => Math.abs(g - 0.3) <= 0.02 || Math.abs(g - 0.11) <= 0.01)).toBe(true);
  });

  it('uses train/ and test/ folders as the split, and the first image’s size without an input shape', async () => {
    const dir = tmpDir();
    for (const split of ['train', 'test']) {
      write(dir, `${split}/a/1.png`, png(4, 3, RED));
      write(dir, `${split}/b/1.png`, png(4, 3, BLUE));
    }
    write(dir, 'train/a/2.png', png(4, 3, RED));
    const ds = await loadDataset('folder:.', { baseDir: dir });
    expect([ds.inputShape, ds.train.count, ds.test.count]).toEqual([[3, 4, 3], 3, 2]);
    // Two classes that happen to be called train and test, holding images directly, are just two classes.
    const named = tmpDir();
    for (let i = 0; i < 3; i++) write(named, `train/${i}.png`, png(2, 2, RED));
    for (let i = 0; i < 3; i++) write(named, `test/${i}.png`, png(2, 2, BLUE));
    const plain = await loadDataset('folder:.', { baseDir: named, testFraction: 0.34 });
    expect([plain.classNames, plain.train.count, plain.test.count]).toEqual([['test', 'train'], 4, 2]);
  });

  it('names the file of a corrupt image', async () => {
    const dir = imageFolder();
    write(dir, 'red/broken.png', Buffer.concat([png(4, 4, RED).subarray(0, 40)]));
    write(dir, 'blue/fake.jpg', 'plain text');
    const message = await failure('folder:.', dir, [2, 2, 3]);
    expect(message).toMatch(new RegExp(`^${path.join(dir, 'blue', 'fake.jpg')}: not a PNG or JPEG image`));
    fs.rmSync(path.join(dir, 'blue', 'fake.jpg'));
    expect(await failure('folder:.', dir, [2, 2, 3])).toMatch(new RegExp(`^${path.join(dir, 'red', 'broken.png')}: corrupt or unreadable image`));
  });

  it('rejects an empty folder, a single class, a class without images, loose images and a missing folder', async () => {
    const empty = tmpDir();
    expect(await failure('folder:.', empty)).toBe(`${empty}: empty folder; expected one sub-folder of PNG or JPEG images per class`);
    const one = tmpDir();
    write(one, 'cat/1.png', png(2, 2, RED));
    expect(await failure('folder:.', one)).toBe(`${one}: only one class folder ('cat'); a classifier needs at least two`);
    write(one, 'dog/readme.txt', 'no images here');
    expect(await failure('folder:.', one)).toBe(`${path.join(one, 'dog')}: class folder 'dog' has no PNG or JPEG images`);
    const loose = tmpDir();
    write(loose, '1.png', png(2, 2, RED));
    expect(await failure('folder:.', loose)).toMatch(/has 1 image\(s\) but no class sub-folders/);
    expect(await failure('folder:nowhere', loose)).toBe(`${path.join(loose, 'nowhere')}: folder not found`);
  });

  it('rejects input shapes images cannot take: a vector, or 2 channels', async () => {
    const dir = imageFolder();
    expect(await failure('folder:.', dir, [12])).toBe(`${dir}: holds images, but the graph's input shape is [12]; use an image shape [height, width, channels]`);
    expect(await failure('folder:.', dir, [4, 4, 2])).toMatch(/input \[4, 4, 2\] has 2 channels; images can be delivered with 1 \(grey\) or 3 \(RGB\) channels/);
  });
});
