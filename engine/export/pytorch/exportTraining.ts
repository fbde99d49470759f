/**
 * The training half of a PyTorch export: train.py and the data set it reads. The data set is loaded by wiregrad's own
 * loader (engine/data/load.ts) with the graph's input shape and seed, so PyTorch trains on exactly the samples, split
 * and pixel values wiregrad would (MNIST centred on LeNet's canvas, the generated shapes of the seed, a user's folder
 * resized…), written as .npy files (inputs NCHW float32, labels int32 or targets float32) with a dataset.json.
 */
import path from 'node:path';
import { checkpointPaths } from '../../checkpoint/paths';
import { loadDataset } from '../../data/load';
import { resolveTrainingConfig } from '../../train/config';
import { TrainingError } from '../../train/errors';
import { encodeNpy, toNchw } from '../npy';
import type { ExportableGraph } from './exportable';
import { tensorTable } from './stateDict';
import { generateTrainPy } from './trainPy';

export interface TrainingExport {
  readonly files: ReadonlyMap<string, string | Uint8Array>;
  readonly notes: readonly string[];
}

export async function exportTraining(
  g: ExportableGraph,
  where: { readonly graphFile: string; readonly outDir: string; readonly dataDir?: string },
): Promise<TrainingExport> {
  const resolved = resolveTrainingConfig(g.graph.training);
  if (resolved.problems.length > 0) {
    throw new TrainingError(`${path.basename(where.graphFile)}: ${resolved.problems.map((p) => `${p.field} ${p.message}`).join('; ')}`);
  }
  const config = resolved.config;
  const posix = (p: string) => p.split(path.sep).join('/');
  const files = new Map<string, string | Uint8Array>();
  const notes: string[] = [];
  files.set(
    'train.py',
    generateTrainPy(g, {
      config,
      tensors: tensorTable(g),
      weightsPath: posix(path.relative(where.outDir, checkpointPaths(where.graphFile).weights)),
    }),
  );
  if (!config.dataset) {
    notes.push('the graph has no training.dataset: train.py needs --data DIR holding dataset.json and train_x.npy, train_y.npy, test_x.npy, test_y.npy');
    return { files, notes };
  }
  const dataset = await loadDataset(config.dataset, {
    baseDir: path.dirname(where.graphFile),
    inputShape: g.input.outputShape!,
    seed: config.seed,
    dataDir: where.dataDir,
  });
  const classification = dataset.task === 'classification';
  for (const [name, split] of [['train', dataset.train], ['test', dataset.test]] as const) {
    const x = toNchw(split.x, split.count, dataset.inputShape);
    files.set(`data/${name}_x.npy`, encodeNpy(x.data, x.shape));
    const y = classification ? Int32Array.from(split.y) : Float32Array.from(split.y);
    files.set(`data/${name}_y.npy`, encodeNpy(y, classification ? [split.count] : [split.count, dataset.numClasses]));
  }
  const info = { name: dataset.name, spec: config.dataset, task: dataset.task, numClasses: dataset.numClasses, classNames: dataset.classNames };
  files.set('data/dataset.json', JSON.stringify(info, null, 2) + '\n');
  return { files, notes };
}
