/** `wiregrad import MODEL.onnx [--out FILE.nn.json]`: an ONNX model → a graph file and its weights. */
import fs from 'node:fs';
import path from 'node:path';
import { CheckpointError } from '../../engine/checkpoint/errors';
import { OnnxImportError } from '../../engine/import/onnx/errors';
import { importOnnx } from '../../engine/import/onnx/importOnnx';
import { readOnnxModel } from '../../engine/import/onnx/readModel';
import { writeImport } from '../../engine/import/onnx/writeImport';
import { formatCount } from '../../engine/shape/format';
import { CliError } from '../errors';
import type { Command } from './command';
import { parseArgs } from '../args';
import { printErr, printOut } from '../terminalText';

function shown(file: string): string {
  return path.relative(process.cwd(), file) || file;
}

export const importCommand: Command = {
  summary: 'turn an ONNX model into a graph file and its weights',
  usage: `Usage: wiregrad import MODEL.onnx [--out FILE.nn.json]

Translates an ONNX model (Conv, Gemm/MatMul, pooling, BatchNormalization, activations, Add, Concat, Flatten…) into a
graph file (default MODEL.nn.json beside it) and its weights in wiregrad's layout (MODEL.safetensors beside the
graph). Ops wiregrad cannot express are listed by node name and op type, and nothing is written.

Exit status: 0 written, 1 the model has unsupported ops or does not fit, 2 bad usage or unreadable file.`,
  async run(argv) {
    const args = parseArgs(argv, ['--out'], [], 'import');
    if (args.positional.length !== 1) throw new CliError(`import takes one MODEL.onnx, got ${args.positional.length}.\n\n${this.usage}`);
    const source = path.resolve(args.positional[0]);
    const base = path.basename(source).replace(/\.onnx$/i, '');
    const out = path.resolve(args.values.get('--out') ?? path.join(path.dirname(source), `${base}.nn.json`));
    if (!fs.existsSync(path.dirname(out))) throw new CliError(`cannot write ${shown(out)}: the folder ${shown(path.dirname(out))} does not exist.`);
    try {
      const model = readOnnxModel(shown(source));
      const result = importOnnx(model, base);
      if (result.unsupported.length > 0) {
        const list = result.unsupported.map((u) => `  ${u.name || '(unnamed)'} (${u.opType}): ${u.reason}`).join('\n');
        const n = result.unsupported.length;
        throw new CliError(`${shown(source)}: ${n} node${n === 1 ? '' : 's'} cannot be imported, so nothing was written:\n${list}`, 1);
      }
      const written = writeImport(result, out, shown(source));
      printOut(
        `Wrote ${shown(written.graphFile)} (${result.graph.nodes.length} nodes, ${formatCount(written.params)} trainable + ${formatCount(written.nonTrainableParams)} non-trainable parameters)\n` +
          `Wrote ${shown(written.weightsFile)}\n`,
      );
      return 0;
    } catch (err) {
      if (err instanceof OnnxImportError) throw new CliError(err.message, err.message.startsWith('cannot read') ? 2 : 1);
      if (err instanceof CheckpointError) throw new CliError(err.message, 1);
      throw err;
    }
  },
};
