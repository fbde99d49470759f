/** The pure TypeScript backend: every kernel of engine/kernels/backend.ts, one file per op family. */
import type { Backend } from '../backend';
import {
  activationBackward, activationForward, geluBackward, geluForward, maxoutBackward, maxoutForward, relu6Backward, relu6Forward,
  siluBackward, siluForward,
} from './activation';
import { conv2dBackwardFilter, conv2dBackwardInput, conv2dForward, im2col } from './conv';
import { conv2dTransposeBackward, conv2dTransposeForward } from './convTranspose';
import { addInto, copyColumns, multiply, sliceColumns } from './elementwise';
import { groupedConv2dBackwardFilter, groupedConv2dBackwardInput, groupedConv2dForward } from './groupedConv';
import { layerNormBackward, layerNormForward } from './layerNorm';
import { sigmoidBinaryCrossEntropy, softmaxCrossEntropy, squaredError } from './loss';
import { addBias, matmul, matmulTransA, matmulTransB, sumRows } from './matmul';
import { batchNormBackward, batchNormEvalBackward, batchNormEvalForward, batchNormTrainForward } from './normalization';
import {
  avgPoolBackward, avgPoolForward, globalAvgPoolBackward, globalAvgPoolForward, globalMaxPoolBackward, globalMaxPoolForward,
  maxPoolBackward, maxPoolForward,
} from './pool';
import { softmaxBackward, softmaxForward } from './softmax';
import { upsampleBackward, upsampleForward } from './upsample';

export const cpuBackend: Backend = {
  name: 'cpu',
  matmul, matmulTransB, matmulTransA, addBias, sumRows,
  conv2dForward, conv2dBackwardInput, conv2dBackwardFilter, im2col,
  groupedConv2dForward, groupedConv2dBackwardInput, groupedConv2dBackwardFilter,
  conv2dTransposeForward, conv2dTransposeBackward,
  upsampleForward, upsampleBackward,
  maxPoolForward, maxPoolBackward, avgPoolForward, avgPoolBackward, globalAvgPoolForward, globalAvgPoolBackward,
  globalMaxPoolForward, globalMaxPoolBackward,
  activationForward, activationBackward, maxoutForward, maxoutBackward,
  geluForward, geluBackward, siluForward, siluBackward, relu6Forward, relu6Backward,
  layerNormForward, layerNormBackward,
  batchNormTrainForward, batchNormEvalForward, batchNormBackward, batchNormEvalBackward,
  softmaxForward, softmaxBackward, softmaxCrossEntropy, sigmoidBinaryCrossEntropy, squaredError,
  multiply, addInto, copyColumns, sliceColumns,
};
