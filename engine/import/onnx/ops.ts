/**
 * Each supported ONNX op's import, by op type: the wiregrad block it becomes and its weights in wiregrad's layouts
 * (engine/export/layout.ts, inverted). Patterns of several ops that form one block are fused here: Gemm/MatMul (+ Add)
 * is dense, and with Reshape [N, units, pieces] + ReduceMax it is maxout; Reshape → Transpose → Flatten of a flattened
 * image brings it back to wiregrad's order, which a wiregrad flatten already has.
 */
import type { JsonValue } from '../../graph/types';
import { convWeightFromOihw, denseWeightFromOutIn, featuresFromChw, type Hwc } from '../../export/layout';
import { isImageShape } from '../../shape/types';
import { transpose2d, type Constant } from './constants';
import type { ImportContext, ImportLayout, ImportValue, OpImport } from './context';
import { Unsupported } from './errors';
import { backToNchw, groupedConv, MODERN_IMPORTS, relu6, sigmoidOrSilu } from './modernOps';
import { blockFor } from '../../blocks/specs';

/** A number or [h, w] pair written the way graph files write it: a single number when both agree. */
function pair(h: number, w: number): JsonValue {
  return h === w ? h : [h, w];
}

/** The shortest decimal that is the same float32 (ONNX attributes are float32: 0.1 arrives as 0.100000001490116). */
export function float32Decimal(f: number): number {
  for (let p = 1; p <= 9; p++) {
    const d = Number(f.toPrecision(p));
    if (Math.fround(d) === Math.fround(f)) return d;
  }
  return f;
}

function floats(c: Constant | null, what: string): Constant & { floats: Float32Array } {
  if (!c || !c.floats) throw new Unsupported(`${what} is not a float constant (wiregrad needs it fixed in the file)`);
  return c as Constant & { floats: Float32Array };
}

/** The weight initializer's name without `.weight`: PyTorch's module path ("layer1.0.conv1"), or wiregrad's node id. */
function weightHint(ctx: ImportContext, i: number): string | undefined {
  const name = ctx.node.input?.[i];
  return name && name.endsWith('.weight') ? name.slice(0, -'.weight'.length) : undefined;
}

function image(ctx: ImportContext, i: number): ImportValue & { hwc: Hwc } {
  const v = ctx.value(i);
  if (v.layout.kind !== 'image') throw new Unsupported(`${ctx.node.opType} needs an image [N, C, H, W] input here`);
  const s = ctx.shapeOf(v.id);
  if (!isImageShape(s)) throw new Unsupported(`input '${v.id}' is not an image`);
  return { ...v, hwc: [s[0], s[1], s[2]] };
}

/** TensorFlow's "same" pads of one axis: output ⌈size/stride⌉, the extra pixel after. */
function samePads(size: number, span: number, stride: number): [number, number] {
  const total = Math.max((Math.ceil(size / stride) - 1) * stride + span - size, 0);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}

/** ONNX pads [top, left, bottom, right] (or auto_pad) → wiregrad's padding attribute (a number, [h, w] or "same"). */
function padding(ctx: ImportContext, hw: readonly [number, number], kernel: readonly number[], stride: readonly number[], dilation: readonly number[], allowSame: boolean): JsonValue {
  const spans = [0, 1].map((a) => dilation[a] * (kernel[a] - 1) + 1);
  const same = [0, 1].map((a) => samePads(hw[a], spans[a], stride[a]));
  const auto = ctx.attrString('auto_pad', 'NOTSET');
  let p: number[];
  if (auto === 'VALID') p = [0, 0, 0, 0];
  else if (auto === 'SAME_UPPER') p = [same[0][0], same[1][0], same[0][1], same[1][1]];
  else if (auto === 'SAME_LOWER') p = [same[0][1], same[1][1], same[0][0], same[1][0]];
  else p = ctx.attrInts('pads', [0, 0, 0, 0]);
  const [t, l, b, r] = p;
  if (t === b && l === r) return pair(t, l);
  if (allowSame && t === same[0][0] && b === same[0][1] && l === same[1][0] && r === same[1][1]) return 'same';
  throw new Unsupported(`asymmetric padding [${p.join(', ')}] that is not TensorFlow's "same" (the extra row/column after)`);
}

