/** The pure TypeScript backend: every kernel of engine/kernels/backend.ts, one file per op family. */
import type { Backend } from '../backend';
import { activationBackward, activationForward, maxoutBackward, maxoutForward } from './activation';
import { conv2dBackwardFilter, conv2dBackwardInput, conv2dForward, im2col } from './conv';
import { addInto, copyColumns, multiply, sliceColumns } from './elementwise';
import { softmaxCrossEntropy, squaredError } from './loss';
import { addBias, matmul, matmulTransA, matmulTransB, sumRows } from './matmul';
import { batchNormBackward, batchNormEvalBackward, batchNormEvalForward, batchNormTrainForward } from './normalization';
import {
  avgPoolBackward, avgPoolForward, globalAvgPoolBackward, globalAvgPoolForward, maxPoolBackward, maxPoolForward,
} from './pool';
import { softmaxBackward, softmaxForward } from './softmax';

export const cpuBackend: Backend = {
  name: 'cpu',
  matmul, matmulTransB, matmulTransA, addBias, sumRows,
  conv2dForward, conv2dBackwardInput, conv2dBackwardFilter, im2col,
  maxPoolForward, maxPoolBackward, avgPoolForward, avgPoolBackward, globalAvgPoolForward, globalAvgPoolBackward,
  activationForward, activationBackward, maxoutForward, maxoutBackward,
  batchNormTrainForward, batchNormEvalForward, batchNormBackward, batchNormEvalBackward,
  softmaxForward, softmaxBackward, softmaxCrossEntropy, squaredError,
  multiply, addInto, copyColumns, sliceColumns,
};
