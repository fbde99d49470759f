/** Gates that reduce any value to a scalar: sum and l2sq (sum of squares). local has the input's shape. */
import type { GateDefinition } from '../gate';
import { scalar, tensor } from '../tensor';

const ONE = { min: 1, max: 1 };

export const sum: GateDefinition = {
  type: 'sum',
  symbol: 'Σ',
  doc: 'Σᵢ xᵢ: the sum of every element (→ a scalar)',
  arity: ONE,
  rule: '∂(Σ x)/∂xᵢ = 1',
  pattern: 'the sum gate distributes: every element gets the upstream gradient',
  shape: () => [],
  forward: ([x]) => scalar(x.data.reduce((s, v) => s + v, 0)),
  backward([x], _out, up) {
    const local = tensor(x.shape, new Float64Array(x.data.length).fill(1));
    return [{ local, downstream: tensor(x.shape, local.data.map((l) => up.data[0] * l)) }];
  },
};

export const l2sq: GateDefinition = {
  type: 'l2sq',
  symbol: '‖x‖²',
  doc: 'Σᵢ xᵢ²: the squared L2 norm (→ a scalar)',
  arity: ONE,
  rule: '∂(Σ x²)/∂xᵢ = 2xᵢ',
  shape: () => [],
  forward: ([x]) => scalar(x.data.reduce((s, v) => s + v * v, 0)),
  backward([x], _out, up) {
    const local = tensor(x.shape, x.data.map((v) => 2 * v));
    return [{ local, downstream: tensor(x.shape, local.data.map((l) => up.data[0] * l)) }];
  },
};
