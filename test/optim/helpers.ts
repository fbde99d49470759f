import type { ParamTensor } from '../../engine/model/params';

/** A float64 trainable tensor whose gradient the test sets by hand. */
export function param(key: string, values: number[], decay = true): ParamTensor & { grad: Float64Array } {
  const [node, name] = key.split('.');
  return {
    node,
    name,
    key,
    shape: [values.length],
    value: Float64Array.from(values),
    grad: new Float64Array(values.length),
    trainable: true,
    decay,
  };
}