const conv: OpImport = (ctx) => {
  const x = image(ctx, 0);
  const w = floats(ctx.constant(1), 'the convolution weight');
  if (w.dims.length !== 4) throw new Unsupported(`a ${w.dims.length - 2}-D convolution (wiregrad has 2-D ones)`);
  const [K, Cg, Fh, Fw] = w.dims;
  const group = ctx.attrInt('group', 1);
  if (group !== 1) return groupedConv(ctx, group);
  if (Cg !== x.hwc[2]) throw new Unsupported(`the weight reads ${Cg} channels but the input has ${x.hwc[2]}`);
  const stride = ctx.attrInts('strides', [1, 1]);
  const dilation = ctx.attrInts('dilations', [1, 1]);
  const pad = padding(ctx, [x.hwc[0], x.hwc[1]], [Fh, Fw], stride, dilation, true);
  const bias = ctx.hasInput(2) ? floats(ctx.constant(2), 'the convolution bias') : null;
  const attrs: Record<string, JsonValue> = { filters: K, kernel: pair(Fh, Fw) };
  if (stride[0] !== 1 || stride[1] !== 1) attrs.stride = pair(stride[0], stride[1]);
  if (pad !== 0) attrs.padding = pad;
  if (dilation[0] !== 1 || dilation[1] !== 1) attrs.dilation = pair(dilation[0], dilation[1]);
  if (!bias) attrs.bias = false;
  const params = { weight: { shape: [Fh, Fw, Cg, K], data: convWeightFromOihw(w.floats, w.dims) }, ...(bias ? { bias: { shape: [K], data: bias.floats } } : {}) };
  ctx.output({ id: ctx.add('conv2d', attrs, [x.id], params, weightHint(ctx, 1)), layout: { kind: 'image' } });
};

function pool(type: 'maxpool2d' | 'avgpool2d'): OpImport {
  return (ctx) => {
    const x = image(ctx, 0);
    const kernel = ctx.attrInts('kernel_shape', []);
    if (kernel.length !== 2) throw new Unsupported('pooling needs a 2-D kernel_shape');
    const stride = ctx.attrInts('strides', [1, 1]);
    if (ctx.attrInt('ceil_mode', 0) !== 0) throw new Unsupported('ceil_mode = 1 (wiregrad floors the output size)');
    if (ctx.attrInts('dilations', [1, 1]).some((d) => d !== 1)) throw new Unsupported('dilated pooling');
    if ((ctx.node.output ?? []).length > 1 && ctx.node.output![1]) throw new Unsupported('the indices output of MaxPool');
    const pad = padding(ctx, [x.hwc[0], x.hwc[1]], kernel, stride, [1, 1], false);
    // A window the size of the image is a global pool (PyTorch's AdaptiveMaxPool2d(1) exports so).
    const global = type === 'maxpool2d' ? 'globalmaxpool' : 'globalavgpool';
    if (pad === 0 && kernel[0] === x.hwc[0] && kernel[1] === x.hwc[1] && blockFor(global)) {
      return ctx.output({ id: ctx.add(global, {}, [x.id]), layout: { kind: 'vector' } });
    }
    if (type === 'avgpool2d' && pad !== 0 && ctx.attrInt('count_include_pad', 0) !== 1) {
      throw new Unsupported('average pooling that leaves padding out of the mean (count_include_pad = 0); wiregrad counts it');
    }
    const attrs: Record<string, JsonValue> = { kernel: pair(kernel[0], kernel[1]) };
    if (stride[0] !== kernel[0] || stride[1] !== kernel[1]) attrs.stride = pair(stride[0], stride[1]);
    if (pad !== 0) attrs.padding = pad;
    ctx.output({ id: ctx.add(type, attrs, [x.id]), layout: { kind: 'image' } });
  };
}

