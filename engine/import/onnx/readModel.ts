/**
 * Reads an .onnx file with a size cap and decodes it, turning every failure into an OnnxImportError that names the
 * file: a missing file, a folder, a file over the cap, bytes that are not an ONNX protobuf.
 */
import fs from 'node:fs';
import { onnx } from '../../export/onnx/proto';
import { OnnxImportError } from './errors';

/** Protobuf cannot hold more than 2 GB; models beyond that keep their weights in external files, not supported here. */
export const MAX_ONNX_BYTES = 2 * 1024 * 1024 * 1024 - 1;

export function readOnnxModel(file: string, limit = MAX_ONNX_BYTES): onnx.ModelProto {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new OnnxImportError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code ?? String(err)}`);
  }
  if (stat.isDirectory()) throw new OnnxImportError(`cannot read ${file}: it is a folder`);
  if (!stat.isFile()) throw new OnnxImportError(`cannot read ${file}: not a regular file`);
  if (stat.size > limit) throw new OnnxImportError(`${file}: ${stat.size.toLocaleString('en-US')} bytes, over the ${limit.toLocaleString('en-US')}-byte limit of an ONNX file`);
  const bytes = fs.readFileSync(file);
  let model: onnx.ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (err) {
    throw new OnnxImportError(`${file}: not a valid ONNX model (the protobuf does not decode: ${(err as Error).message}); the file may be truncated or not ONNX`);
  }
  if (!model.graph || (model.graph.node ?? []).length === 0) throw new OnnxImportError(`${file}: not an ONNX model (no graph, or a graph without nodes)`);
  return model;
}
