/**
 * The safetensors format (https://github.com/huggingface/safetensors), float32 (and int64 for writing PyTorch's
 * batchnorm counters in exports):
 *   8 bytes  N, the header length, unsigned little-endian 64-bit
 *   N bytes  JSON header: { "<tensor>": { "dtype": "F32", "shape": [...], "data_offsets": [begin, end] }, …,
 *            "__metadata__": { "<key>": "<string>" } }, padded with spaces so the data starts 8-byte aligned
 *   …        the tensors' bytes, little-endian, row-major; offsets are relative to the data start, in header order,
 *            with no gaps (the reference reader rejects holes)
 * Files written here are readable by `safetensors.torch.load_file`.
 */
import { CheckpointError } from './errors';

export interface NamedTensor {
  readonly name: string;
  readonly shape: readonly number[];
  /** F32 values; a BigInt64Array is written as I64 (PyTorch's batchnorm counter `num_batches_tracked`). */
  readonly data: Float32Array | Float64Array | BigInt64Array;
}

export interface SafetensorsFile {
  readonly tensors: ReadonlyMap<string, { readonly shape: readonly number[]; readonly data: Float32Array }>;
  readonly metadata: Readonly<Record<string, string>>;
}

const METADATA_KEY = '__metadata__';
/** Guards against a corrupt length word asking for gigabytes (the reference reader caps headers at 100 MB). */
const MAX_HEADER_BYTES = 100_000_000;

export function encodeSafetensors(tensors: readonly NamedTensor[], metadata: Readonly<Record<string, string>> = {}): Buffer {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header[METADATA_KEY] = metadata;
  let offset = 0;
  for (const t of tensors) {
    if (t.name === METADATA_KEY || t.name in header) throw new Error(`duplicate or reserved tensor name '${t.name}'`);
    const count = t.shape.reduce((a, b) => a * b, 1);
    if (count !== t.data.length) throw new Error(`tensor '${t.name}' has ${t.data.length} values for shape [${t.shape.join(', ')}]`);
    const bytes = t.data instanceof BigInt64Array ? 8 : 4;
    header[t.name] = { dtype: bytes === 8 ? 'I64' : 'F32', shape: [...t.shape], data_offsets: [offset, offset + count * bytes] };
    offset += count * bytes;
  }
  let json = JSON.stringify(header);
  const unpadded = Buffer.byteLength(json, 'utf8');
  json += ' '.repeat((8 - ((8 + unpadded) % 8)) % 8);
  const headerBytes = Buffer.from(json, 'utf8');
  const out = Buffer.alloc(8 + headerBytes.length + offset);
  out.writeBigUInt64LE(BigInt(headerBytes.length), 0);
  headerBytes.copy(out, 8);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  let at = 8 + headerBytes.length;
  for (const t of tensors) {
    const data = t.data;
    if (data instanceof BigInt64Array) {
      for (let i = 0; i < data.length; i++, at += 8) view.setBigInt64(at, data[i], true);
    } else {
      for (let i = 0; i < data.length; i++, at += 4) view.setFloat32(at, data[i], true);
    }
  }
  return out;
}

/** Parses and checks a whole file; every problem is a CheckpointError naming `fileName`. */
export function decodeSafetensors(bytes: Uint8Array, fileName: string): SafetensorsFile {
  const fail = (why: string): never => {
    throw new CheckpointError(`${fileName}: not a valid safetensors file (${why})`);
  };
  if (bytes.length < 8) fail(`${bytes.length} bytes, too short for the header length`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = Number(view.getBigUint64(0, true));
  if (headerLength > MAX_HEADER_BYTES || 8 + headerLength > bytes.length) {
    fail(`header length ${headerLength} exceeds the file size ${bytes.length}; the file may be truncated`);
  }
  const headerText = Buffer.from(bytes.buffer, bytes.byteOffset + 8, headerLength).toString('utf8');
  let header: unknown;
  try {
    header = JSON.parse(headerText);
  } catch {
    fail('the header is not JSON');
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) fail('the header is not a JSON object');
  const dataStart = 8 + headerLength;
  const dataLength = bytes.length - dataStart;
  const metadata: Record<string, string> = {};
  const entries: { name: string; shape: number[]; begin: number; end: number }[] = [];
  for (const [name, raw] of Object.entries(header as Record<string, unknown>)) {
    if (name === METADATA_KEY) {
      if (typeof raw !== 'object' || raw === null) fail('__metadata__ is not an object');
      for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
        if (typeof v !== 'string') fail(`__metadata__.${k} is not a string`);
        metadata[k] = v as string;
      }
      continue;
    }
    const entry = raw as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (entry?.dtype !== 'F32') fail(`tensor '${name}' has dtype ${JSON.stringify(entry?.dtype)}; only F32 is supported`);
    const shape = entry.shape;
    const offsets = entry.data_offsets;
    if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) fail(`tensor '${name}' has a bad shape`);
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((d) => Number.isInteger(d) && d >= 0)) {
      fail(`tensor '${name}' has bad data_offsets`);
    }
    const [begin, end] = offsets as number[];
    const count = (shape as number[]).reduce((a, b) => a * b, 1);
    if (end - begin !== count * 4) fail(`tensor '${name}' spans ${end - begin} bytes but its shape needs ${count * 4}`);
    if (end > dataLength) fail(`tensor '${name}' ends at byte ${end} of ${dataLength}; the file is truncated`);
    entries.push({ name, shape: shape as number[], begin, end });
  }
  // The spec requires the tensors to tile the data section exactly.
  const sorted = [...entries].sort((a, b) => a.begin - b.begin);
  let expected = 0;
  for (const e of sorted) {
    if (e.begin !== expected) fail(`tensor '${e.name}' starts at byte ${e.begin}, expected ${expected}`);
    expected = e.end;
  }
  if (expected !== dataLength) fail(`${dataLength - expected} bytes after the last tensor`);
  const tensors = new Map<string, { shape: readonly number[]; data: Float32Array }>();
  for (const e of entries) {
    const data = new Float32Array((e.end - e.begin) / 4);
    for (let i = 0; i < data.length; i++) data[i] = view.getFloat32(dataStart + e.begin + i * 4, true);
    tensors.set(e.name, { shape: e.shape, data });
  }
  return { tensors, metadata };
}
