/**
 * Thin constructors over onnx-proto's generated ModelProto classes (protobufjs), so the exporter reads as ONNX ops and
 * the importer as plain numbers. ONNX's 64-bit integers decode as Long objects; `int` turns them back into numbers.
 */
import { onnx } from 'onnx-proto';

export { onnx };

/** The IR version onnx-proto 8.0.1 (ONNX 1.10) defines; onnxruntime runs opset 17 models at this IR. */
export const IR_VERSION = 8;
export const OPSET = 17;

/** ONNX stores tensors little-endian: on such a machine a Float32Array's bytes are the file's bytes. */
export const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export type AttrValue = number | readonly number[] | string | { readonly float: number };

/** A 64-bit integer as protobufjs hands it back (a number, or a Long when it decodes one). */
export type Int64 = number | { toNumber(): number };

export function int(v: Int64 | null | undefined): number {
  if (v === null || v === undefined) return 0;
  return typeof v === 'number' ? v : v.toNumber();
}

/**
 * An attribute: whole numbers as INT(S), `{ float }` and non-integral numbers as FLOAT, strings as STRING.
 * Floats are spelled `{ float: 1 }` where the op wants a FLOAT that happens to be whole (LeakyRelu's alpha = 1).
 */
export function attribute(name: string, value: AttrValue): onnx.IAttributeProto {
  const T = onnx.AttributeProto.AttributeType;
  if (typeof value === 'string') return { name, type: T.STRING, s: Buffer.from(value, 'utf8') };
  if (typeof value === 'number') return Number.isInteger(value) ? { name, type: T.INT, i: value } : { name, type: T.FLOAT, f: value };
  if ('float' in value) return { name, type: T.FLOAT, f: value.float };
  return { name, type: T.INTS, ints: [...value] };
}

/** A float32 tensor, little-endian raw bytes (what PyTorch's exporter writes too). */
export function floatTensor(name: string, dims: readonly number[], data: ArrayLike<number>): onnx.ITensorProto {
  const bytes = LITTLE_ENDIAN ? Buffer.from(Float32Array.from(data).buffer) : Buffer.alloc(data.length * 4);
  if (!LITTLE_ENDIAN) for (let i = 0; i < data.length; i++) bytes.writeFloatLE(data[i], i * 4);
  return { name, dims: [...dims], dataType: onnx.TensorProto.DataType.FLOAT, rawData: bytes };
}

export function int64Tensor(name: string, values: readonly number[]): onnx.ITensorProto {
  const bytes = Buffer.alloc(values.length * 8);
  values.forEach((v, i) => bytes.writeBigInt64LE(BigInt(v), i * 8));
  return { name, dims: [values.length], dataType: onnx.TensorProto.DataType.INT64, rawData: bytes };
}

/** A float32 tensor value with a symbolic batch dimension "N" first. */
export function batchedValue(name: string, shape: readonly number[]): onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.FLOAT,
        shape: { dim: [{ dimParam: 'N' }, ...shape.map((d) => ({ dimValue: d }))] },
      },
    },
  };
}
