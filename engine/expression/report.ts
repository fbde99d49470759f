/**
 * The JSON of `wiregrad grad --json` (a fixed contract: outside tests read it). Every value and gradient has its
 * node's shape — a number, an array, or an array of rows — at full float64 precision. Gates add `inputs`,
 * `upstream` (= their `grad`), and per input `local` and `downstream` (see gate.ts for what `local` holds).
 */
import type { ExpressionDiagnostic } from './diagnostics';
import type { ExpressionResult } from './evaluate';
import { toJson, type ValueJson } from './tensor';

export interface GradNodeJson {
  readonly id: string;
  readonly type: string;
  /** [] scalar, [n] vector, [rows, cols] matrix; null when unknown. */
  readonly shape: readonly number[] | null;
  readonly value: ValueJson | null;
  readonly grad: ValueJson | null;
  readonly inputs?: readonly string[];
  readonly upstream?: ValueJson;
  readonly local?: readonly ValueJson[];
  readonly downstream?: readonly ValueJson[];
}

export interface GradReportJson {
  readonly name: string;
  readonly output: string | null;
  /** f; null when the graph has errors. */
  readonly value: number | null;
  readonly nodes: readonly GradNodeJson[];
  /** Gate ids in the order backward visits them (those f depends on). */
  readonly backwardOrder: readonly string[];
  readonly diagnostics: readonly ExpressionDiagnostic[];
}

export function gradReport(result: ExpressionResult): GradReportJson {
  return {
    name: result.name,
    output: result.output,
    value: result.value,
    nodes: result.nodes.map((n) => ({
      id: n.id,
      type: n.type,
      shape: n.shape ? [...n.shape] : null,
      value: n.value ? toJson(n.value) : null,
      grad: n.grad ? toJson(n.grad) : null,
      ...(n.inputs.length ? { inputs: n.inputs } : {}),
      ...(n.step
        ? {
            upstream: toJson(n.step.upstream),
            local: n.step.inputs.map((s) => toJson(s.local)),
            downstream: n.step.inputs.map((s) => toJson(s.downstream)),
          }
        : {}),
    })),
    backwardOrder: result.steps.map((s) => s.node),
    diagnostics: result.diagnostics,
  };
}
