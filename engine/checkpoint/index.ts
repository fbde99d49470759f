export { CheckpointError } from './errors';
export { encodeSafetensors, decodeSafetensors, type NamedTensor, type SafetensorsFile } from './safetensors';
export { writeFileAtomic } from './atomic';
export { saveWeights, readWeights, applyWeights, WEIGHTS_FORMAT, type WeightsInfo, type WeightsFile } from './weights';
export { saveTrainingState, readTrainingState, TRAINING_STATE_FORMAT, type TrainingState } from './training-state';
export { checkpointPaths, type CheckpointPaths } from './paths';