/** The features a dense layer reads: a vector, or a flattened image (whose channels-first order its rows undo). */
function rows(ctx: ImportContext): { x: ImportValue; nIn: number; image: Hwc | null } {
  const x = ctx.value(0);
  if (x.layout.kind === 'image' || x.layout.kind === 'nhwc') throw new Unsupported(`${ctx.node.opType} on a 4-D tensor (flatten it first)`);
  const image = x.layout.kind === 'chw-flat' ? x.layout.image : null;
  const nIn = image ? image[0] * image[1] * image[2] : ctx.shapeOf(x.id).reduce((a, b) => a * b, 1);
  return { x, nIn, image };
}

/**
 * dense from a [n_out, n_in] weight; becomes maxout when the output is only reshaped to [N, units, pieces] and maxed over
 * the pieces. `last` is the ONNX node whose output the layer's output is (Gemm, or the Add of MatMul + Add).
 */
function denseOrMaxout(ctx: ImportContext, outIn: Constant & { floats: Float32Array }, bias: Float32Array | null, last: string, hint: string | undefined): ImportValue {
  const { x, nIn, image } = rows(ctx);
  const [nOut, k] = outIn.dims;
  if (k !== nIn) throw new Unsupported(`the weight reads ${k} features but the input has ${nIn}`);
  if (bias && bias.length !== nOut) throw new Unsupported(`a bias of ${bias.length} values for ${nOut} outputs`);
  const weight = { shape: [nIn, nOut], data: denseWeightFromOutIn(outIn.floats, nIn, nOut, image) };
  const reshape = ctx.soleConsumer(last);
  const reduce = reshape?.opType === 'Reshape' ? ctx.soleConsumer(reshape.output![0]) : null;
  const target = reshape ? ctx.constantNamed(reshape.input?.[1]) : null;
  if (reshape && reduce?.opType === 'ReduceMax' && target?.ints && target.ints.length === 3 && target.ints[1] * target.ints[2] === nOut) {
    const axes = reduce.attribute?.find((a) => a.name === 'axes')?.ints?.map(Number) ?? [];
    const keep = Number(reduce.attribute?.find((a) => a.name === 'keepdims')?.i ?? 1);
    if ((axes.length === 1 && (axes[0] === 2 || axes[0] === -1)) && keep === 0) {
      const [units, pieces] = [target.ints[1], target.ints[2]];
      const params = { weight, bias: { shape: [nOut], data: bias ?? new Float32Array(nOut) } };
      const value: ImportValue = { id: ctx.add('maxout', { units, pieces }, [x.id], params, hint), layout: { kind: 'vector' } };
      ctx.absorb(reshape, value);
      ctx.absorb(reduce, value);
      return value;
    }
  }
  const attrs: Record<string, JsonValue> = { units: nOut };
  if (!bias) attrs.bias = false;
  const params = { weight, ...(bias ? { bias: { shape: [nOut], data: bias } } : {}) };
  return { id: ctx.add('dense', attrs, [x.id], params, hint), layout: { kind: 'vector' } };
}

const gemm: OpImport = (ctx) => {
  if (ctx.attrFloat('alpha', 1) !== 1 || ctx.attrFloat('beta', 1) !== 1 || ctx.attrInt('transA', 0) !== 0) {
    throw new Unsupported('Gemm with alpha ≠ 1, beta ≠ 1 or transA');
  }
  let b = floats(ctx.constant(1), 'the Gemm weight');
  if (b.dims.length !== 2) throw new Unsupported('a Gemm weight that is not 2-D');
  if (ctx.attrInt('transB', 0) === 0) b = floats(transpose2d(b), 'the Gemm weight');
  const c = ctx.hasInput(2) ? floats(ctx.constant(2), 'the Gemm bias') : null;
  ctx.output(denseOrMaxout(ctx, b, c?.floats ?? null, ctx.node.output![0], weightHint(ctx, 1)));
};

const matmul: OpImport = (ctx) => {
  const b = floats(ctx.constant(1), 'the MatMul weight');
  if (b.dims.length !== 2) throw new Unsupported('a MatMul weight that is not 2-D');
  const outIn = floats(transpose2d(b), 'the MatMul weight');
  const add = ctx.soleConsumer();
  const biasIndex = add?.opType === 'Add' ? (add.input![0] === ctx.node.output![0] ? 1 : 0) : -1;
  const bias = add && biasIndex >= 0 ? ctx.constantNamed(add.input![biasIndex]) : null;
  const last = bias?.floats ? add!.output![0] : ctx.node.output![0];
  const value = denseOrMaxout(ctx, outIn, bias?.floats ?? null, last, weightHint(ctx, 1));
  if (bias?.floats) ctx.absorb(add!, value);
  ctx.output(value);
};

