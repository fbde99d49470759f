/**
 * The sliding-window arithmetic shared by convolution and pooling, one axis at a time:
 *
 *   output = (W − F + 2P)/S + 1        (lecture 5; F is the dilated kernel D·(F − 1) + 1)
 *
 * When (W − F + 2P) is not a multiple of S the stride "doesn't fit": the output floors (as PyTorch and Keras do)
 * and the last rows of the padded input are never read. If only padding is left over, nothing real is lost.
 */
import type { JsonValue } from '../../graph/types';
import { diagnostic, type Diagnostic, type Fix } from '../../shape/diagnostics';
import { formatRatio } from '../../shape/format';
import type { Explanation } from '../../shape/types';
import type { Pair, PaddingSpec } from './attributes';

export interface WindowAttrs {
  readonly kernel: Pair;
  readonly stride: Pair;
  readonly dilation: Pair;
  readonly padding: PaddingSpec;
}

/** One axis of a sliding window, with padding already resolved. */
interface Axis {
  readonly name: 'height' | 'width';
  readonly size: number;
  readonly kernel: number;
  readonly dilation: number;
  /** The dilated kernel extent D·(F − 1) + 1. */
  readonly span: number;
  readonly stride: number;
  readonly padBefore: number;
  readonly padAfter: number;
  /** Whether the padding came from "same" (then it always tiles and is not offered as a fix). */
  readonly same: boolean;
}

export interface WindowResult {
  /** Output [H, W]; null when an axis would be ≤ 0 (an error diagnostic says why). */
  readonly out: Pair | null;
  /** Resolved padding [top, bottom, left, right]. */
  readonly pads: readonly [number, number, number, number];
  readonly explanations: readonly Explanation[];
  readonly diagnostics: readonly Diagnostic[];
  /** Receptive field and jump of the output, from the input's. */
  readonly receptiveField: readonly [number, number];
  readonly jump: readonly [number, number];
}

interface WindowContext {
  readonly node: string;
  /** Largest padding per side worth offering in a fix, from the (dilated) kernel extent. */
  readonly maxPadding: (kernel: number) => number;
  /** Whether a kernel fix may be offered (convolution yes; the caller decides). */
  readonly offerKernelFix: boolean;
}

const ROWS = { height: ['row', 'rows'], width: ['column', 'columns'] } as const;

export function dilatedSpan(kernel: number, dilation: number): number {
  return dilation * (kernel - 1) + 1;
}

function outputSize(size: number, span: number, stride: number, padBefore: number, padAfter: number): number {
  return Math.floor((size + padBefore + padAfter - span) / stride) + 1;
}

/** TensorFlow's "same": output ⌈W/S⌉, the missing extent split with the extra pixel after (bottom/right). */
function samePadding(size: number, span: number, stride: number): [number, number] {
  const out = Math.ceil(size / stride);
  const total = Math.max((out - 1) * stride + span - size, 0);
  const before = Math.floor(total / 2);
  return [before, total - before];
}

function makeAxis(name: Axis['name'], i: 0 | 1, size: number, a: WindowAttrs): Axis {
  const kernel = a.kernel[i];
  const dilation = a.dilation[i];
  const span = dilatedSpan(kernel, dilation);
  const stride = a.stride[i];
  if (a.padding.kind === 'same') {
    const [padBefore, padAfter] = samePadding(size, span, stride);
    return { name, size, kernel, dilation, span, stride, padBefore, padAfter, same: true };
  }
  const p = i === 0 ? a.padding.h : a.padding.w;
  return { name, size, kernel, dilation, span, stride, padBefore: p, padAfter: p, same: false };
}

/** The rule with the numbers in, up to the exact (unfloored) value: "(7 − 3)/3 + 1 = 2.33". */
function arithmetic(ax: Axis): string {
  const pads =
    ax.padBefore === ax.padAfter
      ? ax.padBefore === 0
        ? ''
        : ` + 2·${ax.padBefore}`
      : ` + ${ax.padBefore} + ${ax.padAfter}`;
  const exact = (ax.size + ax.padBefore + ax.padAfter - ax.span) / ax.stride + 1;
  return `(${ax.size}${pads} − ${ax.span})/${ax.stride} + 1 = ${formatRatio(exact)}`;
}

/** "(32 + 2·2 − 5)/1 + 1 = 32", "(7 − 3)/3 + 1 = 2.33 → 2", "(32 + 0 + 1 − 3)/2 + 1 = 16 ("same" pads 0 + 1)". */
function substitute(ax: Axis): string {
  const floored = outputSize(ax.size, ax.span, ax.stride, ax.padBefore, ax.padAfter);
  const exact = (ax.size + ax.padBefore + ax.padAfter - ax.span) / ax.stride + 1;
  const floor = Number.isInteger(exact) ? '' : ` → ${floored}`;
  const dil = ax.dilation === 1 ? '' : ` (dilated F = ${ax.dilation}·(${ax.kernel} − 1) + 1 = ${ax.span})`;
  const same = ax.same ? ` ("same" pads ${ax.padBefore} + ${ax.padAfter})` : '';
  return `${arithmetic(ax)}${floor}${dil}${same}`;
}

