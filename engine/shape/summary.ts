/**
 * The summary of a graph, as `wiregrad summary` prints it: a JSON record (the CLI's `--json`, a stable contract)
 * and a Keras/torchinfo-style table for people.
 */
import type { Diagnostic } from './diagnostics';
import { formatBytes, formatCount, formatPixels, formatShape } from './format';
import type { Explanation, GraphAnalysis, NodeAnalysis, Shape } from './types';

export interface NodeSummary {
  readonly id: string;
  readonly type: string;
  readonly outputShape: Shape | null;
  readonly params: number;
  readonly nonTrainableParams: number;
  readonly macs: number;
  readonly receptiveField: readonly [number, number] | null;
  readonly jump: readonly [number, number] | null;
  readonly activationBytes: number;
  readonly explanations: readonly Explanation[];
  /** A module use's row (its nodes summed): how many flat nodes it stands for. */
  readonly moduleNodes?: number;
}

export interface GraphSummary {
  readonly name: string;
  readonly nodes: readonly NodeSummary[];
  readonly trainableParams: number;
  readonly nonTrainableParams: number;
  readonly totalParams: number;
  readonly totalMacs: number;
  readonly activationBytes: number;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Rows in topological order. A graph that uses modules shows one row per module use (its nodes summed) unless
 * `expand`, which shows each use's row followed by the rows of its nodes (ids are paths: l2b0/conv1).
 */
export function summarize(name: string, analysis: GraphAnalysis, options: { expand?: boolean } = {}): GraphSummary {
  const row = (n: NodeAnalysis, moduleNodes?: number): NodeSummary => ({
    id: n.id,
    type: n.type,
    outputShape: n.outputShape,
    params: n.params,
    nonTrainableParams: n.nonTrainableParams,
    macs: n.macs,
    receptiveField: n.receptiveField,
    jump: n.jump,
    activationBytes: n.activationBytes,
    explanations: n.explanations,
    ...(moduleNodes !== undefined ? { moduleNodes } : {}),
  });
  const expansion = analysis.expansion;
  let nodes: NodeSummary[];
  if (!expansion) nodes = analysis.nodes.map((n) => row(n));
  else {
    nodes = [];
    const shown = new Set<string>();
    for (const n of analysis.nodes) {
      // The uses enclosing this node, outermost first: "bs", "bs/1" for bs/1/conv1.
      const parts = n.id.split('/');
      const enclosing: string[] = [];
      for (let i = 1; i < parts.length; i++) {
        const p = parts.slice(0, i).join('/');
        if (expansion.uses.has(p)) enclosing.push(p);
      }
      const heads = options.expand ? enclosing : enclosing.slice(0, 1);
      for (const u of heads) {
        if (shown.has(u)) continue;
        shown.add(u);
        nodes.push(row(analysis.byId.get(u)!, expansion.uses.get(u)!.members.length));
      }
      if (options.expand || enclosing.length === 0) nodes.push(row(n));
    }
  }
  return {
    name,
    nodes,
    trainableParams: analysis.totals.trainableParams,
    nonTrainableParams: analysis.totals.nonTrainableParams,
    totalParams: analysis.totals.totalParams,
    totalMacs: analysis.totals.totalMacs,
    activationBytes: analysis.totals.activationBytes,
    diagnostics: analysis.diagnostics,
  };
}

/** 416520 → "416.52K", 15470264320 → "15.47G" (the unit torchinfo prints beside MACs). */
function metric(n: number): string {
  const units: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'K'],
  ];
  for (const [scale, unit] of units) if (n >= scale) return `${(n / scale).toFixed(2)}${unit}`;
  return String(n);
}

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

/** The table, totals and diagnostics; `explain` adds every node's formulas with the numbers substituted. */
export function formatSummary(summary: GraphSummary, options: { explain?: boolean } = {}): string {
  const header = ['Node', 'Type', 'Output shape', 'Params', 'MACs', 'Receptive field'];
  const rows = summary.nodes.map((n) => [
    n.id,
    n.type,
    n.outputShape ? formatShape(n.outputShape) : '—',
    formatCount(n.params + n.nonTrainableParams),
    formatCount(n.macs),
    n.receptiveField ? formatPixels(n.receptiveField) : '—',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const numeric = [false, false, false, true, true, true];
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i], numeric[i])).join('   ').trimEnd();
  const rule = (ch: string) => ch.repeat(widths.reduce((a, b) => a + b, 0) + 3 * (widths.length - 1));

  const out: string[] = [`Model: "${summary.name}"`, rule('─'), line(header), rule('═')];
  for (const [i, r] of rows.entries()) {
    out.push(line(r));
    if (options.explain) for (const e of summary.nodes[i].explanations) out.push(`    ${e.quantity}: ${e.formula}  →  ${e.substituted}`);
  }
  out.push(rule('═'));
  out.push(`Total params: ${formatCount(summary.totalParams)}`);
  out.push(`Trainable params: ${formatCount(summary.trainableParams)}`);
  out.push(`Non-trainable params: ${formatCount(summary.nonTrainableParams)}`);
  out.push(`Total MACs: ${formatCount(summary.totalMacs)} (${metric(summary.totalMacs)})`);
  out.push(rule('─'));
  out.push(`Params size (float32): ${formatBytes(summary.totalParams * 4)}`);
  out.push(`Activations per sample (float32, forward): ${formatBytes(summary.activationBytes)}`);
  out.push(rule('─'));
  if (summary.diagnostics.length) {
    const errors = summary.diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = summary.diagnostics.filter((d) => d.severity === 'warning').length;
    out.push(`${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}:`);
    for (const d of summary.diagnostics) {
      out.push(`  ${d.severity} ${d.node ? `'${d.node}'` : '(graph)'} [${d.code}]: ${d.message}`);
      for (const f of d.fixes) out.push(`      fix: ${f.title}`);
    }
  } else {
    out.push('No problems found.');
  }
  return out.join('\n') + '\n';
}