/** Flatten / Reshape [N, −1] of whatever layout the input has. */
function flatten(ctx: ImportContext): void {
  const x = ctx.value(0);
  if (x.layout.kind === 'vector' || x.layout.kind === 'chw-flat') return ctx.output(x);
  if (x.layout.kind === 'nhwc') {
    const known = ctx.flattenOf(x.id);
    if (known) return ctx.output({ id: known, layout: { kind: 'vector' } });
    const id = ctx.add('flatten', {}, [x.id]);
    ctx.rememberFlatten(x.id, id);
    return ctx.output({ id, layout: { kind: 'vector' } });
  }
  const s = ctx.shapeOf(x.id);
  const hwc: Hwc = [s[0], s[1], s[2]];
  // wiregrad's export names the flatten it adds before a dense layer `${dense}/flatten`: that one is implicit again.
  const reader = ctx.soleConsumer();
  if (reader && (reader.opType === 'Gemm' || reader.opType === 'MatMul') && ctx.node.name === `${reader.name}/flatten`) {
    return ctx.output({ id: x.id, layout: { kind: 'chw-flat', image: hwc, source: x.id, pure: true } });
  }
  const id = ctx.add('flatten', {}, [x.id]);
  ctx.rememberFlatten(x.id, id);
  ctx.output({ id, layout: { kind: 'chw-flat', image: hwc, source: x.id, pure: true } });
}

const flattenOp: OpImport = (ctx) => {
  if (ctx.attrInt('axis', 1) !== 1) throw new Unsupported(`Flatten with axis ${ctx.attrInt('axis', 1)} (wiregrad keeps the batch axis)`);
  flatten(ctx);
};

const reshape: OpImport = (ctx) => {
  const target = ctx.constant(1);
  if (!target?.ints) throw new Unsupported('a Reshape whose shape is computed at run time (export with torch.flatten instead of x.view(x.size(0), -1))');
  const t = target.ints;
  const x = ctx.value(0);
  if (t.length === 2 && (t[0] === 0 || t[0] === -1) && t[1] !== 0) return flatten(ctx);
  if (x.layout.kind === 'chw-flat' && t.length === 4 && (t[0] === 0 || t[0] === -1)) {
    const [H, W, C] = x.layout.image;
    if (t[1] === C && t[2] === H && t[3] === W) {
      // Back to NCHW, Transpose to NHWC, Flatten: wiregrad's feature order, which wiregrad's vector already has (this is
      // how wiregrad's export hands a flattened image to a concat or add).
      const turn = ctx.soleConsumer();
      const flat = turn?.opType === 'Transpose' ? ctx.soleConsumer(turn.output![0]) : null;
      const perm = turn?.attribute?.find((a) => a.name === 'perm')?.ints?.map(Number).join();
      const axis = Number(flat?.attribute?.find((a) => a.name === 'axis')?.i ?? 1);
      if (turn && flat?.opType === 'Flatten' && perm === '0,2,3,1' && axis === 1) {
        const id = x.id !== x.layout.source ? x.id : ctx.flattenOf(x.id) ?? ctx.add('flatten', {}, [x.id]);
        const value: ImportValue = { id, layout: { kind: 'vector' } };
        ctx.absorb(turn, value);
        ctx.absorb(flat, value);
        return ctx.output(value);
      }
      if (x.layout.pure) return ctx.output({ id: x.layout.source, layout: { kind: 'image' } });
    }
  }
  throw new Unsupported(`Reshape to [${t.join(', ')}]`);
};

