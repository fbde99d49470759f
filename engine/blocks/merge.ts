/**
 * Blocks with several inputs. `add` is the lecture's add gate: the output is the element-wise sum, and in backward
 * it distributes the upstream gradient unchanged to every input — so all inputs must have one shape.
 * `concat` stacks inputs along channels (the Inception module), in the order of their edges in the file.
 * The receptive field of either is the largest of its inputs'.
 */
import { defineBlock, type BlockInput } from './block';
import { diagnostic, type Fix } from '../shape/diagnostics';
import { formatShape } from '../shape/format';
import { isImageShape, type Shape } from '../shape/types';

function largest(inputs: readonly BlockInput[], pick: (i: BlockInput) => readonly [number, number] | null): readonly [number, number] | null {
  let best: [number, number] | null = null;
  for (const input of inputs) {
    const v = pick(input);
    if (!v) continue;
    best = best ? [Math.max(best[0], v[0]), Math.max(best[1], v[1])] : [v[0], v[1]];
  }
  return best;
}

function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** A projection that brings `from`'s shape to `target`, as ResNet's 1×1 shortcut convolution does. */
function projectionFix(node: string, from: BlockInput, target: Shape): Fix | null {
  const s = from.shape;
  if (isImageShape(s) && isImageShape(target)) {
    const [sh, sw] = [s[0] / target[0], s[1] / target[1]];
    if (!Number.isInteger(sh) || !Number.isInteger(sw) || sh < 1 || sw < 1) return null;
    const stride = sh === sw ? sh : [sh, sw];
    const strideText = sh === 1 && sw === 1 ? '' : `, stride ${sh === sw ? sh : `[${sh}, ${sw}]`}`;
    return {
      title: `insert a 1×1 conv (${target[2]} filters${strideText}) after '${from.id}' → ${formatShape(target)}`,
      edits: [
        {
          kind: 'insert-node',
          from: from.id,
          to: node,
          id: `${from.id}_proj`,
          type: 'conv2d',
          attrs: { filters: target[2], kernel: 1, ...(sh === 1 && sw === 1 ? {} : { stride }) },
        },
      ],
    };
  }
  if (!isImageShape(s) && !isImageShape(target)) {
    return {
      title: `insert a dense layer (${target[0]} units) after '${from.id}' → ${formatShape(target)}`,
      edits: [{ kind: 'insert-node', from: from.id, to: node, id: `${from.id}_proj`, type: 'dense', attrs: { units: target[0] } }],
    };
  }
  return null;
}

export const add = defineBlock({
  type: 'add',
  family: 'merge',
  title: 'Add',
  doc: 'Element-wise sum of two or more inputs of the same shape (a residual connection).',
  inputs: { min: 2, max: Infinity },
  attributes: {},
  infer({ node, inputs }) {
    const first = inputs[0];
    const different = inputs.filter((i) => !sameShape(i.shape, first.shape));
    if (different.length > 0) {
      const list = inputs.map((i) => `'${i.id}' ${formatShape(i.shape)}`).join(', ');
      const fixes = different.map((d) => projectionFix(node.id, d, first.shape)).filter((f): f is Fix => f !== null);
      return {
        outputShape: null,
        diagnostics: [diagnostic(node.id, 'error', 'shape-mismatch', `add needs inputs of one shape, but got ${list}.`, fixes)],
      };
    }
    return {
      outputShape: first.shape,
      receptiveField: largest(inputs, (i) => i.receptiveField),
      jump: largest(inputs, (i) => i.jump),
    };
  },
});

export const concat = defineBlock({
  type: 'concat',
  family: 'merge',
  title: 'Concat',
  doc: 'Stacks inputs along channels (images of one H×W) or joins vectors, in the order of their edges in the file.',
  inputs: { min: 2, max: Infinity },
  attributes: {},
  infer({ node, inputs }) {
    const list = inputs.map((i) => `'${i.id}' ${formatShape(i.shape)}`).join(', ');
    const images = inputs.filter((i) => isImageShape(i.shape));
    if (images.length !== 0 && images.length !== inputs.length) {
      return {
        outputShape: null,
        diagnostics: [
          diagnostic(node.id, 'error', 'concat-mismatch', `concat cannot join images with vectors: ${list}. Flatten the images first.`),
        ],
      };
    }
    const depths = inputs.map((i) => i.shape[i.shape.length - 1]);
    const total = depths.reduce((a, b) => a + b, 0);
    const explanation = { quantity: 'output channels', formula: 'C = C₁ + C₂ + …', substituted: `${depths.join(' + ')} = ${total}` };
    if (images.length === 0) {
      return { outputShape: [total], receptiveField: null, jump: null, explanations: [explanation] };
    }
    const [H, W] = inputs[0].shape;
    if (inputs.some((i) => i.shape[0] !== H || i.shape[1] !== W)) {
      return {
        outputShape: null,
        diagnostics: [
          diagnostic(
            node.id,
            'error',
            'concat-mismatch',
            `concat joins along channels, so every input needs the same height × width, but got ${list}.`,
          ),
        ],
      };
    }
    return {
      outputShape: [H, W, total],
      receptiveField: largest(inputs, (i) => i.receptiveField),
      jump: largest(inputs, (i) => i.jump),
      explanations: [explanation],
    };
  },
});
