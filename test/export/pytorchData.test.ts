/**
 * train.py reads the user's data sets itself (wiregrad_data.py) and must see what wiregrad's trainer sees: for a
 * folder of PNG images (every colour type and bit depth, palettes, tRNS, interlacing, every filter, resized up and
 * down, RGB and grey), two CSV tables (quoted text classes, a header, CRLF, a BOM; a regression) and IDX files
 * (gzipped, two pairs, centred on a larger RGB canvas), the train, validation and test tensors train.py prepares
 * (NCHW, normalised with the training split's statistics) equal wiregrad's loader + prepareTrainingData bit for bit,
 * with the same labels, class names and normalisation statistics.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../engine/data/load';
import { exportPytorch } from '../../engine/export/pytorch/exportPytorch';
import { toNchw } from '../../engine/export/npy';
import { Rng } from '../../engine/random/rng';
import { prepareTrainingData } from '../../engine/train/prepare';
import { firstDifference } from '../data/helpers';
import { graphJsonChain } from '../helpers/graphs';
import { encodePng } from './pngFixture';
import { torchPython, torchStatus } from './torch';

let dir = '';
const rng = new Rng(99);
const bytes = (n: number, max = 256) => Array.from({ length: n }, () => rng.int(max));

function write(name: string, content: string | Uint8Array): void {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

function pngjsImage(width: number, height: number, options: { colorType: 0 | 2 | 4 | 6; bitDepth: 8 | 16 }): Buffer {
  const png = new PNG({ width, height });
  png.data = Buffer.from(bytes(width * height * 4));
  return PNG.sync.write(png, { ...options, inputHasAlpha: true });
}

function idx(type: number, dims: number[], values: readonly number[]): Buffer {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header[2] = type;
  header[3] = dims.length;
  dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([header, Buffer.from(values)]);
}

function writeFixtures(): void {
  // Class folders sort by UTF-16 code units: Zebra, a_cat, b_dog. Hidden folders and non-images are skipped.
  write('images/a_cat/1.png', encodePng({ width: 20, height: 17, colour: 2, depth: 8, samples: bytes(20 * 17 * 3) }));
  write('images/a_cat/2.png', pngjsImage(5, 7, { colorType: 6, bitDepth: 8 }));
  write('images/a_cat/3.png', encodePng({ width: 9, height: 11, colour: 0, depth: 16, samples: bytes(99, 65536), interlace: true }));
  write('images/a_cat/4.png', pngjsImage(13, 9, { colorType: 0, bitDepth: 16 }));
  write('images/a_cat/notes.txt', 'not an image');
  write('images/b_dog/1.png', encodePng({ width: 13, height: 6, colour: 3, depth: 2, samples: bytes(78, 4), palette: [[255, 0, 0], [0, 128, 255], [7, 8, 9], [200, 200, 10]], transparency: Uint8Array.from([0, 128]) }));
  write('images/b_dog/2.png', encodePng({ width: 10, height: 12, colour: 0, depth: 4, samples: bytes(120, 16), transparency: Uint8Array.from([0, 5]) }));
  write('images/b_dog/3.png', encodePng({ width: 16, height: 16, colour: 4, depth: 8, samples: bytes(512), interlace: true }));
  write('images/b_dog/4.png', encodePng({ width: 3, height: 2, colour: 0, depth: 1, samples: bytes(6, 2) }));
  write('images/Zebra/1.png', encodePng({ width: 24, height: 20, colour: 2, depth: 16, samples: Array.from({ length: 1440 }, (_, i) => (Math.floor(i / 3) % 5 === 0 ? 1000 : rng.int(65536))), transparency: Uint8Array.from([3, 232, 3, 232, 3, 232]) }));
  write('images/Zebra/2.png', encodePng({ width: 10, height: 12, colour: 2, depth: 8, samples: bytes(360), interlace: true }));
  write('images/Zebra/3.png', encodePng({ width: 31, height: 29, colour: 6, depth: 16, samples: bytes(31 * 29 * 4, 65536) }));
  write('images/.thumbnails/x.png', pngjsImage(4, 4, { colorType: 2, bitDepth: 8 }));

  write(
    'iris.csv',
    '\ufeffsepal,"species",petal,width\r\n' +
      ['1.5,"setosa",0.2,3', '4.75,"versi, color",1e-3,.5', '0x10,virginica,-2.25,7', '', '6.1,setosa,2,1', '5,"versi, color",3.5,2', '2,virginica,1,1', '3,setosa,0.5,9', '7,virginica,4,4', '8,"versi, color",1,1', '9,setosa,2,2']
        .join('\r\n') + '\r\n',
  );
  write('curve.csv', Array.from({ length: 23 }, (_, i) => `${(i * 0.37 - 4).toFixed(3)};${Math.sin(i)};${i % 5}`).join('\n'));

  const count = 30;
  write('idx/train-images.gz', zlib.gzipSync(idx(0x08, [count, 6, 5], bytes(count * 30))));
  write('idx/train-labels.gz', zlib.gzipSync(idx(0x08, [count], Array.from({ length: count }, (_, i) => i % 3))));
  write('idx/test-images', idx(0x08, [9, 6, 5], bytes(9 * 30)));
  write('idx/test-labels', idx(0x08, [9], [0, 1, 2, 2, 1, 0, 0, 1, 2]));
}

interface Case {
  readonly name: string;
  readonly shape: number[];
  readonly dataset: string;
  readonly outputs: number;
  readonly loss?: string;
}

const CASES: readonly Case[] = [
  { name: 'folder-rgb', shape: [12, 10, 3], dataset: 'folder:images', outputs: 3 },
  { name: 'folder-grey', shape: [8, 9, 1], dataset: 'folder:images?train=8', outputs: 3 },
  { name: 'csv-classes', shape: [3], dataset: 'csv:iris.csv?label=species', outputs: 3 },
  { name: 'csv-regression', shape: [2], dataset: 'csv:curve.csv?sep=;&label=0&task=regression', outputs: 1, loss: 'mse' },
  { name: 'idx-canvas', shape: [8, 7, 3], dataset: 'idx:idx/train-images.gz,idx/train-labels.gz;idx/test-images,idx/test-labels', outputs: 3 },
  { name: 'idx-split', shape: [30], dataset: 'idx:idx/train-images.gz,idx/train-labels.gz', outputs: 3 },
];
const TRAINING = { seed: 7, validationSplit: 0.25, normalize: true, batchSize: 4, epochs: 1 };

/** A .npy file as its shape and values (little-endian float32, int32 or int64 as float64, C order). */
function readNpy(file: string): { shape: number[]; values: Float32Array | Float64Array | Int32Array } {
  const data = fs.readFileSync(file);
  const headerLength = data.readUInt16LE(8);
  const header = data.subarray(10, 10 + headerLength).toString('latin1');
  const descr = /'descr': '([^']+)'/.exec(header)![1];
  const shape = /'shape': \(([^)]*)\)/.exec(header)![1].split(',').filter((d) => d.trim()).map(Number);
  const body = data.subarray(10 + headerLength);
  const copy = new Uint8Array(body).buffer;
  if (descr === '<f4') return { shape, values: new Float32Array(copy) };
  if (descr === '<i4') return { shape, values: new Int32Array(copy) };
  if (descr === '<i8') return { shape, values: Float64Array.from(new BigInt64Array(copy), Number) };
  throw new Error(`${file}: unexpected dtype ${descr}`);
}

