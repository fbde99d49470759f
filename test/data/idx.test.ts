import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../engine/data/errors';
import { decodeIdx } from '../../engine/data/idxFormat';
import { loadDataset } from '../../engine/data/load';
import { idxBytes, tmpDir, write } from './helpers';

const dir = tmpDir();
// Ten 2×2 images: image n has pixels n·10, n·10 + 1, n·10 + 2, n·10 + 3 (bytes); label n mod 2.
const pixels = Array.from({ length: 40 }, (_, i) => Math.floor(i / 4) * 10 + (i % 4));
const labels = Array.from({ length: 10 }, (_, n) => n % 2);
write(dir, 'images.idx', idxBytes([10, 2, 2], pixels));
write(dir, 'labels.idx', idxBytes([10], labels));
write(dir, 'images.idx.gz', zlib.gzipSync(idxBytes([10, 2, 2], pixels)));
const load = (spec: string, inputShape?: number[]) => loadDataset(spec, { baseDir: dir, inputShape, seed: 2, testFraction: 0.2 });
const failure = async (spec: string, inputShape?: number[]) => {
  const err = await load(spec, inputShape).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(DataError);
  return (err as DataError).message;
};

describe('IDX format', () => {
  it('reads big-endian dimensions and values of other types', () => {
    const header = Buffer.from([0, 0, 0x0b, 1, 0, 0, 0, 2]);
    const data = Buffer.from([0xff, 0xfe, 0x01, 0x00]); // int16 BE: −2, 256
    const idx = decodeIdx(Buffer.concat([header, data]), 'x.idx');
    expect(idx.dims).toEqual([2]);
    expect(Array.from(idx.values)).toEqual([-2, 256]);
  });
});

describe("loadDataset('idx:…')", () => {
  it('loads images as [H, W, 1] scaled to 0..1, keeping each image with its label', async () => {
    for (const spec of ['idx:images.idx,labels.idx', 'idx:images.idx.gz, labels.idx']) {
      const ds = await load(spec);
      expect(ds.inputShape).toEqual([2, 2, 1]);
      expect([ds.train.count, ds.test.count, ds.numClasses]).toEqual([8, 2, 2]);
      for (const split of [ds.train, ds.test]) {
        for (let i = 0; i < split.count; i++) {
          const n = Math.round((split.x[i * 4] * 255) / 10);
          expect(Array.from(split.x.subarray(i * 4, i * 4 + 4))).toEqual([0, 1, 2, 3].map((k) => Math.fround((n * 10 + k) / 255)));
          expect(split.y[i]).toBe(n % 2);
        }
      }
    }
  });

  it('takes a separate test pair and delivers [4] for an MLP', async () => {
    write(dir, 'test-images.idx', idxBytes([2, 2, 2], [1, 2, 3, 4, 5, 6, 7, 8]));
    write(dir, 'test-labels.idx', idxBytes([2], [1, 0]));
    const ds = await load('idx:images.idx,labels.idx;test-images.idx,test-labels.idx', [4]);
    expect([ds.train.count, ds.test.count, ds.inputShape]).toEqual([10, 2, [4]]);
  });

  it('rejects a bad magic number and truncated data, naming the file', async () => {
    write(dir, 'bad.idx', Buffer.from([0x12, 0x34, 0x08, 0x03, 0, 0, 0, 0]));
    expect(await failure('idx:bad.idx,labels.idx')).toMatch(new RegExp(`^${path.join(dir, 'bad.idx')}: not an IDX file \\(bad magic number 12 34 08 03`));
    write(dir, 'short.idx', idxBytes([10, 2, 2], pixels).subarray(0, 30));
    expect(await failure('idx:short.idx,labels.idx')).toMatch(/short.idx: truncated IDX data: dimensions \[10, 2, 2\] need 56 bytes, the file has 30/);
    write(dir, 'garbage.idx.gz', Buffer.from([0x1f, 0x8b, 1, 2, 3]));
    expect(await failure('idx:garbage.idx.gz,labels.idx')).toMatch(/garbage.idx.gz: corrupt gzip data/);
  });

  it('rejects mismatched counts, out-of-range labels, a missing file and a wrong input shape', async () => {
    write(dir, 'nine.idx', idxBytes([9], labels.slice(0, 9)));
    expect(await failure('idx:images.idx,nine.idx')).toMatch(/nine.idx: 9 labels for the 10 images of/);
    write(dir, 'big.idx', idxBytes([10], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
    expect(await failure('idx:images.idx,big.idx?classes=5')).toMatch(/big.idx: label 5 of sample 5 is out of range \(0 to 4\)/);
    expect(await failure('idx:images.idx,missing.idx')).toBe(`${path.join(dir, 'missing.idx')}: file not found`);
    expect(await failure('idx:images.idx,labels.idx', [1, 1, 1])).toMatch(/images.idx: the data set's images are \[2, 2, 1\] but the graph's input is \[1, 1, 1\]/);
    expect(await failure('idx:images.idx')).toMatch(/idx wants IMAGES,LABELS/);
    write(dir, 'two-channel.idx', idxBytes([10, 1, 1, 2], pixels.slice(0, 20)));
    expect(await failure('idx:two-channel.idx,labels.idx')).toMatch(/two-channel.idx: images with 2 channels; 1 \(grey\) or 3 \(RGB\) are supported/);
  });
});
