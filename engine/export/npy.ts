/**
 * NumPy's .npy format, version 1.0 (https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html): the
 * magic "\x93NUMPY", the version, a little-endian uint16 header length, a Python-dict header padded with spaces to a
 * multiple of 64 bytes ending in "\n", then the values row-major little-endian. For exported data sets and batches.
 */
export function encodeNpy(data: Float32Array | Float64Array | Int32Array, shape: readonly number[]): Buffer {
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== data.length) throw new Error(`.npy: ${data.length} values for shape [${shape.join(', ')}]`);
  const descr = data instanceof Float32Array ? '<f4' : data instanceof Float64Array ? '<f8' : '<i4';
  const bytes = data instanceof Float64Array ? 8 : 4;
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const unpadded = 10 + header.length + 1;
  header += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const out = Buffer.alloc(10 + header.length + data.length * bytes);
  out.write('\x93NUMPY', 0, 'latin1');
  out[6] = 1;
  out[7] = 0;
  out.writeUInt16LE(header.length, 8);
  out.write(header, 10, 'latin1');
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  let at = 10 + header.length;
  if (data instanceof Float32Array) for (let i = 0; i < data.length; i++, at += 4) view.setFloat32(at, data[i], true);
  else if (data instanceof Float64Array) for (let i = 0; i < data.length; i++, at += 8) view.setFloat64(at, data[i], true);
  else for (let i = 0; i < data.length; i++, at += 4) view.setInt32(at, data[i], true);
  return out;
}

/** NHWC samples → NCHW (what PyTorch's convolutions read); vectors are returned as they are. */
export function toNchw<T extends Float32Array | Float64Array>(x: T, count: number, shape: readonly number[]): { data: T; shape: number[] } {
  if (shape.length !== 3) return { data: x, shape: [count, ...shape] };
  const [H, W, C] = shape;
  const out = new (x.constructor as new (n: number) => T)(x.length);
  const size = H * W * C;
  for (let n = 0; n < count; n++) {
    const base = n * size;
    for (let h = 0; h < H; h++) for (let w = 0; w < W; w++) for (let c = 0; c < C; c++) out[base + (c * H + h) * W + w] = x[base + (h * W + w) * C + c];
  }
  return { data: out, shape: [count, C, H, W] };
}
