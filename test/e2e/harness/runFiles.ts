/**
 * Reads what a training run leaves beside the graph: metrics as JSON lines and weights as safetensors (an 8-byte
 * little-endian header length, then a JSON header naming every tensor's dtype, shape and byte range).
 */
import fs from 'node:fs';
import path from 'node:path';

/** Files under `dir` (recursively) modified after `since` (ms), relative paths. */
export function filesWrittenSince(dir: string, since: number): string[] {
  const found: string[] = [];
  const walk = (d: string): void => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (fs.statSync(full).mtimeMs >= since) found.push(path.relative(dir, full));
    }
  };
  walk(dir);
  return found.sort();
}

export interface TensorInfo {
  dtype: string;
  shape: number[];
  data_offsets: [number, number];
}

export function readSafetensorsHeader(file: string): Record<string, TensorInfo> {
  const bytes = fs.readFileSync(file);
  const length = Number(bytes.readBigUInt64LE(0));
  const header = JSON.parse(bytes.subarray(8, 8 + length).toString('utf8')) as Record<string, TensorInfo>;
  delete header.__metadata__;
  for (const [name, t] of Object.entries(header)) {
    const bytesPer = t.dtype === 'F64' ? 8 : 4;
    const expected = t.shape.reduce((a, b) => a * b, 1) * bytesPer;
    if (t.data_offsets[1] - t.data_offsets[0] !== expected) throw new Error(`${file}: tensor ${name} holds ${t.data_offsets[1] - t.data_offsets[0]} bytes, its shape needs ${expected}`);
    if (8 + length + t.data_offsets[1] > bytes.length) throw new Error(`${file}: tensor ${name} runs past the end of the file`);
  }
  return header;
}

export function readJsonLines(file: string): Record<string, unknown>[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l, i) => {
      try {
        return JSON.parse(l) as Record<string, unknown>;
      } catch {
        throw new Error(`${file}: line ${i + 1} is not JSON: ${l.slice(0, 80)}`);
      }
    });
}
