/**
 * What every convolution layer (conv2d, grouped conv2d, conv2dtranspose) reads from its analysed node before it
 * builds: the window (kernel, stride, padding; dilation where the block has it), the shapes, and its parameters.
 * Only the weight's layout differs between them, so the caller says it.
 */
import type { ParamTensor } from '../../model/params';
import { createParams } from '../core/init';
import { attr, isBoolean, isNumber, isPads, isPair, shapesOf, type LayerContext } from '../core/layer';
import { Workspace } from '../core/workspace';

export interface ConvSetup {
  readonly kh: number;
  readonly kw: number;
  readonly sh: number;
  readonly sw: number;
  /** [1, 1] for a block without a dilation attribute (conv2dtranspose). */
  readonly dh: number;
  readonly dw: number;
  readonly padTop: number;
  readonly padLeft: number;
  readonly filters: number;
  readonly inH: number;
  readonly inW: number;
  readonly inC: number;
  readonly outH: number;
  readonly outW: number;
  readonly output: readonly number[];
  readonly params: ReturnType<typeof createParams>;
  readonly weight: ParamTensor;
  readonly bias: ParamTensor | null;
  readonly ws: Workspace;
}

/** The dimensions a weight layout is written in: kernel height and width, input channels, filters. */
export interface ConvDims {
  readonly kh: number;
  readonly kw: number;
  readonly inC: number;
  readonly filters: number;
}

export function convSetup(ctx: LayerContext, weightShape: (d: ConvDims) => number[], options: { dilation: boolean }): ConvSetup {
  const { node } = ctx;
  const { input, output } = shapesOf(node);
  const [kh, kw] = attr(node, 'kernel', isPair);
  const [sh, sw] = attr(node, 'stride', isPair);
  const [dh, dw] = options.dilation ? attr(node, 'dilation', isPair) : [1, 1];
  const [padTop, , padLeft] = attr(node, 'padding', isPads);
  const filters = attr(node, 'filters', isNumber);
  const hasBias = attr(node, 'bias', isBoolean);
  const [inH, inW, inC] = input;
  const [outH, outW] = output;
  const params = createParams(ctx);
  const weight = params.get('weight', weightShape({ kh, kw, inC, filters }));
  const bias = hasBias ? params.get('bias', [filters]) : null;
  return { kh, kw, sh, sw, dh, dw, padTop, padLeft, filters, inH, inW, inC, outH, outW, output, params, weight, bias, ws: new Workspace(ctx.dtype) };
}
