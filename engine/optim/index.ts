export * from './types';
export { Sgd, type SgdOptions } from './sgd';
export { Adam, type AdamOptions } from './adam';
export { learningRateAt, type Schedule, type SchedulePosition } from './schedule';
export { clipGradientsByGlobalNorm, globalGradientNorm } from './clip';
export { createOptimizer, slotsPerParameter, type OptimizerSettings } from './create';
