/**
 * Imports of the ops behind the newer blocks (grouped and transposed convolution, upsampling, global max pool, layer
 * norm, GELU, SiLU, ReLU6). Each checks that this wiregrad has the block, so a model using one is listed as
 * unsupported rather than written as a graph wiregrad would refuse.
 */
import type { JsonValue } from '../../graph/types';
import { blockFor } from '../../blocks/specs';
import { convWeightFromOihw, featuresFromChw } from '../../export/layout';
import { isImageShape } from '../../shape/types';
import type { Constant } from './constants';
import type { ImportContext, ImportValue, OpImport } from './context';
import { Unsupported } from './errors';

export function requireBlock(type: string, attribute?: string): void {
  const block = blockFor(type);
  if (!block) throw new Unsupported(`this wiregrad has no ${type} block`);
  if (attribute && !(attribute in block.attributes)) throw new Unsupported(`this wiregrad's ${type} has no '${attribute}' attribute`);
}

function pair(h: number, w: number): JsonValue {
  return h === w ? h : [h, w];
}

function floats(c: Constant | null, what: string): Float32Array {
  if (!c?.floats) throw new Unsupported(`${what} is not a float constant`);
  return c.floats;
}

function imageInput(ctx: ImportContext): ImportValue & { hwc: [number, number, number] } {
  const x = ctx.value(0);
  const s = x.layout.kind === 'image' ? ctx.shapeOf(x.id) : null;
  if (!s || !isImageShape(s)) throw new Unsupported(`${ctx.node.opType} needs an image [N, C, H, W] input here`);
  return { ...x, hwc: [s[0], s[1], s[2]] };
}

/** Conv with group > 1: conv2d's `groups` (depthwise when it equals the channels). */
export function groupedConv(ctx: ImportContext, group: number): void {
  requireBlock('conv2d', 'groups');
  const x = imageInput(ctx);
  const w = ctx.constant(1);
  const data = floats(w, 'the convolution weight');
  const [K, Cg, Fh, Fw] = w!.dims;
  if (Cg * group !== x.hwc[2]) throw new Unsupported(`group ${group} of ${Cg} channels each, but the input has ${x.hwc[2]}`);
  const pads = ctx.attrInts('pads', [0, 0, 0, 0]);
  if (ctx.attrString('auto_pad', 'NOTSET') !== 'NOTSET' || pads[0] !== pads[2] || pads[1] !== pads[3]) throw new Unsupported('a grouped convolution with asymmetric or automatic padding');
  const stride = ctx.attrInts('strides', [1, 1]);
  const dilation = ctx.attrInts('dilations', [1, 1]);
  const bias = ctx.hasInput(2) ? floats(ctx.constant(2), 'the convolution bias') : null;
  const attrs: Record<string, JsonValue> = { filters: K, kernel: pair(Fh, Fw) };
  if (stride[0] !== 1 || stride[1] !== 1) attrs.stride = pair(stride[0], stride[1]);
  if (pads[0] !== 0 || pads[1] !== 0) attrs.padding = pair(pads[0], pads[1]);
  if (dilation[0] !== 1 || dilation[1] !== 1) attrs.dilation = pair(dilation[0], dilation[1]);
  if (!bias) attrs.bias = false;
  attrs.groups = group;
  const params = { weight: { shape: [Fh, Fw, Cg, K], data: convWeightFromOihw(data, w!.dims) }, ...(bias ? { bias: { shape: [K], data: bias } } : {}) };
  const hint = ctx.node.input?.[1]?.endsWith('.weight') ? ctx.node.input[1].slice(0, -7) : undefined;
  ctx.output({ id: ctx.add('conv2d', attrs, [x.id], params, hint), layout: { kind: 'image' } });
}

const convTranspose: OpImport = (ctx) => {
  requireBlock('conv2dtranspose');
  const x = imageInput(ctx);
  const w = ctx.constant(1);
  const data = floats(w, 'the transposed convolution weight');
  if (w!.dims.length !== 4) throw new Unsupported('a transposed convolution that is not 2-D');
  const [Cin, K, Fh, Fw] = w!.dims;
  if (ctx.attrInt('group', 1) !== 1) throw new Unsupported('a grouped transposed convolution');
  if (ctx.attrInts('dilations', [1, 1]).some((d) => d !== 1)) throw new Unsupported('a dilated transposed convolution');
  if (ctx.attrInts('output_shape', []).length > 0 || ctx.attrString('auto_pad', 'NOTSET') !== 'NOTSET') throw new Unsupported('output_shape or auto_pad (give pads and output_padding)');
  if (Cin !== x.hwc[2]) throw new Unsupported(`the weight reads ${Cin} channels but the input has ${x.hwc[2]}`);
  const [t, l, b, r] = ctx.attrInts('pads', [0, 0, 0, 0]);
  if (t !== b || l !== r) throw new Unsupported(`asymmetric pads [${[t, l, b, r].join(', ')}] on a transposed convolution`);
  const stride = ctx.attrInts('strides', [1, 1]);
  const outputPadding = ctx.attrInts('output_padding', [0, 0]);
  const bias = ctx.hasInput(2) ? floats(ctx.constant(2), 'the transposed convolution bias') : null;
  const attrs: Record<string, JsonValue> = { filters: K, kernel: pair(Fh, Fw) };
  if (stride[0] !== 1 || stride[1] !== 1) attrs.stride = pair(stride[0], stride[1]);
  if (t !== 0 || l !== 0) attrs.padding = pair(t, l);
  if (outputPadding[0] !== 0 || outputPadding[1] !== 0) attrs.outputPadding = pair(outputPadding[0], outputPadding[1]);
  if (!bias) attrs.bias = false;
  // ONNX [C_in, K, F_h, F_w] → wiregrad [F_h, F_w, K, C_in]: the conv kernel shuffle with C_in in the "out" place.
  const params = { weight: { shape: [Fh, Fw, K, Cin], data: convWeightFromOihw(data, [Cin, K, Fh, Fw]) }, ...(bias ? { bias: { shape: [K], data: bias } } : {}) };
  const hint = ctx.node.input?.[1]?.endsWith('.weight') ? ctx.node.input[1].slice(0, -7) : undefined;
  ctx.output({ id: ctx.add('conv2dtranspose', attrs, [x.id], params, hint), layout: { kind: 'image' } });
};