const PYTHON_DUMP = `
import importlib, json, pathlib, sys
for folder in sys.argv[1:]:
    folder = pathlib.Path(folder)
    for module in ("train", "model", "wiregrad_data"):
        sys.modules.pop(module, None)
    sys.path.insert(0, str(folder))
    train = importlib.import_module("train")
    info, arrays = train.read_data(None)
    splits, normalization = train.prepare(arrays)
    sys.path.pop(0)
    out = folder / "dump"
    out.mkdir(exist_ok=True)
    for name, (x, y) in splits.items():
        train.np.save(out / f"{name}_x.npy", x)
        train.np.save(out / f"{name}_y.npy", y)
    (out / "meta.json").write_text(json.dumps({"info": info, "normalization": normalization}))
`;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiregrad-pytorch-data-'));
  writeFixtures();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('PyTorch export: the user\'s data sets', () => {
  it('exports train.py with wiregrad_data.py and no copy of the data', async () => {
    const graphFile = path.join(dir, 'files-only.nn.json');
    const graph = graphJsonChain('files-only', [{ id: 'input', type: 'input', shape: [12, 10, 3] }, { id: 'out', type: 'dense', units: 3 }], { ...TRAINING, dataset: 'folder:images' });
    fs.writeFileSync(graphFile, JSON.stringify(graph));
    const result = await exportPytorch({ graphFile });
    expect(result.files).toContain('wiregrad_data.py');
    expect(result.files.filter((f) => f.startsWith('data/'))).toEqual([]);
    const train = fs.readFileSync(path.join(result.outDir, 'train.py'), 'utf8');
    expect(train).toContain('DATA_SOURCE = {"graphFolder": "..", "inputShape": (12, 10, 3)}');
  });
});

