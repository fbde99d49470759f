/**
 * "folder:PATH": the user's own images, one sub-folder per class (PATH/cat/*.png, PATH/dog/*.jpg…), class names
 * in alphabetical order. If PATH holds `train` and `test` folders, each laid out that way, they are the splits;
 * otherwise a stratified `testFraction` of every class is held out (seeded). PNG and JPEG are read whatever their
 * size and resized to the graph's input [H, W, C] (bilinear up, area-weighted down; grey ↔ RGB as C asks).
 * Without an input shape, the first image's size and 3 channels are used.
 */
import path from 'node:path';
import type { ImageShape } from '../shape/types';
import { Rng } from '../random/rng';
import { convertChannels } from './channels';
import type { LoadContext } from './context';
import { DataError } from './errors';
import { listFolder, readFileBytes, requireFolder } from './files';
import { decodeImage, IMAGE_EXTENSIONS } from './imageDecode';
import { checkImageTarget } from './imageFit';
import { resizeImage } from './resize';
import { gather, limitSplit, stratifiedSplit } from './split';
import type { DataSplit, Dataset } from './types';

interface ClassFolder {
  readonly name: string;
  readonly files: string[];
}

function isHidden(name: string): boolean {
  return name.startsWith('.') || name.startsWith('__');
}

function isImageFile(name: string): boolean {
  const ext = path.extname(name).toLowerCase();
  return (IMAGE_EXTENSIONS as readonly string[]).includes(ext);
}

function subFolders(dir: string): string[] {
  return listFolder(dir)
    .filter((e) => e.isDirectory() && !isHidden(e.name))
    .map((e) => e.name)
    .sort();
}

/** The class folders of `dir`, each with its image files; DataError for an empty folder, one class, or no images. */
export function readClassFolders(dir: string): ClassFolder[] {
  requireFolder(dir);
  const names = subFolders(dir);
  if (names.length === 0) {
    const images = listFolder(dir).filter((e) => e.isFile() && isImageFile(e.name));
    throw new DataError(
      images.length
        ? `${dir}: has ${images.length} image(s) but no class sub-folders; put each class's images in its own sub-folder (${path.join(dir, 'cat', '001.png')})`
        : `${dir}: empty folder; expected one sub-folder of PNG or JPEG images per class`,
    );
  }
  if (names.length === 1) {
    throw new DataError(`${dir}: only one class folder ('${names[0]}'); a classifier needs at least two`);
  }
  return names.map((name) => {
    const classDir = path.join(dir, name);
    const files = listFolder(classDir)
      .filter((e) => e.isFile() && !isHidden(e.name) && isImageFile(e.name))
      .map((e) => path.join(classDir, e.name))
      .sort();
    if (files.length === 0) throw new DataError(`${classDir}: class folder '${name}' has no PNG or JPEG images`);
    return { name, files };
  });
}

/** Reads one image as [H, W, C] floats in 0..1. */
export function readImageAs(file: string, target: ImageShape): Float32Array {
  const image = decodeImage(readFileBytes(file), file);
  const [h, w, c] = target;
  const pixels = convertChannels(image.rgba, image.width * image.height, 4, c as 1 | 3, 1 / 255);
  return resizeImage(pixels, image.height, image.width, c, h, w);
}

function targetShape(ctx: LoadContext, firstFile: string, source: string): ImageShape {
  if (ctx.inputShape) {
    checkImageTarget(ctx.inputShape, source);
    return ctx.inputShape;
  }
  const first = decodeImage(readFileBytes(firstFile), firstFile);
  return [first.height, first.width, 3];
}

function readSplit(classes: readonly ClassFolder[], classIndex: ReadonlyMap<string, number>, shape: ImageShape): { x: Float32Array; y: Int32Array } {
  const size = shape[0] * shape[1] * shape[2];
  const total = classes.reduce((n, c) => n + c.files.length, 0);
  const x = new Float32Array(total * size);
  const y = new Int32Array(total);
  let n = 0;
  for (const cls of classes) {
    for (const file of cls.files) {
      x.set(readImageAs(file, shape), n * size);
      y[n++] = classIndex.get(cls.name)!;
    }
  }
  return { x, y };
}

function shuffled(samples: { x: Float32Array; y: Int32Array }, size: number, rng: Rng): DataSplit {
  const order = Array.from({ length: samples.y.length }, (_, i) => i);
  rng.shuffle(order);
  return gather(samples.x, samples.y, size, 1, order);
}

export function loadFolder(ctx: LoadContext): Dataset {
  ctx.options.rejectUnknown();
  const dir = path.resolve(ctx.baseDir, ctx.argument);
  requireFolder(dir);
  const top = subFolders(dir);
  // train/ + test/ each holding class folders; two classes that happen to be named so hold images directly.
  const preSplit = top.length === 2 && top.includes('train') && top.includes('test') && subFolders(path.join(dir, 'train')).length > 0;
  const trainClasses = readClassFolders(preSplit ? path.join(dir, 'train') : dir);
  const testClasses = preSplit ? readClassFolders(path.join(dir, 'test')) : [];
  const classNames = trainClasses.map((c) => c.name);
  const classIndex = new Map(classNames.map((name, i) => [name, i]));
  for (const c of testClasses) {
    if (!classIndex.has(c.name)) throw new DataError(`${path.join(dir, 'test', c.name)}: class '${c.name}' is in test but not in train`);
  }
  const shape = targetShape(ctx, trainClasses[0].files[0], dir);
  const size = shape[0] * shape[1] * shape[2];
  const rng = new Rng(ctx.seed);
  let train: DataSplit;
  let test: DataSplit;
  const all = readSplit(trainClasses, classIndex, shape);
  if (preSplit) {
    train = shuffled(all, size, rng);
    test = shuffled(readSplit(testClasses, classIndex, shape), size, rng);
  } else {
    const indices = stratifiedSplit(all.y, classNames.length, ctx.testFraction, rng);
    train = gather(all.x, all.y, size, 1, indices.train);
    test = gather(all.x, all.y, size, 1, indices.test);
  }
  return {
    name: `Images in ${path.basename(dir)} (${classNames.length} classes)`,
    spec: ctx.spec,
    inputShape: shape,
    task: 'classification',
    numClasses: classNames.length,
    classNames,
    train: limitSplit(train, ctx.trainCount, size, 1),
    test: limitSplit(test, ctx.testCount, size, 1),
  };
}
