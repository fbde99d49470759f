/**
 * Fuzzing the readers of user files and the webview's messages: truncated and bit-flipped PNG, JPEG, IDX (raw and
 * gzip), CSV text, safetensors, ONNX models, and every webview message type with wrong, hostile or oversized fields.
 * A reader may refuse (with its own error, naming the file) but nothing else may escape: a TypeError or RangeError
 * from inside a decoder counts as uncaught.
 */
import zlib from 'node:zlib';
import { PNG } from 'pngjs';
import jpeg from 'jpeg-js';
import { CheckpointError } from '../../engine/checkpoint/errors';
import { decodeSafetensors, encodeSafetensors } from '../../engine/checkpoint/safetensors';
import { parseCsv } from '../../engine/data/csvParse';
import { DataError } from '../../engine/data/errors';
import { decodeIdx } from '../../engine/data/idxFormat';
import { decodeImage } from '../../engine/data/imageDecode';
import { onnx } from '../../engine/export/onnx/proto';
import { OnnxImportError } from '../../engine/import/onnx/errors';
import { importOnnx } from '../../engine/import/onnx/importOnnx';
import { decodeWebviewMessage, MAX_WEBVIEW_MESSAGE_CHARS, parseWebviewMessage } from '../../extension/protocol';
import { CaseStats, Random } from './measure';

/** Runs `read`, letting only the reader's own refusal through. */
function refusalOnly(read: () => unknown, ...allowed: (new (...args: never[]) => Error)[]): void {
  try {
    read();
  } catch (err) {
    if (allowed.some((c) => err instanceof c)) return;
    throw err;
  }
}

function damage(bytes: Uint8Array, r: Random): Buffer {
  const out = Buffer.from(bytes);
  switch (r.int(4)) {
    case 0:
      return out.subarray(0, r.int(out.length + 1)); // truncated
    case 1:
      for (let k = 0; k < 1 + r.int(8); k++) out[r.int(out.length)] = r.int(256); // bytes flipped
      return out;
    case 2:
      return Buffer.concat([out, Buffer.from(Array.from({ length: r.int(64) }, () => r.int(256)))]); // junk appended
    default:
      return Buffer.from(Array.from({ length: r.int(256) }, () => r.int(256))); // bogus
  }
}

function samples(): { png: Buffer; jpg: Buffer; idx: Buffer; idxGz: Buffer; safetensors: Buffer } {
  const png = new PNG({ width: 5, height: 4 });
  png.data.fill(120);
  const rgba = Buffer.alloc(5 * 4 * 4, 200);
  const idx = Buffer.from([0, 0, 0x08, 3, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 3, ...Array(18).fill(7)]);
  return {
    png: PNG.sync.write(png),
    jpg: jpeg.encode({ data: rgba, width: 5, height: 4 }, 90).data,
    idx,
    idxGz: zlib.gzipSync(idx),
    safetensors: encodeSafetensors([{ name: 'a.weight', shape: [2, 3], data: new Float32Array(6) }], { format: 'wiregrad.weights/1', graph: 'g' }),
  };
}

const MESSAGE_TYPES = ['ready', 'open-as-text', 'intent', 'train', 'predict', 'log'];
const INTENT_KINDS = ['add-node', 'connect', 'disconnect', 'set-attribute', 'remove-attribute', 'set-label', 'move', 'delete', 'apply-fix', 'paste', 'set-training'];

function hostileValue(r: Random): unknown {
  return r.pick<() => unknown>([
    () => 10n,
    () => Symbol('s'),
    () => null,
    () => undefined,
    () => NaN,
    () => -1,
    () => 'x'.repeat(r.int(3) === 0 ? 100_000 : 5),
    () => Array(r.int(3) === 0 ? 2_000_000 : 3).fill(1),
    () => Object.fromEntries(Array.from({ length: r.int(3) === 0 ? 20_000 : 3 }, (_, i) => [`k${i}`, i])),
    () => Object.defineProperty({}, 'x', { get: () => { throw new Error('getter'); }, enumerable: true }),
    () => new Proxy({}, { get: () => { throw new Error('trap'); }, ownKeys: () => { throw new Error('trap'); } }),
    () => JSON.parse('{"__proto__": {"polluted": true}}'),
    () => ({ x: 1, y: 2 }),
  ])();
}

