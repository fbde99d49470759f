/**
 * `add` is the lecture's add gate: the output is the element-wise sum, and in backward it distributes the upstream
 * gradient unchanged to every input — so all inputs must have one shape (a mismatch offers ResNet's projection).
 * Its receptive field is the largest of its inputs'.
 */
import { defineBlock, type BlockInput } from '../core/block';
import { diagnostic, type Fix } from '../../shape/diagnostics';
import { formatShape } from '../../shape/format';
import { isImageShape, type Shape } from '../../shape/types';
import { largest } from './largest';

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
  cardLabel: () => '',
});
