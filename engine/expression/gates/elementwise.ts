/**
 * The builder behind every elementwise gate: a gate is given by its value at one element and its local gradients
 * there; this file does the looping and the scalar broadcast once for all of them. A scalar input broadcasts against
 * a vector or matrix; otherwise all inputs have one shape.
 */
import type { DomainCode, DomainProblem, GateDefinition, LocalGradient } from '../gate';
import { describeShape, isScalar, sameShape, sizeOf, tensor, type Shape, type Tensor } from '../tensor';

export interface ElementwiseSpec {
  readonly type: string;
  readonly symbol: string;
  readonly doc: string;
  readonly arity: { readonly min: number; readonly max: number };
  readonly inputNames?: readonly string[];
  readonly rule: string;
  readonly pattern?: string;
  /** The output at one element from the inputs at that element. */
  readonly forward: (xs: readonly number[]) => number;
  /** ∂out/∂input k at one element, for every k; `y` is the output there. */
  readonly local: (xs: readonly number[], y: number) => readonly number[];
  /** A value outside the domain at one element: which input and why (the caller says where). */
  readonly domain?: (xs: readonly number[]) => { readonly code: DomainCode; readonly input: number; readonly message: string } | null;
}

/** All inputs equal, or scalars broadcast against the one non-scalar shape. */
function broadcastShape(shapes: readonly Shape[]): Shape | { problem: string } {
  const full = shapes.find((s) => !isScalar(s)) ?? [];
  if (shapes.every((s) => isScalar(s) || sameShape(s, full))) return full;
  return {
    problem: `elementwise gates need inputs of one shape, or a scalar with ${describeShape(full)}`,
  };
}

/** The inputs at element i (a broadcast scalar gives its one value everywhere). */
function at(inputs: readonly Tensor[], i: number): number[] {
  return inputs.map((t) => (t.data.length === 1 ? t.data[0] : t.data[i]));
}

export function elementwise(spec: ElementwiseSpec): GateDefinition {
  const outShape = (inputs: readonly Tensor[]): Shape => (inputs.find((t) => !isScalar(t.shape)) ?? inputs[0]).shape;
  return {
    type: spec.type,
    symbol: spec.symbol,
    doc: spec.doc,
    arity: spec.arity,
    ...(spec.inputNames ? { inputNames: spec.inputNames } : {}),
    rule: spec.rule,
    ...(spec.pattern ? { pattern: spec.pattern } : {}),
    shape: broadcastShape,
    domain(inputs): DomainProblem | null {
      if (!spec.domain) return null;
      const n = sizeOf(outShape(inputs));
      for (let i = 0; i < n; i++) {
        const problem = spec.domain(at(inputs, i));
        if (problem) return { ...problem, index: isScalar(inputs[problem.input].shape) ? 0 : i };
      }
      return null;
    },
    forward(inputs) {
      const shape = outShape(inputs);
      const out = new Float64Array(sizeOf(shape));
      for (let i = 0; i < out.length; i++) out[i] = spec.forward(at(inputs, i));
      return tensor(shape, out);
    },
    backward(inputs, output, upstream): LocalGradient[] {
      const locals = inputs.map(() => new Float64Array(output.data.length));
      for (let i = 0; i < output.data.length; i++) {
        const l = spec.local(at(inputs, i), output.data[i]);
        for (let k = 0; k < inputs.length; k++) locals[k][i] = l[k];
      }
      return inputs.map((input, k) => {
        const product = locals[k].map((l, i) => upstream.data[i] * l);
        // A broadcast scalar fed every element: its gradient is the sum of what each element sends back.
        const downstream = isScalar(input.shape) ? [product.reduce((s, v) => s + v, 0)] : product;
        return { local: tensor(output.shape, locals[k]), downstream: tensor(input.shape, downstream) };
      });
    },
  };
}

/** A one-input elementwise gate. */
export function unary(spec: Omit<ElementwiseSpec, 'arity' | 'forward' | 'local' | 'domain'> & {
  readonly forward: (x: number) => number;
  readonly local: (x: number, y: number) => number;
  readonly domain?: (x: number) => { readonly code: DomainCode; readonly message: string } | null;
}): GateDefinition {
  const { forward, local, domain, ...rest } = spec;
  return elementwise({
    ...rest,
    arity: { min: 1, max: 1 },
    forward: ([x]) => forward(x),
    local: ([x], y) => [local(x, y)],
    ...(domain
      ? {
          domain: ([x]) => {
            const p = domain(x);
            return p ? { ...p, input: 0 } : null;
          },
        }
      : {}),
  });
}
