/**
 * `wiregrad evaluate FILE [--data SPEC]`: measures the saved weights (NAME.safetensors) on the test split of the data
 * set they were trained on (or --data), with the input normalisation saved beside them, and prints loss, accuracy and
 * the confusion matrix.
 */
import fs from 'node:fs';
import path from 'node:path';
import { applyNormalization } from '../../engine/data/normalize';
import { loadDataset } from '../../engine/data/load';
import { resolveTrainingConfig } from '../../engine/train/config';
import { userMessage } from '../../engine/train/job';
import { loadTrainedModel, savedNormalization } from '../../engine/train/inference';
import { checkOutputFits } from '../../engine/train/outputFit';
import { evaluateSplit } from '../../engine/train/metrics';
import { formatEvaluation } from '../../engine/train/report';
import { CliError } from '../errors';
import type { Command } from './command';
import { parseArgs } from '../args';
import { selectKernels, threadsFlag } from '../kernels';
import { printErr, printOut } from '../terminalText';

export const evaluate: Command = {
  summary: 'measure saved weights on the test split (loss, accuracy, confusion matrix)',
  usage: `Usage: wiregrad evaluate FILE [--data SPEC] [--batch-size N] [--threads N]

Loads the weights saved beside the graph (NAME.safetensors) and evaluates them on the held-out test split of the
data set they were trained on, or of SPEC (mnist, shapes, segmentation, x2, folder:PATH, csv:PATH, idx:IMAGES,LABELS).
Prints the loss, the accuracy and, for classification, the confusion matrix. --threads N: kernel threads (default:
every core).

Exit status: 0 done, 1 the graph, the weights or the data cannot be used, 2 bad usage or unreadable file.`,
  async run(argv) {
    const args = parseArgs(argv, ['--data', '--batch-size', '--threads'], [], 'evaluate');
    const threads = threadsFlag(args.values.get('--threads'));
    if (args.positional.length !== 1) throw new CliError(`evaluate takes one FILE, got ${args.positional.length}.`);
    const batchSize = Number(args.values.get('--batch-size') ?? 256);
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new CliError(`--batch-size must be a whole number ≥ 1, got ${args.values.get('--batch-size')}.`);
    const graphFile = path.resolve(args.positional[0]);
    if (!fs.existsSync(graphFile)) throw new CliError(`cannot read ${args.positional[0]}: no such file.`);
    const kernels = await selectKernels(threads);
    try {
      const trained = loadTrainedModel(graphFile, undefined, kernels.backend);
      const { model, weights } = trained;
      const training = trained.graph.training ?? {};
      const spec = args.values.get('--data') ?? weights.info.dataset ?? (typeof training.dataset === 'string' ? training.dataset : undefined);
      if (!spec) throw new CliError('no data set to evaluate on: pass --data SPEC.', 2);
      const seed = weights.info.seed ?? resolveTrainingConfig(training).config.seed;
      const dataset = await loadDataset(spec, { baseDir: path.dirname(graphFile), inputShape: model.inputShape, seed });
      const normalization = savedNormalization(weights);
      const test = normalization ? { ...dataset.test, x: applyNormalization(dataset.test.x, normalization) } : dataset.test;
      const loss = training.loss === 'mse' || training.loss === 'cross-entropy' || training.loss === 'binary-cross-entropy'
        ? training.loss
        : dataset.task === 'classification' ? 'cross-entropy' : 'mse';
      checkOutputFits(model, dataset, loss);
      if (dataset.test.count === 0) {
        throw new CliError(`${dataset.name} has no test samples to evaluate on (${dataset.train.count} in all, too few to hold any out).`, 1);
      }
      const result = evaluateSplit(model, test, {
        task: dataset.task,
        numClasses: dataset.numClasses,
        sampleSize: test.x.length / Math.max(1, test.count),
        loss,
        // The default 256 of a big-input graph may not fit; fewer per batch gives the same result.
        batchSize: Math.min(batchSize, trained.maxBatch),
      });
      if (!Number.isFinite(result.loss)) {
        throw new CliError(`the test loss is not finite (${result.loss}): the weights in ${path.basename(trained.weightsFile)} overflow on ${dataset.name} (train again, or check the data's range)`, 1);
      }
      printOut(`${trained.graph.name} on ${dataset.name}, weights ${path.basename(trained.weightsFile)}\n`);
      printOut(formatEvaluation(result, dataset.classNames) + '\n');
      return 0;
    } catch (err) {
      if (err instanceof CliError) throw err;
      throw new CliError(userMessage(err), 1);
    } finally {
      await kernels.dispose();
    }
  },
};
