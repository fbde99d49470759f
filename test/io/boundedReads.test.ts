/**
 * Every read of a user-supplied file is bounded: a weights file is read only up to what the graph's tensors need
 * (plus a header allowance), a gzip bomb posing as an IDX file stops at the size its header declares, and a file
 * whose size already says it is too large is refused before a byte is read.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodeSafetensors } from '../../engine/checkpoint/safetensors';
import { readTrainingState } from '../../engine/checkpoint/training-state';
import { readWeights, WEIGHTS_HEADER_CAP } from '../../engine/checkpoint/weights';
import { decodeIdx } from '../../engine/data/idxFormat';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'wg-bounded-'));

describe('bounded reads', () => {
  it('refuses a weights file larger than the graph could need, from its size, without reading it', () => {
    const file = path.join(tmp(), 'w.safetensors');
    fs.writeFileSync(file, encodeSafetensors([{ name: 'out.bias', shape: [2], data: new Float32Array(2) }], { format: 'wiregrad.weights/1' }));
    expect(readWeights(file, 2).tensors.get('out.bias')!.shape).toEqual([2]);
    // A 3 GB sparse file: a whole read would take gigabytes of memory.
    fs.truncateSync(file, 3 * 1024 ** 3);
    const t0 = performance.now();
    expect(() => readWeights(file, 2)).toThrow(new RegExp(`${file}: 3221225472 bytes, more than the 16777232 bytes the graph's 2 weights can take \\(4 bytes each plus 16 MB of header\\)`));
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(WEIGHTS_HEADER_CAP).toBe(16 * 1024 * 1024);
  });

  it('caps the training state at three slots per weight plus the header', () => {
    const file = path.join(tmp(), 'w.ckpt.safetensors');
    fs.writeFileSync(file, Buffer.alloc(100 * 1024 * 1024));
    expect(() => readTrainingState(file, 10)).toThrow(/more than the \d+ bytes the graph's 10 weights can take/);
  });

  it('stops a gzip bomb at the size its IDX header declares', () => {
    // Header: uint8, 1 dimension of 10 values; then 200 MB of zeros that compress to about 200 kB.
    const header = Buffer.from([0, 0, 0x08, 1, 0, 0, 0, 10]);
    const bomb = zlib.gzipSync(Buffer.concat([header, Buffer.alloc(200 * 1024 * 1024)]));
    const before = process.memoryUsage().arrayBuffers;
    expect(() => decodeIdx(bomb, 'bomb.idx.gz')).toThrow(/bomb\.idx\.gz: the gzip data holds more than the 18 bytes its IDX header \[10\] declares/);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(50 * 1024 * 1024);
  });

  it('refuses a gzipped IDX header that declares more than the memory budget', () => {
    const header = Buffer.from([0, 0, 0x08, 2, 0, 1, 0, 0, 0, 1, 0, 0]); // 65536 × 65536 bytes = 4 GB
    expect(() => decodeIdx(zlib.gzipSync(header), 'huge.idx.gz', 1024 * 1024 * 1024)).toThrow(/huge\.idx\.gz: the IDX header declares \[65536, 65536\]: 4294967308 bytes, over the memory budget of 1073741824 bytes/);
  });

  it('still reads a well-formed gzipped IDX file', () => {
    const raw = Buffer.from([0, 0, 0x08, 1, 0, 0, 0, 3, 7, 8, 9]);
    expect(Array.from(decodeIdx(zlib.gzipSync(raw), 'ok.gz').values)).toEqual([7, 8, 9]);
  });
});