const transpose: OpImport = (ctx) => {
  const c = ctx.constant(0);
  if (c) return ctx.outputConstant(transpose2d(c));
  const x = ctx.value(0);
  const perm = ctx.attrInts('perm', []);
  if (x.layout.kind === 'image' && perm.join() === '0,2,3,1') return ctx.output({ id: x.id, layout: { kind: 'nhwc' } });
  if (backToNchw(ctx, x)) return;
  throw new Unsupported(`Transpose with perm [${perm.join(', ')}]`);
};

/** The layout of a value computed from `layout` element by element: a flattened image's values are no longer its own. */
function computed(layout: ImportLayout): ImportLayout {
  return layout.kind === 'chw-flat' ? { ...layout, pure: false } : layout;
}

/** Element-wise ops keep the layout: the same values in the same places. */
function elementwise(type: string, attrs: (ctx: ImportContext) => Record<string, JsonValue> = () => ({})): OpImport {
  return (ctx) => {
    const x = ctx.value(0);
    if (x.layout.kind === 'nhwc') throw new Unsupported(`${ctx.node.opType} on a channels-last tensor`);
    ctx.output({ id: ctx.add(type, attrs(ctx), [x.id]), layout: computed(x.layout) });
  };
}

const softmax: OpImport = (ctx) => {
  const x = ctx.value(0);
  const axis = ctx.attrInt('axis', ctx.opset >= 13 ? -1 : 1);
  if (x.layout.kind === 'image') {
    if (ctx.opset < 13) throw new Unsupported('Softmax on an image before opset 13 (it ran over C·H·W, wiregrad over channels)');
    if (axis !== 1 && axis !== -3) throw new Unsupported(`Softmax over axis ${axis} of an image (wiregrad's runs over channels, axis 1)`);
  } else if (x.layout.kind === 'nhwc' || (axis !== 1 && axis !== -1)) {
    throw new Unsupported(`Softmax over axis ${axis}`);
  }
  ctx.output({ id: ctx.add('softmax', {}, [x.id]), layout: computed(x.layout) });
};

const dropout: OpImport = (ctx) => {
  const x = ctx.value(0);
  const given = ctx.hasInput(1) ? ctx.constant(1)?.floats?.[0] : undefined;
  const rate = float32Decimal(given ?? ctx.attrFloat('ratio', 0.5));
  if ((ctx.node.output ?? []).length > 1 && ctx.node.output![1]) throw new Unsupported('the mask output of Dropout');
  ctx.output({ id: ctx.add('dropout', { rate }, [x.id]), layout: computed(x.layout) });
};

const batchnorm: OpImport = (ctx) => {
  const x = ctx.value(0);
  if (x.layout.kind === 'nhwc') throw new Unsupported('BatchNormalization on a channels-last tensor');
  if (ctx.attrInt('training_mode', 0) !== 0 || (ctx.node.output ?? []).slice(1).some(Boolean)) throw new Unsupported('BatchNormalization in training mode');
  const names = ['gamma', 'beta', 'running_mean', 'running_var'] as const;
  const params: Record<string, { shape: number[]; data: Float32Array }> = {};
  names.forEach((name, i) => {
    const c = floats(ctx.constant(i + 1), `batch norm's ${name}`);
    params[name] = { shape: [c.floats.length], data: x.layout.kind === 'chw-flat' ? featuresFromChw(c.floats, x.layout.image) : c.floats };
  });
  const attrs = { epsilon: float32Decimal(ctx.attrFloat('epsilon', 1e-5)), momentum: float32Decimal(ctx.attrFloat('momentum', 0.9)) };
  const scale = ctx.node.input?.[1] ?? '';
  ctx.output({ id: ctx.add('batchnorm', attrs, [x.id], params, scale.endsWith('.gamma') ? scale.slice(0, -6) : scale.endsWith('.weight') ? scale.slice(0, -7) : undefined), layout: computed(x.layout) });
};

