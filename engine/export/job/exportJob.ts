/**
 * One export as the editor asks for it (toolbar buttons, "wiregrad: Export to …"), runnable off the extension host's
 * thread (engine/export/job/exportWorker.ts): initialising VGG-16's 138 M weights and encoding them takes seconds,
 * which on the host thread would freeze every editor. It reports each step as it starts, for the progress
 * notification, and answers with what to open afterwards.
 */
import path from 'node:path';
import { parseGraphText } from '../../graph/parse';
import { readTextCapped } from '../../io/readCapped';
import { analyzeGraph } from '../../shape/analyze';
import { onnxBytes } from '../onnx/writeOnnx';
import { writeFileAtomic } from '../../io/atomicWrite';
import { exportPytorch } from '../pytorch/exportPytorch';
import { exportWeights } from '../weightsSource';

export type ExportTargetKind = 'pytorch' | 'onnx';

export interface ExportJobRequest {
  readonly target: ExportTargetKind;
  readonly graphFile: string;
  /** Folder of wiregrad's bundled data files (the extension's dist/data). */
  readonly dataDir: string;
}

export interface ExportJobResult {
  /** Text files to open in editors afterwards. */
  readonly open: readonly string[];
  /** A binary file to show in the Explorer afterwards. */
  readonly reveal?: string;
  /** Where the export went, for the message. */
  readonly where: string;
  readonly notes: readonly string[];
}

/** Messages from the export worker to the extension. */
export type ExportWorkerMessage =
  | { readonly type: 'step'; readonly step: string }
  | { readonly type: 'done'; readonly result: ExportJobResult }
  | { readonly type: 'failed'; readonly message: string };

export async function runExportJob(request: ExportJobRequest, step: (what: string) => void): Promise<ExportJobResult> {
  const { graphFile } = request;
  if (request.target === 'pytorch') {
    const r = await exportPytorch({ graphFile, dataDir: request.dataDir, onStep: step });
    return { open: [path.join(r.outDir, 'model.py'), path.join(r.outDir, 'train.py')], where: r.outDir, notes: r.notes };
  }
  const parsed = parseGraphText(readTextCapped(graphFile));
  if (!parsed.graph) throw new Error(`${path.basename(graphFile)}: ${parsed.problems[0]?.message ?? 'not a graph file'}; fix the file first`);
  const analysis = analyzeGraph(parsed.graph);
  const first = analysis.diagnostics.find((d) => d.severity === 'error');
  if (first) throw new Error(`the graph has errors (${first.node ? `node '${first.node}': ` : ''}${first.message}); fix them (see the Problems panel) before exporting`);
  step('weights');
  const weights = exportWeights(graphFile, parsed.graph, analysis);
  const out = graphFile.replace(/\.nn\.json$|\.json$/i, '') + '.onnx';
  step('encoding the ONNX model');
  const bytes = onnxBytes(parsed.graph, analysis, weights);
  step(`writing ${path.basename(out)}`);
  writeFileAtomic(out, bytes);
  return { open: [], reveal: out, where: out, notes: weights.source === 'fresh' ? [`it holds ${weights.description}`] : [] };
}