/**
 * Real input rows/columns after the last window that are never read, beyond the regular gap a stride larger than
 * the kernel leaves between windows anyway (ResNet's 1×1 stride-2 shortcut skips every other row by design).
 */
function unreadReal(ax: Axis): number {
  const extent = ax.size + ax.padBefore + ax.padAfter - ax.span;
  if (extent < 0) return 0;
  const trailing = Math.max(0, (extent % ax.stride) - ax.padAfter);
  const regularGap = Math.max(0, ax.stride - ax.span);
  return trailing > regularGap ? trailing : 0;
}

function sameAxes(h: Axis, w: Axis): boolean {
  return (
    h.size === w.size &&
    h.span === w.span &&
    h.stride === w.stride &&
    h.padBefore === w.padBefore &&
    h.padAfter === w.padAfter &&
    h.dilation === w.dilation
  );
}

/** Writes a per-axis value back as the attribute's value: a scalar when both axes agree. */
function attrValue(h: number, w: number): JsonValue {
  return h === w ? h : [h, w];
}

/** "1" or "[1, 2]", as the value reads in a fix title. */
function valueText(v: JsonValue): string {
  return Array.isArray(v) ? `[${v.join(', ')}]` : String(v);
}

function outLabel(h: number, w: number): string {
  return `${h}×${w} output`;
}

function tilingFixes(ctx: WindowContext, axes: readonly [Axis, Axis], affected: readonly boolean[]): Fix[] {
  const fixes: Fix[] = [];
  const [h, w] = axes;
  // 1. More padding until the windows tile exactly (within what the block allows).
  const pads = axes.map((ax, i) => {
    if (!affected[i]) return ax.padBefore;
    for (let p = ax.padBefore + 1; p <= ctx.maxPadding(ax.span); p++) {
      if ((ax.size + 2 * p - ax.span) % ax.stride === 0) return p;
    }
    return null;
  });
  if (pads.every((p) => p !== null)) {
    const [ph, pw] = pads as number[];
    const oh = outputSize(h.size, h.span, h.stride, ph, ph);
    const ow = outputSize(w.size, w.span, w.stride, pw, pw);
    fixes.push({
      title: `padding ${valueText(attrValue(ph, pw))} → ${outLabel(oh, ow)}`,
      edits: [{ kind: 'set-attribute', node: ctx.node, attribute: 'padding', value: attrValue(ph, pw) }],
    });
  }
  // 2. The nearest smaller stride that tiles, then the nearest larger one (up to twice the stride).
  for (const direction of [-1, 1] as const) {
    const strides = axes.map((ax, i) => {
      if (!affected[i]) return ax.stride;
      const extent = ax.size + 2 * ax.padBefore - ax.span;
      for (let s = ax.stride + direction; s >= 1 && s <= Math.min(extent, 2 * ax.stride); s += direction) {
        if (extent % s === 0) return s;
      }
      return null;
    });
    if (strides.some((s) => s === null)) continue;
    const [sh, sw] = strides as number[];
    const oh = outputSize(h.size, h.span, sh, h.padBefore, h.padAfter);
    const ow = outputSize(w.size, w.span, sw, w.padBefore, w.padAfter);
    const value = attrValue(sh, sw);
    fixes.push({
      title: `stride ${valueText(value)} → ${outLabel(oh, ow)}`,
      edits: [{ kind: 'set-attribute', node: ctx.node, attribute: 'stride', value }],
    });
  }
  return fixes;
}

function notPositiveFixes(ctx: WindowContext, axes: readonly [Axis, Axis]): Fix[] {
  const fixes: Fix[] = [];
  if (axes.some((ax) => ax.same)) return fixes;
  const pads = axes.map((ax) => Math.max(ax.padBefore, Math.ceil((ax.span - ax.size) / 2)));
  if (axes.every((ax, i) => pads[i] <= ctx.maxPadding(ax.span))) {
    const outs = axes.map((ax, i) => outputSize(ax.size, ax.span, ax.stride, pads[i], pads[i]));
    fixes.push({
      title: `padding ${valueText(attrValue(pads[0], pads[1]))} → ${outLabel(outs[0], outs[1])}`,
      edits: [{ kind: 'set-attribute', node: ctx.node, attribute: 'padding', value: attrValue(pads[0], pads[1]) }],
    });
  }
  if (ctx.offerKernelFix && axes.every((ax) => ax.dilation === 1)) {
    const kernels = axes.map((ax) => Math.min(ax.kernel, ax.size + ax.padBefore + ax.padAfter));
    const outs = axes.map((ax, i) => outputSize(ax.size, kernels[i], ax.stride, ax.padBefore, ax.padAfter));
    fixes.push({
      title: `kernel ${valueText(attrValue(kernels[0], kernels[1]))} → ${outLabel(outs[0], outs[1])}`,
      edits: [{ kind: 'set-attribute', node: ctx.node, attribute: 'kernel', value: attrValue(kernels[0], kernels[1]) }],
    });
  }
  return fixes;
}

