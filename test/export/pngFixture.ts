/**
 * A small PNG encoder for the fixtures that pngjs cannot write: palettes, bit depths 1–4, tRNS chunks and Adam7
 * interlacing. Each scanline takes the filter (row number mod 5), so a decoder meets None, Sub, Up, Average and Paeth
 * with every pixel size. Written from the PNG specification (https://www.w3.org/TR/png/), chunk by chunk.
 */
import zlib from 'node:zlib';

export interface PngSpec {
  readonly width: number;
  readonly height: number;
  /** 0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGBA. */
  readonly colour: 0 | 2 | 3 | 4 | 6;
  readonly depth: 1 | 2 | 4 | 8 | 16;
  /** Raw samples, row-major, channel after channel (palette: indices). */
  readonly samples: ArrayLike<number>;
  readonly palette?: readonly (readonly [number, number, number])[];
  /** The tRNS chunk's bytes: palette alphas, or the 16-bit colour key of a grey or RGB image. */
  readonly transparency?: Uint8Array;
  readonly interlace?: boolean;
}

const CHANNELS = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 } as const;
const ADAM7 = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]] as const;

function chunk(type: string, body: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), body])) >>> 0, 0);
  return Buffer.concat([head, body, crc]);
}

/** One row of samples packed into bytes: MSB first below 8 bits, big-endian at 16. */
function packRow(values: readonly number[], depth: number): Uint8Array {
  if (depth === 8) return Uint8Array.from(values);
  if (depth === 16) return Uint8Array.from(values.flatMap((v) => [v >> 8, v & 0xff]));
  const out = new Uint8Array(Math.ceil((values.length * depth) / 8));
  values.forEach((v, i) => {
    const bit = i * depth;
    out[bit >> 3] |= v << (8 - depth - (bit & 7));
  });
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Filters the rows of one (sub-)image, row r with filter r mod 5, each preceded by its filter byte. */
function filterRows(rows: readonly Uint8Array[], bpp: number): Buffer {
  const out: Buffer[] = [];
  let prior: Uint8Array = new Uint8Array(rows[0]?.length ?? 0);
  rows.forEach((row, r) => {
    const kind = r % 5;
    const line = new Uint8Array(row.length + 1);
    line[0] = kind;
    for (let i = 0; i < row.length; i++) {
      const left = i >= bpp ? row[i - bpp] : 0;
      const up = prior[i];
      const corner = i >= bpp ? prior[i - bpp] : 0;
      const predictor = [0, left, up, (left + up) >> 1, paeth(left, up, corner)][kind];
      line[i + 1] = (row[i] - predictor) & 0xff;
    }
    out.push(Buffer.from(line));
    prior = row;
  });
  return Buffer.concat(out);
}

export function encodePng(spec: PngSpec): Buffer {
  const channels = CHANNELS[spec.colour];
  const bpp = Math.max(1, (channels * spec.depth) / 8);
  const rowOf = (y: number, xs: readonly number[]) =>
    packRow(xs.flatMap((x) => Array.from({ length: channels }, (_, c) => spec.samples[(y * spec.width + x) * channels + c])), spec.depth);
  const range = (from: number, to: number, step: number) => Array.from({ length: Math.max(0, Math.ceil((to - from) / step)) }, (_, i) => from + i * step);
  const passes = spec.interlace ? ADAM7 : [[0, 0, 1, 1] as const];
  const data = Buffer.concat(
    passes.map(([x0, y0, dx, dy]) => {
      const xs = range(x0, spec.width, dx);
      if (xs.length === 0) return Buffer.alloc(0);
      return filterRows(range(y0, spec.height, dy).map((y) => rowOf(y, xs)), bpp);
    }),
  );
  const header = Buffer.alloc(13);
  header.writeUInt32BE(spec.width, 0);
  header.writeUInt32BE(spec.height, 4);
  header[8] = spec.depth;
  header[9] = spec.colour;
  header[12] = spec.interlace ? 1 : 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    ...(spec.palette ? [chunk('PLTE', Uint8Array.from(spec.palette.flat()))] : []),
    ...(spec.transparency ? [chunk('tRNS', spec.transparency)] : []),
    chunk('IDAT', zlib.deflateSync(data)),
    chunk('IEND', new Uint8Array(0)),
  ]);
}
