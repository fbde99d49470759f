/**
 * model.py of a PyTorch export: `class Model(nn.Module)` with one attribute per node (named by its id), explicit
 * sizes, and a forward that follows the graph node by node, each output in a variable named like the node.
 */
import { describeShapeHWC, groupDigits } from './format';
import type { ExportableGraph, ExportableNode } from './exportable';
import { torchShape } from './exportable';
import { HELPERS } from './helpers';
import type { HelperName } from '../../blocks/core/exportMapping';

export interface ModelSource {
  /** The graph file's name, for the header. */
  readonly sourceFile: string;
}

export function generateModelPy(g: ExportableGraph, source: ModelSource): string {
  const { graph, analysis, input, output } = g;
  const helpers = new Set<HelperName>();
  for (const n of g.nodes) for (const h of n.mapping.helpers ?? []) helpers.add(h);
  const layers = g.nodes.filter((n) => n.mapping.module);
  const fusedSoftmax = finalActivation(g) !== null;
  const total = analysis.totals;
  const lines: string[] = [];
  lines.push(
    `"""${graph.name}: exported from wiregrad (${source.sourceFile}) by \`wiregrad export --to pytorch\`.`,
    '',
    `Input ${torchShape(input.outputShape!)} float32 (NCHW), output ${torchShape(output.outputShape!)} (node '${output.id}').`,
    'Weights in PyTorch layouts: Model().load_state_dict(safetensors.torch.load_file("weights.safetensors"), strict=True).',
    '"""',
    'import torch',
    'import torch.nn.functional as F',
    'from torch import nn',
  );
  for (const h of (['Maxout', 'Add', 'Concat'] as const).filter((h) => helpers.has(h))) lines.push('', '', HELPERS[h]);
  lines.push(
    '',
    '',
    'class Model(nn.Module):',
    `    """${graph.name}: ${groupDigits(total.trainableParams)} trainable parameters${total.nonTrainableParams ? ` + ${groupDigits(total.nonTrainableParams)} running statistics` : ''}; each comment gives wiregrad's output shape (H×W×C) and parameter count."""`,
    '',
    '    def __init__(self) -> None:',
    '        super().__init__()',
  );
  for (const n of layers) lines.push(`        self.${n.name} = ${n.mapping.module!(n)}  # ${layerComment(n)}`);
  lines.push('');
  if (fusedSoftmax) {
    lines.push(
      '    def forward(self, x: torch.Tensor, logits: bool = False) -> torch.Tensor:',
      `        """x: ${torchShape(input.outputShape!)}. Returns '${output.id}'; with logits=True the ${output.type}'s input (what the loss reads, as wiregrad fuses them)."""`,
    );
  } else {
    lines.push('    def forward(self, x: torch.Tensor) -> torch.Tensor:', `        """x: ${torchShape(input.outputShape!)}. Returns '${output.id}' ${torchShape(output.outputShape!)}."""`);
  }
  for (const n of g.nodes) {
    if (n.node.id === input.id) continue;
    const expr = forwardExpression(n);
    if (n.node.id === output.id) {
      if (fusedSoftmax) lines.push('        if logits:', `            return ${n.inputs[0]}`);
      lines.push(`        return ${expr}`);
    } else {
      lines.push(`        ${n.name} = ${expr}`);
    }
  }
  return lines.join('\n') + '\n';
}

/** The output's softmax or sigmoid, whose input the losses read (cross-entropy, binary cross-entropy), or null. */
export function finalActivation(g: ExportableGraph): { readonly type: 'softmax' | 'sigmoid'; readonly input: string } | null {
  const { output } = g;
  if (output.type !== 'softmax' && output.type !== 'sigmoid') return null;
  const inputs = g.graph.edges.filter((e) => e.to === output.id);
  return inputs.length === 1 ? { type: output.type, input: inputs[0].from } : null;
}

function forwardExpression(n: ExportableNode): string {
  return n.mapping.forward ? n.mapping.forward(n) : `self.${n.name}(${n.inputs[0]})`;
}

function layerComment(n: ExportableNode): string {
  const { node } = n;
  const shape = node.outputShape ? describeShapeHWC(node.outputShape) : '?';
  const parts = [shape];
  if (node.params > 0) parts.push(`${groupDigits(node.params)} params`);
  if (node.nonTrainableParams > 0) parts.push(`${groupDigits(node.nonTrainableParams)} running statistics`);
  return parts.join(', ');
}
