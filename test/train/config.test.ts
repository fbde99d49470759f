import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAINING, resolveTrainingConfig, trainingSchema } from '../../engine/train/config';

describe('the training section', () => {
  it('defaults to Adam, lr 1e-3, batch 64 when absent', () => {
    const { config, problems } = resolveTrainingConfig(undefined);
    expect(problems).toEqual([]);
    expect(config).toMatchObject({ optimizer: 'adam', learningRate: 1e-3, batchSize: 64, schedule: { type: 'constant' } });
  });

  it('reads every field and lets overrides win', () => {
    const { config, problems } = resolveTrainingConfig(
      {
        dataset: 'mnist',
        optimizer: 'nesterov',
        learningRate: 0.05,
        momentum: 0.8,
        weightDecay: 5e-4,
        batchSize: 128,
        epochs: 3,
        seed: 7,
        validationSplit: 0.2,
        schedule: { type: 'step', stepSize: 2, gamma: 0.1 },
        clipNorm: 5,
        loss: 'mse',
        augment: { flip: true, crop: 4 },
        normalize: false,
        outputInitScale: 0.02,
      },
      { epochs: 9, learningRate: undefined },
    );
    expect(problems).toEqual([]);
    expect(config).toEqual({
      dataset: 'mnist',
      optimizer: 'nesterov',
      learningRate: 0.05,
      momentum: 0.8,
      weightDecay: 5e-4,
      batchSize: 128,
      epochs: 9,
      seed: 7,
      validationSplit: 0.2,
      schedule: { type: 'step', stepSize: 2, gamma: 0.1, warmupSteps: 0 },
      clipNorm: 5,
      loss: 'mse',
      augment: { flip: true, crop: 4 },
      normalize: false,
      outputInitScale: 0.02,
    });
  });

  it('names every bad field and keeps the default for it', () => {
    const { config, problems } = resolveTrainingConfig({
      optimizer: 'rmsprop',
      learningRate: -1,
      batchSize: 12.5,
      epochs: '3',
      validationSplit: 1,
      schedule: { type: 'step', gamma: 2 },
      augment: { flip: 'yes', rotate: 10 },
      learningrate: 0.1,
    });
    const fields = problems.map((p) => p.field);
    expect(fields).toEqual([
      'training.optimizer',
      'training.learningRate',
      'training.batchSize',
      'training.epochs',
      'training.validationSplit',
      'training.schedule.stepSize',
      'training.schedule.gamma',
      'training.augment.rotate',
      'training.augment.flip',
      'training.learningrate',
    ]);
    expect(problems[0].message).toMatch(/"sgd", "momentum", "nesterov", "adam", got "rmsprop"/);
    expect(problems[3].message).toMatch(/whole number.*got "3"/);
    expect(problems[9].message).toMatch(/did you mean "learningRate"/);
    expect(config.optimizer).toBe(DEFAULT_TRAINING.optimizer);
    expect(config.learningRate).toBe(DEFAULT_TRAINING.learningRate);
  });

  it('rejects a section that is not an object', () => {
    expect(resolveTrainingConfig([1]).problems).toEqual([{ field: 'training', message: 'must be an object, got [1]' }]);
  });

  it('exports a schema fragment listing every field', () => {
    expect(Object.keys(trainingSchema.properties).sort()).toEqual(Object.keys(DEFAULT_TRAINING).sort());
  });
});
