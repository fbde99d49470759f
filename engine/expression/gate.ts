/**
 * One gate of an expression graph, micrograd style: its forward value and its local backward side by side. Backward
 * never forms a Jacobian: each gate multiplies the gradient arriving from above (upstream, shaped like its output)
 * by its local gradient and hands every input a gradient shaped like that input.
 *
 * What `local` holds, per input (the same in `wiregrad grad --json` and in the editor's Step panel):
 * - elementwise gates (add, sub, mul, div, max, min and every unary gate): ∂out[i]/∂input[i] at each element i, in
 *   the output's shape (the diagonal of the Jacobian, which is all there is). downstream = upstream ⊙ local; an
 *   input that was a scalar broadcast against a vector or matrix gets the sum of those products.
 * - `sum`, `l2sq`, `dot` (→ a scalar): ∂out/∂input, in the input's shape (1s; 2x; the other vector);
 *   downstream = upstream · local.
 * - `matvec` (y = W·x): for W the vector x (∂y[i]/∂W[i][j] = x[j]), so downstream = upstream ⊗ x, an outer product
 *   shaped like W; for x the matrix W (∂y[i]/∂x[j] = W[i][j]), so downstream = Wᵀ·upstream.
 */
import type { Shape, Tensor } from './tensor';

/** What the gate does to the gradient, in words, with its local gradient. */
export interface LocalGradient {
  readonly local: Tensor;
  /** upstream × local, shaped like the input: what this input receives from this gate. */
  readonly downstream: Tensor;
}

export type DomainCode = 'log-domain' | 'sqrt-domain' | 'division-by-zero';

/** An input value outside the gate's domain (log of a negative…), found before the forward pass divides. */
export interface DomainProblem {
  readonly code: DomainCode;
  /** Which input (0-based) holds the bad value, and where in it. */
  readonly input: number;
  readonly index: number;
  /** What is wrong, e.g. "log of −2 is undefined (log needs a positive input)". */
  readonly message: string;
}

export interface GateDefinition {
  readonly type: string;
  /** How the canvas draws it: "+", "×", "σ", "max"… */
  readonly symbol: string;
  /** One line for the palette and the schema. */
  readonly doc: string;
  /** Inputs, in edge order; `max` is Infinity for add. */
  readonly arity: { readonly min: number; readonly max: number };
  /** Names of the inputs when their order matters ("a", "b" for a − b), for messages and the Step panel. */
  readonly inputNames?: readonly string[];
  /** The local gradient in symbols, e.g. "∂(a·b)/∂a = b, ∂(a·b)/∂b = a". */
  readonly rule: string;
  /** The lecture's name for what the gate does to the gradient, when it has one ("the add gate distributes"). */
  readonly pattern?: string;
  /** The output's shape, or why the inputs don't fit (the caller adds every input's shape to the message). */
  shape(inputs: readonly Shape[]): Shape | { readonly problem: string };
  /** A value the gate cannot take (checked before forward). */
  domain?(inputs: readonly Tensor[]): DomainProblem | null;
  forward(inputs: readonly Tensor[]): Tensor;
  /** Per input: the local gradient and upstream × local. `output` is forward's result (σ and exp reuse it). */
  backward(inputs: readonly Tensor[], output: Tensor, upstream: Tensor): readonly LocalGradient[];
}
