/**
 * Shape inference for one node, given its inputs' analyses: block lookup, attribute validation, input count,
 * then the block's own rule. Never throws.
 */
import { BLOCK_TYPES, blockFor } from '../blocks/specs';
import type { BlockDefinition, BlockInput } from '../blocks/core/block';
import type { GraphNode } from '../graph/types';
import { closestName } from './closest';
import { diagnostic, type Diagnostic, type Fix } from './diagnostics';
import { resolveAttrs, type ResolvedAttrs } from './resolveAttrs';
import { isImageShape, type NodeAnalysis } from './types';

const BYTES_PER_VALUE = 4; // float32 activations

/** The analysis of a node whose output cannot be computed: no shape, no counts, only its diagnostics. */
export function withoutShape(a: Pick<NodeAnalysis, 'id' | 'type' | 'inputShapes'>, diagnostics: readonly Diagnostic[]): NodeAnalysis {
  return {
    id: a.id,
    type: a.type,
    inputShapes: a.inputShapes,
    attrs: {},
    outputShape: null,
    params: 0,
    nonTrainableParams: 0,
    macs: 0,
    activationBytes: 0,
    receptiveField: null,
    jump: null,
    paramTensors: [],
    explanations: [],
    diagnostics,
  };
}

function emptyAnalysis(node: GraphNode, inputs: readonly NodeAnalysis[], diagnostics: readonly Diagnostic[]): NodeAnalysis {
  const inputShapes = inputs.map((i) => i.outputShape).filter((s): s is NonNullable<typeof s> => s !== null);
  return withoutShape({ id: node.id, type: node.type, inputShapes }, diagnostics);
}

/**
 * A node's attributes read against its block, once per node object: they depend on nothing else, and a node whose
 * input changed (every node below an edit) is inferred again with the same attributes. Nodes are never changed in
 * place (an edit makes a new node object), so the object is the key.
 */
const resolvedByNode = new WeakMap<GraphNode, ResolvedAttrs>();

function resolvedAttrsOf(node: GraphNode, block: BlockDefinition): ResolvedAttrs {
  let resolved = resolvedByNode.get(node);
  if (!resolved) resolvedByNode.set(node, (resolved = resolveAttrs(node, block)));
  return resolved;
}

function valuesIn(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

function countText(n: number): string {
  return n === Infinity ? 'any number of' : String(n);
}

export function analyzeNode(node: GraphNode, inputs: readonly NodeAnalysis[]): NodeAnalysis {
  const block = blockFor(node.type);
  if (!block) {
    const guess = closestName(node.type, BLOCK_TYPES);
    const fixes: Fix[] = guess ? [{ title: `change type to '${guess}'`, edits: [{ kind: 'set-type', node: node.id, type: guess }] }] : [];
    const known = `Known types: ${BLOCK_TYPES.join(', ')}.`;
    return emptyAnalysis(node, inputs, [
      diagnostic(node.id, 'error', 'unknown-type', `Unknown block type '${node.type}'.${guess ? ` Did you mean '${guess}'?` : ''} ${known}`, fixes),
    ]);
  }

  const resolved = resolvedAttrsOf(node, block);
  const diagnostics: Diagnostic[] = resolved.diagnostics.length ? [...resolved.diagnostics] : [];

  const { min, max } = block.inputs;
  if (inputs.length < min || inputs.length > max) {
    const names = inputs.map((i) => `'${i.id}'`).join(', ');
    const expected = min === max ? `${countText(min)} input${min === 1 ? '' : 's'}` : `at least ${min} inputs`;
    let message: string;
    const fixes: Fix[] = [];
    if (max === 0) {
      message = `An input block takes no inputs, but ${names} ${inputs.length === 1 ? 'is' : 'are'} connected to it.`;
      for (const i of inputs) fixes.push({ title: `remove the edge ${i.id} → ${node.id}`, edits: [{ kind: 'remove-edge', from: i.id, to: node.id }] });
    } else if (inputs.length === 0) {
      message = `${node.type} has no input: connect a block to it.`;
    } else if (inputs.length > max) {
      message = `${node.type} takes ${expected}, but ${inputs.length} are connected (${names}). Join them with an add or concat block first.`;
      for (const i of inputs.slice(max)) fixes.push({ title: `remove the edge ${i.id} → ${node.id}`, edits: [{ kind: 'remove-edge', from: i.id, to: node.id }] });
    } else {
      message = `${node.type} takes ${expected}, but only ${names} is connected.`;
    }
    diagnostics.push(diagnostic(node.id, 'error', 'wrong-input-count', message, fixes));
    return emptyAnalysis(node, inputs, diagnostics);
  }

  // Missing shapes upstream were already explained there; this node just has no shape.
  if (!resolved.attrs || inputs.some((i) => i.outputShape === null)) return emptyAnalysis(node, inputs, diagnostics);

  const blockInputs: BlockInput[] = inputs.map((i) => ({
    id: i.id,
    shape: i.outputShape!,
    receptiveField: i.receptiveField,
    jump: i.jump,
  }));
  const result = block.infer({ node, attrs: resolved.attrs, inputs: blockInputs });
  if (result.diagnostics?.length) diagnostics.push(...result.diagnostics);
  const out = result.outputShape;
  const image = out !== null && isImageShape(out);
  const passThrough = blockInputs.length === 1 ? blockInputs[0] : null;
  const receptiveField = !image ? null : result.receptiveField !== undefined ? result.receptiveField : (passThrough?.receptiveField ?? null);
  const jump = !image ? null : result.jump !== undefined ? result.jump : (passThrough?.jump ?? null);

  return {
    id: node.id,
    type: node.type,
    inputShapes: blockInputs.map((i) => i.shape),
    attrs: result.kernelAttrs ?? resolved.attrs,
    outputShape: out,
    params: out ? (result.params ?? 0) : 0,
    nonTrainableParams: out ? (result.nonTrainableParams ?? 0) : 0,
    macs: out ? (result.macs ?? 0) : 0,
    activationBytes: out ? valuesIn(out) * BYTES_PER_VALUE : 0,
    receptiveField,
    jump,
    paramTensors: out ? (result.paramTensors ?? []) : [],
    explanations: result.explanations ?? [],
    diagnostics,
  };
}