describe.skipIf(!torchPython)(`train.py reads the user's data sets as wiregrad does ${torchStatus}`, () => {
  it('folder, CSV and IDX: the same train, validation and test tensors, labels and statistics, to the bit', async () => {
    const expected = new Map<string, Awaited<ReturnType<typeof wiregradView>>>();
    const folders: string[] = [];
    for (const c of CASES) {
      const graphFile = path.join(dir, `${c.name}.nn.json`);
      const graph = graphJsonChain(c.name, [{ id: 'input', type: 'input', shape: c.shape }, { id: 'out', type: 'dense', units: c.outputs }], {
        ...TRAINING,
        dataset: c.dataset,
        ...(c.loss ? { loss: c.loss } : {}),
      });
      fs.writeFileSync(graphFile, JSON.stringify(graph));
      const result = await exportPytorch({ graphFile });
      folders.push(result.outDir);
      expected.set(result.outDir, await wiregradView(c));
    }
    const run = spawnSync(torchPython!, ['-c', PYTHON_DUMP, ...folders], { encoding: 'utf8', timeout: 300_000 });
    expect(run.status, run.stderr.slice(-3000)).toBe(0);
    for (const folder of folders) {
      const want = expected.get(folder)!;
      const meta = JSON.parse(fs.readFileSync(path.join(folder, 'dump', 'meta.json'), 'utf8'));
      const label = path.basename(folder);
      expect(meta.info, label).toEqual(want.info);
      expect(meta.normalization, label).toEqual(want.normalization);
      for (const [split, x, y, shape] of want.splits) {
        const gotX = readNpy(path.join(folder, 'dump', `${split}_x.npy`));
        const gotY = readNpy(path.join(folder, 'dump', `${split}_y.npy`));
        expect(gotX.shape, `${label} ${split} x shape`).toEqual(shape);
        expect(firstDifference(gotX.values, x), `${label} ${split} x: first differing value`).toBe(-1);
        expect(firstDifference(gotY.values, y), `${label} ${split} y: first differing value`).toBe(-1);
      }
    }
    const folderRgb = expected.get(folders[0])!;
    expect(folderRgb.info.classNames).toEqual(['Zebra', 'a_cat', 'b_dog']);
    expect(folderRgb.splits.map(([, , y]) => y.length)).toEqual([7, 2, 2]);
  }, 300_000);
});

/** What wiregrad's trainer trains on: loadDataset → prepareTrainingData, inputs laid out NCHW as PyTorch reads them. */
async function wiregradView(c: Case) {
  const dataset = await loadDataset(c.dataset, { baseDir: dir, inputShape: c.shape, seed: TRAINING.seed });
  const { data, normalization } = prepareTrainingData(dataset, { validationSplit: TRAINING.validationSplit, normalize: true });
  const splits: [string, Float32Array, Int32Array | Float32Array, number[]][] = [];
  for (const [name, split] of [['train', data.train], ['validation', data.validation], ['test', data.test]] as const) {
    if (!split) throw new Error(`${c.name}: no ${name} split`);
    const laid = toNchw(split.x, split.count, dataset.inputShape);
    splits.push([name, laid.data, split.y, laid.shape]);
  }
  return {
    info: { name: dataset.name, spec: dataset.spec, task: dataset.task, numClasses: dataset.numClasses, classNames: dataset.classNames },
    normalization,
    splits,
  };
}
