/**
 * The words and numbers on a node card: key attributes in the lecture's shorthand ("5×5 /1 pad 2 ×10", each block's
 * `cardLabel` in engine/blocks/<family>/<type>.spec.ts), the output shape ("32×32×10", or "—" when it cannot be
 * computed) and the parameter count ("760"). Pure, tested.
 */
import { blockFor } from '../../engine/blocks/specs';
import type { GraphNode, JsonValue } from '../../engine/graph/types';
import { formatCount, formatShape } from '../../engine/shape/format';
import type { NodeAnalysis } from '../../engine/shape/types';

export const UNKNOWN = '—';

/** Compact text of an attribute as written (for nodes whose attributes have errors). */
function raw(v: JsonValue): string {
  return Array.isArray(v) ? v.join('×') : typeof v === 'object' && v !== null ? '{…}' : String(v);
}

/** The key attributes of a node: its block's card label from the engine's resolved attributes when it could read them. */
export function keyAttributes(node: GraphNode, analysis: NodeAnalysis | undefined): string {
  const a = analysis?.attrs ?? {};
  const text = blockFor(node.type)?.cardLabel(a) ?? '';
  if (text === '' && Object.keys(a).length === 0) {
    // Unreadable attributes: show them as written, so the card still says what the file says.
    return Object.entries(node.attrs)
      .map(([k, v]) => `${k} ${raw(v)}`)
      .join(' ');
  }
  return text;
}

/** Shapes are shared along a chain (an activation passes its input's array on): each array is written once. */
const shapeTexts = new WeakMap<readonly number[], string>();

export function shapeText(analysis: NodeAnalysis | undefined): string {
  const shape = analysis?.outputShape;
  if (!shape) return UNKNOWN;
  let text = shapeTexts.get(shape);
  if (text === undefined) shapeTexts.set(shape, (text = formatShape(shape)));
  return text;
}

/** All parameters, trainable or not (the summary table's Params column). */
export function paramsText(analysis: NodeAnalysis | undefined): string {
  return formatCount(analysis ? analysis.params + analysis.nonTrainableParams : 0);
}
