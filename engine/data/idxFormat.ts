/**
 * Reads IDX files, the format MNIST and Fashion-MNIST ship in: two zero bytes, a type byte (0x08 uint8, 0x09 int8,
 * 0x0B int16, 0x0C int32, 0x0D float32, 0x0E float64), the number of dimensions, each dimension as a big-endian
 * uint32, then the values big-endian, row-major. Gzipped files (.gz, as distributed) are unpacked first.
 */
import zlib from 'node:zlib';
import { DataError } from './errors';

export interface IdxArray {
  readonly dims: number[];
  /** The values; uint8 files keep their bytes (pixels 0..255). */
  readonly values: Uint8Array | Float64Array;
  readonly type: number;
}

const TYPE_SIZES: ReadonlyMap<number, number> = new Map([
  [0x08, 1],
  [0x09, 1],
  [0x0b, 2],
  [0x0c, 4],
  [0x0d, 4],
  [0x0e, 8],
]);

/** The largest IDX header: 4 bytes + 255 dimensions of 4 bytes. */
const MAX_HEADER_BYTES = 4 + 4 * 255;

/**
 * Unpacks gzip with an output limit computed from the IDX header (a 9 MB gzip bomb grew past 3.5 GB unbounded): the
 * header is first unpacked from the start of the stream alone, then the whole stream with `maxOutputLength` set to
 * the size the header declares, which must also fit the memory budget.
 */
function gunzipIfNeeded(bytes: Buffer, file: string, maxBytes: number): Buffer {
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const corrupt = (err: unknown) => new DataError(`${file}: corrupt gzip data (${err instanceof Error ? err.message : String(err)})`);
  let head: Buffer;
  try {
    // Z_SYNC_FLUSH: give what the first bytes unpack to without requiring the end of the stream. Deflate expands at
    // most ~1032:1, so 1 kB of input is at most about 1 MB of output.
    head = zlib.gunzipSync(bytes.subarray(0, 1024), { finishFlush: zlib.constants.Z_SYNC_FLUSH });
  } catch (err) {
    throw corrupt(err);
  }
  const declared = idxHeader(head.subarray(0, MAX_HEADER_BYTES), file);
  if (declared.expected > maxBytes) {
    throw new DataError(`${file}: the IDX header declares [${declared.dims.join(', ')}]: ${declared.expected} bytes, over the memory budget of ${maxBytes} bytes`);
  }
  try {
    return zlib.gunzipSync(bytes, { maxOutputLength: Math.max(1, declared.expected) });
  } catch (err) {
    if (err instanceof RangeError || (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new DataError(`${file}: the gzip data holds more than the ${declared.expected} bytes its IDX header [${declared.dims.join(', ')}] declares`);
    }
    throw corrupt(err);
  }
}

/** The header's type, dimensions and the total size they declare; a DataError when it is not IDX. */
function idxHeader(bytes: Buffer, file: string): { type: number; dims: number[]; headerBytes: number; expected: number } {
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0 || !TYPE_SIZES.has(bytes[2])) {
    const magic = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new DataError(`${file}: not an IDX file (bad magic number ${magic || '(empty file)'}; expected 00 00, a type byte 08/09/0b/0c/0d/0e and a dimension count)`);
  }
  const type = bytes[2];
  const ndims = bytes[3];
  if (ndims === 0) throw new DataError(`${file}: IDX header declares no dimensions`);
  const headerBytes = 4 + 4 * ndims;
  if (bytes.length < headerBytes) throw new DataError(`${file}: truncated IDX header (${bytes.length} bytes, needs ${headerBytes})`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims = Array.from({ length: ndims }, (_, i) => view.getUint32(4 + 4 * i, false));
  const count = dims.reduce((a, b) => a * b, 1);
  return { type, dims, headerBytes, expected: headerBytes + count * TYPE_SIZES.get(type)! };
}

/** Decodes an IDX file (gunzipped first when it is gzip); `maxBytes` bounds what a gzipped file may unpack to. */
export function decodeIdx(raw: Buffer, file: string, maxBytes = 2 ** 31 - 1): IdxArray {
  const bytes = gunzipIfNeeded(raw, file, maxBytes);
  const { type, dims, headerBytes, expected } = idxHeader(bytes, file);
  const count = dims.reduce((a, b) => a * b, 1);
  const size = TYPE_SIZES.get(type)!;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < expected) {
    throw new DataError(`${file}: truncated IDX data: dimensions [${dims.join(', ')}] need ${expected} bytes, the file has ${bytes.length}`);
  }
  if (type === 0x08) return { dims, type, values: bytes.subarray(headerBytes, expected) };
  const values = new Float64Array(count);
  for (let i = 0, o = headerBytes; i < count; i++, o += size) {
    values[i] =
      type === 0x09 ? view.getInt8(o)
      : type === 0x0b ? view.getInt16(o, false)
      : type === 0x0c ? view.getInt32(o, false)
      : type === 0x0d ? view.getFloat32(o, false)
      : view.getFloat64(o, false);
  }
  return { dims, type, values };
}
