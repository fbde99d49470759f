/**
 * Element-wise activations: the output has the input's shape, there are no parameters and no MACs.
 * (Backward, for the record: relu is the max gate max(0, x), routing the gradient where x > 0.)
 * The ReLU family (relu, leakyrelu, elu) asks for He initialisation of the weights feeding it.
 */
import { real } from '../core/attributes';
import { defineBlock, type BlockSpec } from '../core/block';
import { label, numberPart } from '../core/cardLabel';

function elementwise<T extends string>(type: T, title: string, doc: string, heInit: boolean): BlockSpec<T> {
  return defineBlock({
    type,
    family: 'activation',
    title,
    doc,
    inputs: { min: 1, max: 1 },
    attributes: {},
    infer: ({ inputs }) => ({ outputShape: inputs[0].shape }),
    cardLabel: () => '',
    heInit,
  });
}

export const relu = elementwise('relu', 'ReLU', 'max(0, x).', true);
export const sigmoid = elementwise('sigmoid', 'Sigmoid', '1 / (1 + e^(−x)).', false);
export const tanh = elementwise('tanh', 'Tanh', 'tanh(x).', false);

export const leakyrelu = defineBlock({
  type: 'leakyrelu',
  family: 'activation',
  title: 'Leaky ReLU',
  doc: 'x for x > 0, alpha·x otherwise.',
  inputs: { min: 1, max: 1 },
  attributes: { alpha: real('Slope for x < 0.', { min: 0, max: 1, fallback: 0.01 }) },
  infer: ({ inputs }) => ({ outputShape: inputs[0].shape }),
  cardLabel: (a) => label(numberPart(a, 'alpha', 'α')),
  heInit: true,
});

export const elu = defineBlock({
  type: 'elu',
  family: 'activation',
  title: 'ELU',
  doc: 'x for x > 0, alpha·(e^x − 1) otherwise.',
  inputs: { min: 1, max: 1 },
  attributes: { alpha: real('Saturation value for x → −∞ is −alpha.', { min: 0, max: 100, fallback: 1 }) },
  infer: ({ inputs }) => ({ outputShape: inputs[0].shape }),
  cardLabel: (a) => label(numberPart(a, 'alpha', 'α')),
  heInit: true,
});

export const relu6 = elementwise('relu6', 'ReLU6', 'min(max(0, x), 6): ReLU capped at 6 (MobileNet), robust in low precision.', true);
export const gelu = elementwise('gelu', 'GELU', 'x·Φ(x), Φ the standard normal distribution function (exact, erf form): a smooth ReLU (Transformers, ConvNeXt).', true);
export const silu = elementwise('silu', 'SiLU (Swish)', 'x·σ(x): a smooth ReLU that dips slightly below 0 (EfficientNet, YOLO).', true);