/** Resize (and the older Upsample) by whole factors: nearest with floor on asymmetric coordinates, or PyTorch's bilinear. */
const resize: OpImport = (ctx) => {
  requireBlock('upsample2d');
  const x = imageInput(ctx);
  const [H, W, C] = x.hwc;
  const old = ctx.node.opType === 'Upsample';
  const scalesInput = ctx.constant(old ? 1 : 2);
  const sizesInput = old ? null : ctx.constant(3);
  let scales: number[];
  if (scalesInput?.floats && scalesInput.floats.length === 4) scales = Array.from(scalesInput.floats);
  else if (sizesInput?.ints && sizesInput.ints.length === 4) scales = [1, sizesInput.ints[1] / C, sizesInput.ints[2] / H, sizesInput.ints[3] / W];
  else if (old && ctx.attrInts('scales', []).length === 0 && ctx.node.attribute?.some((a) => a.name === 'scales')) scales = ctx.node.attribute!.find((a) => a.name === 'scales')!.floats!;
  else throw new Unsupported('scales or sizes computed at run time');
  const [sn, sc, sh, sw] = scales;
  if (sn !== 1 || sc !== 1 || !Number.isInteger(sh) || !Number.isInteger(sw) || sh < 1 || sw < 1) {
    throw new Unsupported(`scales [${scales.join(', ')}] (wiregrad upsamples height and width by whole factors)`);
  }
  const mode = ctx.attrString('mode', 'nearest');
  const coordinates = old ? 'asymmetric' : ctx.attrString('coordinate_transformation_mode', 'half_pixel');
  let wiregradMode: 'nearest' | 'bilinear';
  if (mode === 'nearest' && (old || (coordinates === 'asymmetric' && ctx.attrString('nearest_mode', 'round_prefer_floor') === 'floor'))) wiregradMode = 'nearest';
  // pytorch_half_pixel differs from half_pixel only for an output of one pixel, which a whole factor ≥ 1 of an image never is… unless the input is 1 pixel and the scale 1.
  else if (mode === 'linear' && !old && (coordinates === 'half_pixel' || coordinates === 'pytorch_half_pixel')) wiregradMode = 'bilinear';
  else throw new Unsupported(`Resize mode '${mode}' with ${coordinates} coordinates (wiregrad has nearest-floor and PyTorch's bilinear with align_corners=false)`);
  if (wiregradMode === 'bilinear' && coordinates === 'pytorch_half_pixel' && (H * sh === 1 || W * sw === 1)) throw new Unsupported('pytorch_half_pixel to a one-pixel output');
  const attrs: Record<string, JsonValue> = { scale: pair(sh, sw) };
  if (wiregradMode !== 'nearest') attrs.mode = wiregradMode;
  ctx.output({ id: ctx.add('upsample2d', attrs, [x.id]), layout: { kind: 'image' } });
};

const globalMaxPool: OpImport = (ctx) => {
  requireBlock('globalmaxpool');
  const x = imageInput(ctx);
  ctx.output({ id: ctx.add('globalmaxpool', {}, [x.id]), layout: { kind: 'vector' } });
};

