/**
 * The training half of a PyTorch export: train.py and the data set it reads, so that PyTorch trains on exactly the
 * samples, split and pixel values wiregrad would.
 *  - The user's data sets (folder:, csv:, idx:) stay where they are: train.py reads them with wiregrad_data.py,
 *    wiregrad's readers in Python (resized, split and ordered to the last bit as engine/data/ does), from the graph's
 *    folder; nothing is copied, so a big image folder exports in no time.
 *  - The bundled ones (MNIST centred on LeNet's canvas, the generated shapes of the seed…) are loaded by wiregrad's
 *    own loader (engine/data/load.ts) with the graph's input shape and seed and written as .npy files (inputs NCHW
 *    float32, labels int32 or targets float32) with a dataset.json.
 */
import path from 'node:path';
import { checkpointPaths } from '../../checkpoint/paths';
import { loadDataset } from '../../data/load';
import { parseDataSpec } from '../../data/spec';
import { resolveTrainingConfig } from '../../train/config';
import { TrainingError } from '../../train/errors';
import { encodeNpy, toNchw } from '../npy';
import type { ExportableGraph } from './exportable';
import { generateDataPy, NATIVE_DATA_KINDS } from './dataPy';
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
  const native = config.dataset !== undefined && NATIVE_DATA_KINDS.includes(parseDataSpec(config.dataset).kind);
  files.set(
    'train.py',
    generateTrainPy(g, {
      config,
      tensors: tensorTable(g),
      weightsPath: posix(path.relative(where.outDir, checkpointPaths(where.graphFile).weights)),
      dataSource: native
        ? { graphFolder: posix(path.relative(where.outDir, path.dirname(where.graphFile))) || '.', inputShape: g.input.outputShape! }
        : null,
    }),
  );
  if (native) {
    files.set('wiregrad_data.py', generateDataPy());
    return { files, notes };
  }
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
