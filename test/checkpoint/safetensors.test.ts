import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeSafetensors, encodeSafetensors } from '../../engine/checkpoint/safetensors';

/** An independent reading of the spec: u64 LE header length, JSON header, raw little-endian data. */
function parseBySpec(bytes: Buffer) {
  const n = Number(bytes.readBigUInt64LE(0));
  const header = JSON.parse(bytes.subarray(8, 8 + n).toString('utf8'));
  const dataStart = 8 + n;
  const tensors: Record<string, number[]> = {};
  for (const [name, entry] of Object.entries<any>(header)) {
    if (name === '__metadata__') continue;
    const [begin, end] = entry.data_offsets;
    const values: number[] = [];
    for (let at = dataStart + begin; at < dataStart + end; at += 4) values.push(bytes.readFloatLE(at));
    tensors[name] = values;
  }
  return { n, header, dataStart, tensors };
}

describe('safetensors writer', () => {
  it('writes the exact bytes the spec describes', () => {
    const bytes = encodeSafetensors([{ name: 'a', shape: [2], data: Float32Array.from([1, -2]) }]);
    const json = '{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}';
    // 8 + 54 = 62 bytes → two spaces pad the data start to 64 (8-byte aligned)
    expect(json.length).toBe(54);
    expect(bytes.readBigUInt64LE(0)).toBe(56n);
    expect(bytes.subarray(8, 64).toString('utf8')).toBe(json + '  ');
    // 1.0f = 0x3F800000, −2.0f = 0xC0000000, little-endian
    expect([...bytes.subarray(64)]).toEqual([0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x00, 0xc0]);
    expect(bytes.length).toBe(72);
  });

  it('lays out several tensors contiguously with __metadata__ strings', () => {
    const w = Float32Array.from({ length: 24 }, (_, i) => i / 8 - 1);
    const b = Float32Array.from([0.5, 0.25, -0.125]);
    const bytes = encodeSafetensors(
      [
        { name: 'conv1.weight', shape: [2, 2, 2, 3], data: w },
        { name: 'conv1.bias', shape: [3], data: b },
      ],
      { format: 'test', classNames: '["a","b"]' },
    );
    const { header, dataStart, tensors } = parseBySpec(bytes);
    expect(dataStart % 8).toBe(0);
    expect(header.__metadata__).toEqual({ format: 'test', classNames: '["a","b"]' });
    expect(header['conv1.weight']).toEqual({ dtype: 'F32', shape: [2, 2, 2, 3], data_offsets: [0, 96] });
    expect(header['conv1.bias']).toEqual({ dtype: 'F32', shape: [3], data_offsets: [96, 108] });
    expect(bytes.length).toBe(dataStart + 108);
    expect(tensors['conv1.weight']).toEqual(Array.from(w));
    expect(tensors['conv1.bias']).toEqual([0.5, 0.25, -0.125]);
  });

  it('reads back what it writes, float64 values rounded to float32', () => {
    const data = Float64Array.from([Math.PI, -1e-3, 7]);
    const file = decodeSafetensors(encodeSafetensors([{ name: 'x', shape: [3, 1], data }], { k: 'v' }), 'x.safetensors');
    expect(file.metadata).toEqual({ k: 'v' });
    expect(file.tensors.get('x')!.shape).toEqual([3, 1]);
    expect(Array.from(file.tensors.get('x')!.data)).toEqual(Array.from(Float32Array.from(data)));
  });
});

describe('safetensors reader', () => {
  const good = encodeSafetensors([{ name: 'd.weight', shape: [4], data: Float32Array.from([1, 2, 3, 4]) }]);

  it('names the file and says it is truncated', () => {
    expect(() => decodeSafetensors(good.subarray(0, good.length - 3), 'm.safetensors')).toThrow(/m\.safetensors.*truncated/);
    expect(() => decodeSafetensors(good.subarray(0, 20), 'm.safetensors')).toThrow(/m\.safetensors.*truncated/);
    expect(() => decodeSafetensors(good.subarray(0, 5), 'm.safetensors')).toThrow(/m\.safetensors.*too short/);
  });

  it('rejects a corrupt header, a foreign dtype and trailing bytes', () => {
    const corrupt = Buffer.from(good);
    corrupt[8] = 0x5b; // '{' → '['
    expect(() => decodeSafetensors(corrupt, 'c.safetensors')).toThrow(/c\.safetensors/);
    const header = '{"t":{"dtype":"F16","shape":[1],"data_offsets":[0,2]}}';
    const f16 = Buffer.alloc(8 + header.length + 2);
    f16.writeBigUInt64LE(BigInt(header.length));
    f16.write(header, 8);
    expect(() => decodeSafetensors(f16, 'h.safetensors')).toThrow(/'t'.*F16/);
    expect(() => decodeSafetensors(Buffer.concat([good, Buffer.alloc(4)]), 'g.safetensors')).toThrow(/4 bytes after/);
  });

  it('round-trips through a real file', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wg-st-')), 'w.safetensors');
    fs.writeFileSync(file, good);
    expect(Array.from(decodeSafetensors(fs.readFileSync(file), file).tensors.get('d.weight')!.data)).toEqual([1, 2, 3, 4]);
  });
});