const layerNormalization: OpImport = (ctx) => {
  requireBlock('layernorm');
  const x = ctx.value(0);
  const axis = ctx.attrInt('axis', -1);
  if ((ctx.node.output ?? []).slice(1).some(Boolean)) throw new Unsupported('the mean or inverse-deviation outputs of LayerNormalization');
  const rank = x.layout.kind === 'image' || x.layout.kind === 'nhwc' ? 4 : 2;
  if (x.layout.kind === 'image' || (axis !== -1 && axis !== rank - 1)) {
    throw new Unsupported(`LayerNormalization over axis ${axis} of a ${x.layout.kind === 'image' ? 'NCHW image (wiregrad normalises the channels at each position)' : `${rank}-D tensor`}`);
  }
  const gamma = floats(ctx.constant(1), "layer norm's scale");
  const beta = ctx.hasInput(2) ? floats(ctx.constant(2), "layer norm's bias") : new Float32Array(gamma.length);
  const order = (v: Float32Array) => (x.layout.kind === 'chw-flat' ? featuresFromChw(v, x.layout.image) : v);
  const params = { gamma: { shape: [gamma.length], data: order(gamma) }, beta: { shape: [beta.length], data: order(beta) } };
  const scale = ctx.node.input?.[1] ?? '';
  const hint = scale.endsWith('.weight') ? scale.slice(0, -7) : scale.endsWith('.gamma') ? scale.slice(0, -6) : undefined;
  const epsilon = Number(ctx.attrFloat('epsilon', 1e-5).toPrecision(7));
  ctx.output({ id: ctx.add('layernorm', { epsilon }, [x.id], params, hint), layout: x.layout.kind === 'chw-flat' ? { ...x.layout, pure: false } : x.layout });
};

function elementwiseBlock(ctx: ImportContext, type: string, x: ImportValue): ImportValue {
  requireBlock(type);
  if (x.layout.kind === 'nhwc') throw new Unsupported(`${type} on a channels-last tensor`);
  return { id: ctx.add(type, {}, [x.id]), layout: x.layout.kind === 'chw-flat' ? { ...x.layout, pure: false } : x.layout };
}

/** ONNX's Gelu op (opset 20), exact form only. */
const gelu: OpImport = (ctx) => {
  if (ctx.attrString('approximate', 'none') !== 'none') throw new Unsupported("GELU's tanh approximation (wiregrad's gelu is the exact erf form)");
  ctx.output(elementwiseBlock(ctx, 'gelu', ctx.value(0)));
};

/** A scalar constant input of `node` other than `value`, or null. */
function scalarBeside(ctx: ImportContext, node: { input?: string[] | null }, value: string): number | null {
  const other = (node.input ?? []).find((i) => i !== value);
  const c = ctx.constantNamed(other);
  return c?.floats && c.floats.length === 1 ? c.floats[0] : null;
}

/**
 * x / √2 → Erf → + 1 → · x → · ½: exact GELU as PyTorch (and wiregrad's export) write it in opset 17, fused back into
 * one gelu block. Any other Div is unsupported.
 */
const div: OpImport = (ctx) => {
  const xName = ctx.node.input?.[0] ?? '';
  const x = ctx.value(0);
  const divisor = ctx.constant(1)?.floats;
  const erf = ctx.soleConsumer();
  const add = erf?.opType === 'Erf' ? ctx.soleConsumer(erf.output![0]) : null;
  const mul = add?.opType === 'Add' && scalarBeside(ctx, add, erf!.output![0]) === 1 ? ctx.soleConsumer(add.output![0]) : null;
  const byX = mul?.opType === 'Mul' && (mul.input ?? []).includes(xName) && (mul.input ?? []).includes(add!.output![0]);
  const half = byX ? ctx.soleConsumer(mul!.output![0]) : null;
  const isGelu =
    divisor?.length === 1 && Math.abs(divisor[0] - Math.SQRT2) < 1e-6 && half?.opType === 'Mul' && scalarBeside(ctx, half, mul!.output![0]) === 0.5;
  if (!isGelu) throw new Unsupported('Div other than the x/√2 of an exact GELU');
  const value = elementwiseBlock(ctx, 'gelu', x);
  for (const later of [erf!, add!, mul!]) ctx.absorb(later, value);
  ctx.absorb(half!, value);
  ctx.output(value);
};

/** Sigmoid(x) read only by x · Sigmoid(x) is silu; otherwise a plain sigmoid. */
export function sigmoidOrSilu(ctx: ImportContext): boolean {
  const xName = ctx.node.input?.[0] ?? '';
  const mul = ctx.soleConsumer();
  if (mul?.opType !== 'Mul' || !(mul.input ?? []).includes(xName) || !blockFor('silu')) return false;
  const value = elementwiseBlock(ctx, 'silu', ctx.value(0));
  ctx.absorb(mul, value);
  ctx.output(value);
  return true;
}

/** Clip(x, 0, 6) → relu6 (called by Clip's import when the bounds say so). */
export function relu6(ctx: ImportContext): void {
  ctx.output(elementwiseBlock(ctx, 'relu6', ctx.value(0)));
}

/** Transpose (0, 3, 1, 2) of a channels-last tensor brings the image back to NCHW (after a layer norm over channels). */
export function backToNchw(ctx: ImportContext, x: ImportValue): boolean {
  if (x.layout.kind !== 'nhwc' || ctx.attrInts('perm', []).join() !== '0,3,1,2') return false;
  ctx.output({ id: x.id, layout: { kind: 'image' } });
  return true;
}

export const MODERN_IMPORTS: Readonly<Record<string, OpImport>> = {
  ConvTranspose: convTranspose,
  Resize: resize,
  Upsample: resize,
  GlobalMaxPool: globalMaxPool,
  LayerNormalization: layerNormalization,
  Gelu: gelu,
  Div: div,
};
