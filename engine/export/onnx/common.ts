/** Helpers the block mappings share: reading resolved attributes, ONNX pads, and output values. */
import type { NodeAnalysis } from '../../shape/types';
import { OnnxExportError, type OnnxExportContext, type OnnxLayout, type OnnxValue } from './mapping';

export function resolved(node: NodeAnalysis) {
  const fail = (name: string, want: string): never => {
    throw new OnnxExportError(`node '${node.id}' (${node.type}): attribute '${name}' is not ${want} after analysis`);
  };
  return {
    pair(name: string): [number, number] {
      const v = node.attrs[name];
      if (Number.isInteger(v)) return [v as number, v as number];
      return Array.isArray(v) && v.length === 2 && v.every(Number.isInteger) ? [v[0], v[1]] : fail(name, 'a pair of whole numbers');
    },
    string(name: string): string {
      const v = node.attrs[name];
      return typeof v === 'string' ? v : fail(name, 'a string');
    },
    /** Padding as [top, bottom, left, right] (the analysis resolves "same"; a plain [h, w] pair is symmetric). */
    pads(): [number, number, number, number] {
      const v = node.attrs.padding;
      if (Array.isArray(v) && v.length === 4 && v.every(Number.isInteger)) return [v[0], v[1], v[2], v[3]];
      if (Array.isArray(v) && v.length === 2 && v.every(Number.isInteger)) return [v[0], v[0], v[1], v[1]];
      if (Number.isInteger(v)) return [v as number, v as number, v as number, v as number];
      return fail('padding', 'four pads');
    },
    number(name: string): number {
      const v = node.attrs[name];
      return typeof v === 'number' && Number.isFinite(v) ? v : fail(name, 'a number');
    },
  };
}

/** wiregrad [top, bottom, left, right] → ONNX [top, left, bottom, right] (all begins, then all ends). */
export function pads([top, bottom, left, right]: readonly [number, number, number, number]): number[] {
  return [top, left, bottom, right];
}

function shapeOf(ctx: OnnxExportContext) {
  const shape = ctx.node.outputShape;
  if (!shape) throw new OnnxExportError(`node '${ctx.node.id}' (${ctx.node.type}): its shape could not be computed`);
  return shape;
}

export function imageOut(ctx: OnnxExportContext, name: string): OnnxValue {
  return { name, shape: shapeOf(ctx), layout: { kind: 'image' } };
}

export function vectorOut(ctx: OnnxExportContext, name: string): OnnxValue {
  return { name, shape: shapeOf(ctx), layout: { kind: 'vector' } };
}

/** An output laid out like the (first) input: element-wise ops keep NCHW, vectors and chw-flat orders as they are. */
export function sameLayoutOut(ctx: OnnxExportContext, name: string, layout: OnnxLayout = ctx.inputs[0].layout): OnnxValue {
  return { name, shape: shapeOf(ctx), layout };
}
