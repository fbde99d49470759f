/**
 * `wiregrad predict FILE IMAGE…`: classifies PNG/JPEG images with the weights saved beside the graph. Each image is
 * converted to the graph's input shape (resized, to grey or colour, pixels 0..1), normalised as in training, and
 * the top classes are printed with their probabilities.
 */
import fs from 'node:fs';
import path from 'node:path';
import { readImageAs } from '../../engine/data/folder';
import { applyNormalization } from '../../engine/data/normalize';
import { isImageShape } from '../../engine/shape/types';
import { loadTrainedModel, probabilitiesOf, savedNormalization } from '../../engine/train/inference';
import { userMessage } from '../../engine/train/job';
import { CliError } from '../errors';
import type { Command } from './command';
import { parseArgs } from '../args';
import { selectKernels, threadsFlag } from '../kernels';
import { printErr, printOut } from '../terminalText';

/** One image's result: ranked classes, or the raw outputs of a regression. */
type Prediction =
  | { readonly image: string; readonly top: readonly { class: string; index: number; probability: number }[] }
  | { readonly image: string; readonly values: readonly number[] };

export const predict: Command = {
  summary: 'classify PNG/JPEG images with saved weights (top classes and probabilities)',
  usage: `Usage: wiregrad predict FILE IMAGE... [--top K] [--json]

Loads the weights saved beside the graph (NAME.safetensors) and runs each image through the network. Images are
resized to the graph's input, converted to its channel count (grey or RGB), scaled to 0..1 and normalised as in
training. Prints the K most likely classes of each image (default 3) with their probabilities.
  --top K    how many classes to show
  --json     print the results as JSON
  --threads N  kernel threads (default: every core)

Exit status: 0 done, 1 the graph, the weights or an image cannot be used, 2 bad usage or unreadable file.`,
  async run(argv) {
    const args = parseArgs(argv, ['--top', '--threads'], ['--json'], 'predict');
    const threads = threadsFlag(args.values.get('--threads'));
    const [file, ...images] = args.positional;
    if (!file || images.length === 0) throw new CliError('predict takes a graph FILE and at least one IMAGE.');
    const top = Number(args.values.get('--top') ?? 3);
    if (!Number.isInteger(top) || top < 1) throw new CliError(`--top must be a whole number ≥ 1, got ${args.values.get('--top')}.`);
    if (!fs.existsSync(file)) throw new CliError(`cannot read ${file}: no such file.`);
    const kernels = await selectKernels(threads);
    try {
      const trained = loadTrainedModel(path.resolve(file), undefined, kernels.backend);
      const { model, weights } = trained;
      const shape = model.inputShape;
      if (!isImageShape(shape)) throw new CliError(`predict reads images, but the input of ${file} is a vector [${shape.join(', ')}].`, 1);
      const normalization = savedNormalization(weights);
      const classNames = weights.info.classNames ?? [];
      const results = images.map((image): Prediction => {
        const pixels = readImageAs(image, shape);
        const x = normalization ? applyNormalization(pixels, normalization) : pixels;
        const output = Array.from(model.forward(x, 1, 'eval'));
        // Finite weights can still overflow (products past float32's 3.4e38): a NaN is never reported as a result.
        const bad = output.find((v) => !Number.isFinite(v));
        if (bad !== undefined) {
          throw new CliError(`${image}: the network's output is not finite (${bad}); the weights in ${path.basename(trained.weightsFile)} overflow on this input (train again, or normalise the input)`, 1);
        }
        if (weights.info.task === 'regression') return { image, values: output };
        const probabilities = probabilitiesOf(trained, output);
        const ranked = probabilities
          .map((p, i) => ({ class: classNames[i] ?? String(i), index: i, probability: p }))
          .sort((a, b) => b.probability - a.probability)
          .slice(0, top);
        return { image, top: ranked };
      });
      if (args.booleans.has('--json')) printOut(JSON.stringify(results, null, 2) + '\n');
      else {
        for (const r of results) {
          const text =
            'values' in r
              ? r.values.map((v) => v.toPrecision(4)).join(', ')
              : r.top.map((t) => `${t.class} ${(t.probability * 100).toFixed(1)}%`).join('  ');
          printOut(`${r.image}: ${text}\n`);
        }
      }
      return 0;
    } catch (err) {
      if (err instanceof CliError) throw err;
      throw new CliError(userMessage(err), 1);
    } finally {
      await kernels.dispose();
    }
  },
};