/** add / concat: every input a runtime value in one layout. */
function merge(type: 'add' | 'concat'): OpImport {
  return (ctx) => {
    if (type === 'concat' && (ctx.node.input ?? []).every((_, i) => ctx.constant(i))) return foldConcat(ctx);
    const inputs = (ctx.node.input ?? []).map((_, i) => {
      if (ctx.constant(i)) throw new Unsupported(`${ctx.node.opType} with a constant input`);
      return ctx.value(i);
    });
    const kinds = new Set(inputs.map((v) => JSON.stringify(v.layout)));
    const layout = inputs[0].layout;
    if (type === 'add' && kinds.size > 1) throw new Unsupported('Add of tensors laid out differently');
    if (type === 'concat') {
      const axis = ctx.attrInt('axis', 1);
      if (layout.kind === 'image' ? axis !== 1 && axis !== -3 : axis !== 1 && axis !== -1) throw new Unsupported(`Concat along axis ${axis} (wiregrad joins channels or features)`);
      if (inputs.some((v) => v.layout.kind !== 'image' && v.layout.kind !== 'vector') || kinds.size > 1) {
        throw new Unsupported('Concat of a flattened image in channels-first order with other features');
      }
    }
    ctx.output({ id: ctx.add(type, {}, inputs.map((v) => v.id)), layout: computed(layout) });
  };
}

/** A Concat of 1-D constants (PyTorch builds Resize's scales so) is a constant. */
function foldConcat(ctx: ImportContext): void {
  const parts = (ctx.node.input ?? []).map((_, i) => ctx.constant(i)!);
  if (parts.some((p) => p.dims.length !== 1)) throw new Unsupported('a Concat of constants that are not 1-D');
  const ints = parts.every((p) => p.ints) ? parts.flatMap((p) => [...p.ints!]) : null;
  const floatsOut = parts.every((p) => p.floats) ? Float32Array.from(parts.flatMap((p) => Array.from(p.floats!))) : null;
  if (!ints && !floatsOut) throw new Unsupported('a Concat of constants of different types');
  const n = ints ? ints.length : floatsOut!.length;
  ctx.outputConstant({ dims: [n], ints, floats: floatsOut });
}

const globalAveragePool: OpImport = (ctx) => {
  const x = image(ctx, 0);
  // ONNX keeps [N, C, 1, 1]; wiregrad's is the vector [C], which the Flatten after it leaves as is.
  ctx.output({ id: ctx.add('globalavgpool', {}, [x.id]), layout: { kind: 'vector' } });
};

const clip: OpImport = (ctx) => {
  const bound = (i: number, attr: string): number | null => {
    if (ctx.hasInput(i)) {
      const c = ctx.constant(i);
      if (!c?.floats) throw new Unsupported('Clip with bounds computed at run time');
      return c.floats[0];
    }
    return ctx.opset < 11 ? ctx.attrFloat(attr, NaN) : null;
  };
  const lo = bound(1, 'min');
  const hi = bound(2, 'max');
  if (lo === 0 && (hi === null || Number.isNaN(hi) || hi === Infinity)) return elementwise('relu')(ctx);
  if (lo === 0 && hi === 6) return relu6(ctx);
  throw new Unsupported(`Clip(${lo}, ${hi}) (wiregrad has relu = Clip(0, ∞) and relu6 = Clip(0, 6))`);
};

export const ONNX_IMPORTS: Readonly<Record<string, OpImport>> = {
  Conv: conv,
  MaxPool: pool('maxpool2d'),
  AveragePool: pool('avgpool2d'),
  GlobalAveragePool: globalAveragePool,
  Gemm: gemm,
  MatMul: matmul,
  Flatten: flattenOp,
  Reshape: reshape,
  Transpose: transpose,
  Relu: elementwise('relu'),
  Sigmoid: (ctx) => {
    if (!sigmoidOrSilu(ctx)) elementwise('sigmoid')(ctx);
  },
  Tanh: elementwise('tanh'),
  LeakyRelu: elementwise('leakyrelu', (ctx) => ({ alpha: float32Decimal(ctx.attrFloat('alpha', 0.01)) })),
  Elu: elementwise('elu', (ctx) => ({ alpha: float32Decimal(ctx.attrFloat('alpha', 1)) })),
  Softmax: softmax,
  Dropout: dropout,
  BatchNormalization: batchnorm,
  Add: merge('add'),
  Sum: merge('add'),
  Concat: merge('concat'),
  Clip: clip,
  Identity: (ctx) => ctx.output(ctx.value(0)),
  ...MODERN_IMPORTS,
};