function webviewMessage(r: Random): unknown {
  const type = r.next() < 0.1 ? hostileValue(r) : r.pick(MESSAGE_TYPES);
  const intent: Record<string, unknown> = { kind: r.next() < 0.1 ? hostileValue(r) : r.pick(INTENT_KINDS) };
  for (const key of ['node', 'attribute', 'value', 'type', 'from', 'to', 'label', 'positions', 'nodes', 'edges', 'edits', 'key', 'position', 'after']) {
    if (r.next() < 0.4) intent[key] = hostileValue(r);
  }
  const message: Record<string, unknown> = { type, requestId: r.next() < 0.8 ? r.int(1000) : hostileValue(r), intent };
  for (const key of ['action', 'pixels', 'testIndex', 'level', 'message']) if (r.next() < 0.3) message[key] = hostileValue(r);
  return message;
}

export interface FileFuzzResult {
  readonly byReader: ReadonlyMap<string, CaseStats>;
}

export function fuzzFiles(perReader: number, seed: number, onnxModels: readonly Uint8Array[]): FileFuzzResult {
  const r = new Random(seed);
  const s = samples();
  const byReader = new Map<string, CaseStats>();
  const reader = (name: string, body: (i: number) => void) => {
    const stats = new CaseStats();
    for (let i = 0; i < perReader; i++) stats.run(`${name} case ${i}`, () => body(i));
    byReader.set(name, stats);
  };
  reader('PNG', () => refusalOnly(() => decodeImage(damage(s.png, r), 'x.png'), DataError));
  reader('JPEG', () => refusalOnly(() => decodeImage(damage(s.jpg, r), 'x.jpg'), DataError));
  reader('IDX', () => refusalOnly(() => decodeIdx(damage(s.idx, r), 'x.idx', 64 * 2 ** 20), DataError));
  reader('IDX gzip', () => refusalOnly(() => decodeIdx(damage(s.idxGz, r), 'x.idx.gz', 64 * 2 ** 20), DataError));
  reader('CSV', () => {
    const text = Array.from({ length: r.int(20) }, () => Array.from({ length: r.int(6) }, () => r.pick(['1', '2.5', '', '"a,b"', '"', 'x', '1e999', '\r', '﻿'])).join(r.pick([',', ';']))).join(r.pick(['\n', '\r\n']));
    refusalOnly(() => parseCsv(text, 'x.csv'), DataError);
  });
  reader('safetensors', () => refusalOnly(() => decodeSafetensors(damage(s.safetensors, r), 'x.safetensors'), CheckpointError));
  reader('webview message', () => {
    const result = parseWebviewMessage(webviewMessage(r));
    if (!result.ok && typeof result.reason !== 'string') throw new Error('a refusal without a reason');
  });
  // As the host receives them: JSON text (what JSON.stringify makes of the hostile message, BigInts dropped), cut
  // short or bit-flipped, through the size cap and JSON.parse to the same validator.
  reader('webview JSON', () => {
    let text: string;
    try {
      // Arrays cut to one past the validator's 10,000-item limit: still refused for their length, without making
      // every case a 4 MB text (the cap itself is tested below with texts one character over and just under it).
      const replacer = (_: string, v: unknown) => (typeof v === 'bigint' ? undefined : Array.isArray(v) && v.length > 10_001 ? v.slice(0, 10_001) : v);
      text = JSON.stringify(webviewMessage(r), replacer) ?? 'null';
      if (r.next() < 0.002) text = `{"type":"log","level":"info","message":"${'x'.repeat(MAX_WEBVIEW_MESSAGE_CHARS - 43 + r.int(3))}"}`;
    } catch {
      text = '{"type":"ready"';
    }
    const cut = r.next() < 0.3 ? text.slice(0, r.int(text.length + 1)) : text;
    const result = decodeWebviewMessage(r.next() < 0.2 ? new TextDecoder().decode(damage(new TextEncoder().encode(cut), r)) : cut);
    if (!result.ok && typeof result.reason !== 'string') throw new Error('a refusal without a reason');
  });
  if (onnxModels.length > 0) {
    reader('ONNX import', () => {
      const bytes = damage(r.pick(onnxModels), r);
      let model: onnx.ModelProto;
      try {
        model = onnx.ModelProto.decode(bytes);
      } catch {
        return; // protobuf refuses the bytes: readOnnxModel turns this into an OnnxImportError naming the file
      }
      refusalOnly(() => importOnnx(model, 'fuzz'), OnnxImportError);
    });
  }
  return { byReader };
}
