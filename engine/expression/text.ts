/** The text report of `wiregrad grad`: a table of every node's value and gradient, the backward steps, the problems. */
import type { ExpressionDiagnostic } from './diagnostics';
import type { ExpressionResult } from './evaluate';
import { describeStep } from './explain';
import { formatNumber, formatValue } from './format';
import { formatShape } from './tensor';

/** Significant digits in the text (the JSON carries full float64). */
const DIGITS = 6;

export function formatGradText(result: ExpressionResult, options: { readonly step?: boolean } = {}): string {
  const out: string[] = [];
  const f = result.value !== null ? ` = ${formatNumber(result.value, DIGITS)}` : '';
  out.push(`${result.name}: f is '${result.output ?? '?'}'${f}`, '');
  const rows = result.nodes.map((n) => [
    n.id,
    n.type,
    n.shape ? formatShape(n.shape) : '?',
    n.value ? formatValue(n.value, DIGITS) : '—',
    n.grad ? formatValue(n.grad, DIGITS) : '—',
  ]);
  out.push(...table(['node', 'type', 'shape', 'value', '∂f/∂node'], rows), '');
  if (!result.hasErrors) out.push("Each gradient has its node's shape. Nodes f does not depend on have gradient 0.");
  if (options.step && result.steps.length) {
    out.push('', `Backward pass, one gate at a time (∂f/∂${result.output} = 1; each input gets upstream × local):`, '');
    const inputsOf = (id: string) => result.byId.get(id)?.inputs ?? [];
    result.steps.forEach((s, i) => out.push(...describeStep(s, i, inputsOf, DIGITS), ''));
  }
  const problems = result.diagnostics.map(formatDiagnostic);
  if (problems.length) out.push('', ...problems);
  return out.join('\n').replace(/\n+$/, '') + '\n';
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: readonly string[]) => cells.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd();
  return [line(header), ...rows.map(line)];
}

export function formatDiagnostic(d: ExpressionDiagnostic): string {
  const fixes = d.fixes.map((fix) => `\n    fix: ${fix.title}`).join('');
  return `${d.severity}${d.node ? ` '${d.node}'` : ''}: ${d.message}${fixes}`;
}
