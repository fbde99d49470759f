/**
 * The constant tensors of an ONNX graph: initializers and Constant nodes, as float32 or whole numbers. A Transpose of
 * a constant (PyTorch writes `Linear(bias=False)` as Transpose(W) · x) is folded here, since wiregrad has no such op.
 */
import { int, LITTLE_ENDIAN, onnx } from '../../export/onnx/proto';
import { Unsupported } from './errors';

export interface Constant {
  readonly dims: readonly number[];
  /** Float data as float32; whole-number data (INT64/INT32) as numbers. */
  readonly floats: Float32Array | null;
  readonly ints: readonly number[] | null;
}

const T = onnx.TensorProto.DataType;

export function decodeTensor(t: onnx.ITensorProto): Constant {
  const dims = (t.dims ?? []).map(int);
  if (dims.some((d) => !Number.isInteger(d) || d < 0)) throw new Unsupported(`tensor '${t.name}' has dims [${dims.join(', ')}]`);
  const count = dims.reduce((a, b) => a * b, 1);
  if (t.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL) throw new Unsupported(`tensor '${t.name}' keeps its data in an external file`);
  const raw = t.rawData && t.rawData.length > 0 ? Buffer.from(t.rawData.buffer, t.rawData.byteOffset, t.rawData.byteLength) : null;
  const wrongSize = (have: number) => new Unsupported(`tensor '${t.name}' holds ${have} values for dims [${dims.join(', ')}]`);
  switch (t.dataType) {
    case T.FLOAT: {
      // Sizes are checked against the bytes present before anything is allocated: dims are the file's word.
      const have = raw ? raw.length / 4 : (t.floatData ?? []).length;
      if (have !== count) throw wrongSize(have);
      const floats = new Float32Array(count);
      if (!raw) floats.set(t.floatData!);
      else if (LITTLE_ENDIAN) new Uint8Array(floats.buffer).set(raw);
      else for (let i = 0; i < count; i++) floats[i] = raw.readFloatLE(i * 4);
      return { dims, floats, ints: null };
    }
    case T.INT64: {
      if (raw) {
        if (raw.length !== count * 8) throw wrongSize(raw.length / 8);
        return { dims, floats: null, ints: Array.from({ length: count }, (_, i) => Number(raw.readBigInt64LE(i * 8))) };
      }
      return { dims, floats: null, ints: (t.int64Data ?? []).map(int) };
    }
    case T.INT32: {
      if (raw && raw.length !== count * 4) throw wrongSize(raw.length / 4);
      if (raw) return { dims, floats: null, ints: Array.from({ length: count }, (_, i) => raw.readInt32LE(i * 4)) };
      return { dims, floats: null, ints: [...(t.int32Data ?? [])] };
    }
    default:
      throw new Unsupported(`tensor '${t.name}' has data type ${T[t.dataType ?? 0] ?? t.dataType}; only FLOAT, INT64 and INT32 are read`);
  }
}

/** A 2-D constant transposed (the only Transpose of a constant that networks write). */
export function transpose2d(c: Constant): Constant {
  if (!c.floats || c.dims.length !== 2) throw new Unsupported('only a 2-D float constant can be transposed');
  const [r, k] = c.dims;
  const out = new Float32Array(r * k);
  for (let i = 0; i < r; i++) for (let j = 0; j < k; j++) out[j * r + i] = c.floats[i * k + j];
  return { dims: [k, r], floats: out, ints: null };
}
