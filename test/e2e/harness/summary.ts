/**
 * The expected labels come from the product's own CLI (`wiregrad summary --json`), run on the same file: the
 * canvas and the terminal must agree to the unit.
 */
import { CLI } from './paths';
import { run } from './processes';

export interface SummaryNode {
  id: string;
  type: string;
  outputShape: number[] | null;
  params: number;
  nonTrainableParams: number;
}

export interface SummaryDiagnostic {
  node: string;
  severity: 'error' | 'warning';
  code: string;
  message: string;
  fixes: { title: string; edits: { kind: string; node?: string; attribute?: string; value?: unknown }[] }[];
}

export interface Summary {
  name: string;
  nodes: SummaryNode[];
  totalParams: number;
  diagnostics: SummaryDiagnostic[];
}

/**
 * Exit 0 (no errors) and 1 (errors in the graph) both mean the file is valid v1; 2 means it cannot be read.
 * `expand`: a row for every node inside each module use too (`l2b0/conv1`), after the use's own row.
 */
export async function summarize(file: string, options: { expand?: boolean } = {}): Promise<{ exitCode: number; summary?: Summary; stderr: string }> {
  const r = await run(process.execPath, [CLI, 'summary', '--json', ...(options.expand ? ['--expand'] : []), file]);
  if (r.code === 2) return { exitCode: 2, stderr: r.stderr };
  return { exitCode: r.code, summary: JSON.parse(r.stdout) as Summary, stderr: r.stderr };
}

/** "28×28×6" for an image, "120" for a vector, "—" when the shape is unknown (the DOM contract's spelling). */
export function shapeLabel(shape: number[] | null | undefined): string {
  return shape && shape.length > 0 ? shape.join('×') : '—';
}

/** "61,706": all parameters of the node, trainable or not (batchnorm's running statistics count too). */
export function paramsLabel(node: SummaryNode): string {
  return (node.params + node.nonTrainableParams).toLocaleString('en-US');
}
