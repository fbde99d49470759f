/** The training engine's public face (the worker entry, worker.ts, is bundled separately). */
export {
  DEFAULT_TRAINING,
  parseTrainingSection,
  resolveTrainingConfig,
  trainingSchema,
  type Augmentation,
  type ConfigProblem,
  type TrainingConfig,
  type TrainingLoss,
  type TrainingOverrides,
} from './config';
export { TrainingControl } from './control';
export { TrainingError } from './errors';
export { loadTrainedModel, savedNormalization, softmaxRow, type TrainedModel } from './inference';
export { runTrainingJob, userMessage } from './job';
export { defaultMemoryBudget, estimateTrainingMemory, formatBytes, memoryBudgetProblem, type MemoryEstimate } from './memory';
export { evaluateSplit, type EvaluationResult, type SplitMetrics } from './metrics';
export type { StepOutcome, TrainableModel } from './model-contract';
export { prepareTrainingData, type PreparedData } from './prepare';
export { isTerminal, parseCallerMessage, parseWorkerMessage, type CallerMessage, type StartRequest, type StartedInfo, type TerminalMessage, type WorkerMessage } from './protocol';
export { formatConfusionMatrix, formatDuration, formatEpochLine, formatEvaluation, formatPercent, formatProgressLine } from './report';
export { TrainingSession, type TrainingSessionOptions } from './session';
export {
  epochOrder,
  train,
  type EpochMetrics,
  type NonFiniteReport,
  type ProgressEvent,
  type TrainerOptions,
  type TrainingData,
  type TrainingOutcome,
  type TrainingPosition,
} from './trainer';
