/**
 * The words and numbers on a node card: key attributes in the lecture's shorthand ("5×5 /1 pad 2 ×10"), the
 * output shape ("32×32×10", or "—" when it cannot be computed) and the parameter count ("760"). Pure, tested.
 */
import type { GraphNode, JsonValue } from '../../engine/graph/types';
import { formatCount, formatShape } from '../../engine/shape/format';
import type { NodeAnalysis } from '../../engine/shape/types';

export const UNKNOWN = '—';

type Pair = readonly [number, number];

function isPair(v: unknown): v is Pair {
  return Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'number');
}

/** 5×5 for a square or [5, 3] kernel; "5" style pairs. */
function size(p: Pair): string {
  return `${p[0]}×${p[1]}`;
}

function axis(p: Pair): string {
  return p[0] === p[1] ? String(p[0]) : `${p[0]},${p[1]}`;
}

/** Resolved padding [top, bottom, left, right] → "pad 2", "pad 1,2" or "pad 0,1,0,1". */
function pad(p: unknown): string | null {
  if (!Array.isArray(p) || p.length !== 4) return null;
  const [t, b, l, r] = p as number[];
  if (t === 0 && b === 0 && l === 0 && r === 0) return null;
  if (t === b && l === r) return `pad ${t === l ? t : `${t},${l}`}`;
  return `pad ${p.join(',')}`;
}

/** Compact text of an attribute as written (for nodes whose attributes have errors). */
function raw(v: JsonValue): string {
  return Array.isArray(v) ? v.join('×') : typeof v === 'object' && v !== null ? '{…}' : String(v);
}

/** The key attributes of a node, from the engine's resolved attributes when it could read them. */
export function keyAttributes(node: GraphNode, analysis: NodeAnalysis | undefined): string {
  const a = analysis?.attrs ?? {};
  const parts: string[] = [];
  const spatial = () => {
    if (isPair(a.kernel)) parts.push(size(a.kernel));
    if (isPair(a.stride)) parts.push(`/${axis(a.stride)}`);
    const p = pad(a.padding);
    if (p) parts.push(p);
    if (isPair(a.dilation) && (a.dilation[0] !== 1 || a.dilation[1] !== 1)) parts.push(`dil ${axis(a.dilation)}`);
  };
  switch (node.type) {
    case 'input':
      if (Array.isArray(a.shape)) parts.push(formatShape(a.shape as number[]));
      break;
    case 'conv2d':
      spatial();
      if (typeof a.filters === 'number') parts.push(`×${a.filters}`);
      if (a.bias === false) parts.push('no bias');
      break;
    case 'maxpool2d':
    case 'avgpool2d':
      spatial();
      break;
    case 'dense':
      if (typeof a.units === 'number') parts.push(`${a.units} units`);
      if (a.bias === false) parts.push('no bias');
      break;
    case 'maxout':
      if (typeof a.units === 'number' && typeof a.pieces === 'number') parts.push(`${a.units} units × ${a.pieces} pieces`);
      break;
    case 'dropout':
      if (typeof a.rate === 'number') parts.push(`rate ${a.rate}`);
      break;
    case 'leakyrelu':
    case 'elu':
      if (typeof a.alpha === 'number') parts.push(`α ${a.alpha}`);
      break;
    case 'batchnorm':
      if (typeof a.momentum === 'number') parts.push(`momentum ${a.momentum}`);
      break;
  }
  if (parts.length === 0 && Object.keys(a).length === 0) {
    // Unreadable attributes: show them as written, so the card still says what the file says.
    return Object.entries(node.attrs)
      .map(([k, v]) => `${k} ${raw(v)}`)
      .join(' ');
  }
  return parts.join(' ');
}

export function shapeText(analysis: NodeAnalysis | undefined): string {
  return analysis?.outputShape ? formatShape(analysis.outputShape) : UNKNOWN;
}

/** All parameters, trainable or not (the summary table's Params column). */
export function paramsText(analysis: NodeAnalysis | undefined): string {
  return formatCount(analysis ? analysis.params + analysis.nonTrainableParams : 0);
}