/**
 * Output size, padding, explanations, receptive field and the "stride doesn't fit" / "output ≤ 0" diagnostics of
 * a sliding window over an H×W input.
 */
export function slidingWindow(
  ctx: WindowContext,
  input: { readonly size: Pair; readonly receptiveField: readonly [number, number]; readonly jump: readonly [number, number] },
  attrs: WindowAttrs,
): WindowResult {
  const h = makeAxis('height', 0, input.size[0], attrs);
  const w = makeAxis('width', 1, input.size[1], attrs);
  const axes = [h, w] as const;
  const pads = [h.padBefore, h.padAfter, w.padBefore, w.padAfter] as const;
  const identical = sameAxes(h, w);
  const explanations: Explanation[] = identical
    ? [{ quantity: 'output height and width', formula: '(W − F + 2P)/S + 1', substituted: substitute(h) }]
    : axes.map((ax) => ({ quantity: `output ${ax.name}`, formula: '(W − F + 2P)/S + 1', substituted: substitute(ax) }));

  // Receptive field grows by (F − 1) input jumps; the jump multiplies by the stride.
  const receptiveField = axes.map((ax, i) => input.receptiveField[i] + (ax.span - 1) * input.jump[i]) as [number, number];
  const jump = axes.map((ax, i) => input.jump[i] * ax.stride) as [number, number];
  explanations.push({
    quantity: 'receptive field',
    formula: 'r_out = r_in + (F − 1)·j_in,  j_out = j_in·S',
    substituted: identical
      ? `${input.receptiveField[0]} + (${h.span} − 1)·${input.jump[0]} = ${receptiveField[0]}, jump ${input.jump[0]}·${h.stride} = ${jump[0]}`
      : axes
          .map(
            (ax, i) =>
              `${ax.name}: ${input.receptiveField[i]} + (${ax.span} − 1)·${input.jump[i]} = ${receptiveField[i]}, jump ${input.jump[i]}·${ax.stride} = ${jump[i]}`,
          )
          .join('; '),
  });

  const outs = axes.map((ax) => outputSize(ax.size, ax.span, ax.stride, ax.padBefore, ax.padAfter));
  const diagnostics: Diagnostic[] = [];
  if (outs.some((o) => o <= 0)) {
    const bad = axes.filter((_, i) => outs[i] <= 0);
    const what = bad
      .map((ax) => `the padded input ${ax.name} ${ax.size + ax.padBefore + ax.padAfter} is smaller than the kernel ${ax.span}: ${substitute(ax)}`)
      .join('; ');
    diagnostics.push(
      diagnostic(ctx.node, 'error', 'output-size-not-positive', `Output size would be ≤ 0: ${what}.`, notPositiveFixes(ctx, axes)),
    );
    return { out: null, pads, explanations, diagnostics, receptiveField, jump };
  }

  const unread = axes.map((ax) => unreadReal(ax));
  if (unread.some((u) => u > 0)) {
    const parts = axes
      .map((ax, i) => {
        if (unread[i] === 0) return null;
        const noun = unread[i] === 1 ? ROWS[ax.name][0] : ROWS[ax.name][1];
        return `input ${ax.name} ${ax.size}: ${arithmetic(ax)}, so the output floors to ${outs[i]} and the last ${unread[i]} input ${noun} ${unread[i] === 1 ? 'is' : 'are'} never read`;
      })
      .filter((p): p is string => p !== null);
    const strideText = h.stride === w.stride ? `Stride ${h.stride}` : `Stride [${h.stride}, ${w.stride}]`;
    const message =
      identical && unread[0] > 0
        ? `${strideText} does not tile the input ${h.size}×${w.size}: ${arithmetic(h)}, so the output floors to ${outs[0]}×${outs[1]} and the last ${unread[0]} input ${unread[0] === 1 ? 'row and column are' : 'rows and columns are'} never read.`
      : `${strideText} does not tile the ${parts.join('; ')}.`;
    diagnostics.push(
      diagnostic(ctx.node, 'warning', 'stride-does-not-tile', message, tilingFixes(ctx, axes, unread.map((u) => u > 0)), 'stride'),
    );
  }
  return { out: [outs[0], outs[1]], pads, explanations, diagnostics, receptiveField, jump };
}
