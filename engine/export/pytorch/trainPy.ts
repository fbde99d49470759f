/**
 * train.py of a PyTorch export: the graph's `training` section in PyTorch (same optimizer semantics, schedule with
 * warm-up, batch size, epochs, seed, augmentation, normalisation, loss), on CPU or GPU, alone or under torchrun with
 * DistributedDataParallel. It prints wiregrad's trainer messages as JSON lines (engine/train/protocol.ts: progress,
 * epoch-end, finished…) and writes the trained weights back in wiregrad's layout beside the graph, through the
 * tensor table of engine/export/layout.ts written into it.
 */
import type { TrainingConfig } from '../../train/config';
import type { ExportableGraph } from './exportable';
import { finalActivation } from './modelPy';
import { pyLiteral } from './pyLiteral';
import type { TensorEntry } from './stateDict';
import { TRAIN_PY_RUNTIME } from './trainPyRuntime';

export interface TrainScript {
  readonly config: TrainingConfig;
  readonly tensors: readonly TensorEntry[];
  /** The graph's weights file (NAME.safetensors), relative to the export folder (POSIX separators). */
  readonly weightsPath: string;
  /**
   * The user's data set, read by wiregrad_data.py from where the graph's spec points (its relative paths start from
   * the graph's folder, given relative to the export folder); null when the data set is exported as .npy files.
   */
  readonly dataSource: { readonly graphFolder: string; readonly inputShape: readonly number[] } | null;
}

export function generateTrainPy(g: ExportableGraph, s: TrainScript): string {
  const final = finalActivation(g);
  const table = s.tensors
    .map((t) => `    (${pyLiteral(t.wiregrad)}, ${pyLiteral(t.torch)}, ${pyLiteral(t.layout.kind)}, ${t.layout.kind === 'dense-after-image' ? pyLiteral(t.layout.image) : 'None'}),`)
    .join('\n');
  const c = s.config;
  const training = [
    `    "dataset": ${pyLiteral(c.dataset ?? null)},`,
    `    "optimizer": ${pyLiteral(c.optimizer)},`,
    `    "learningRate": ${pyLiteral(c.learningRate)},`,
    `    "momentum": ${pyLiteral(c.momentum)},`,
    `    "weightDecay": ${pyLiteral(c.weightDecay)},`,
    `    "batchSize": ${pyLiteral(c.batchSize)},`,
    `    "epochs": ${pyLiteral(c.epochs)},`,
    `    "seed": ${pyLiteral(c.seed)},`,
    `    "validationSplit": ${pyLiteral(c.validationSplit)},`,
    `    "schedule": ${pyLiteral(c.schedule)},`,
    `    "clipNorm": ${pyLiteral(c.clipNorm)},`,
    `    "loss": ${pyLiteral(c.loss ?? null)},`,
    `    "augment": ${pyLiteral(c.augment)},`,
    `    "normalize": ${pyLiteral(c.normalize)},`,
  ].join('\n');
  return `"""Trains ${g.graph.name} as its graph file's \`training\` section says, in PyTorch (exported by \`wiregrad export --to pytorch\`).

    python train.py                          # one process: the GPU if there is one, else the CPU
    torchrun --nproc-per-node=N train.py     # DistributedDataParallel over N processes (nccl on GPUs, gloo on CPUs)
    python train.py --epochs 1 --data DIR    # overrides, as wiregrad train's flags; DIR holds train_x.npy, train_y.npy…

It starts from weights.safetensors (wiregrad's initial weights from the seed, or the weights exported), reads the
data set (${s.dataSource ? 'the graph\'s own files, through wiregrad_data.py: wiregrad\'s readers, giving the same' : 'wiregrad exported into data/: the same'} samples, split and
input shape wiregrad trains on), carves the validation split off the end of the training split and standardises
inputs per channel with the training split's statistics, as wiregrad does. Each JSON line on stdout is one of wiregrad's trainer messages (progress, epoch-end,
finished…), so the editor draws them in its charts. After every epoch, at the end and on SIGTERM the weights are
written back in wiregrad's layout, atomically, to ${s.weightsPath}
(WEIGHTS_FILE), where \`wiregrad evaluate\`, \`wiregrad predict\` and the editor read them.
"""
import argparse
import json
import math
import os
import pathlib
import signal
import sys
import time

import numpy as np
import torch
import torch.distributed as dist
import torch.nn.functional as F
from safetensors.torch import load_file, save
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader, DistributedSampler, RandomSampler, TensorDataset

from model import Model

HERE = pathlib.Path(__file__).resolve().parent
GRAPH_NAME = ${pyLiteral(g.graph.name)}
WEIGHTS_FILE = (HERE / ${pyLiteral(s.weightsPath)}).resolve()

# The graph's training section with wiregrad's defaults filled in (engine/train/config.ts).
TRAINING = {
${training}
}

# The user's data set (TRAINING["dataset"]), read where it is: its relative paths start from GRAPH_FOLDER, and samples
# come in the graph's input shape (H, W, C or n). None: the data set is in the .npy files of data/.
DATA_SOURCE = ${s.dataSource ? `{"graphFolder": ${pyLiteral(s.dataSource.graphFolder)}, "inputShape": ${pyLiteral(s.dataSource.inputShape)}}` : 'None'}

# The output's final activation: the cross-entropy reads a softmax's input, the binary cross-entropy a sigmoid's
# (model(x, logits=True)), as wiregrad fuses them; without it the losses read the output itself as logits.
FINAL_ACTIVATION = ${final ? pyLiteral(final.type) : 'None'}
FUSED = {"cross-entropy": "softmax", "binary-cross-entropy": "sigmoid"}

# wiregrad tensor, PyTorch state_dict key, layout between them (engine/export/layout.ts), image (H, W, C) of a flatten.
TENSORS = [
${table}
]
${TRAIN_PY_RUNTIME}`;
}
