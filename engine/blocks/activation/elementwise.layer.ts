/**
 * Element-wise activations. Each keeps its input and output from the forward, which is all its local derivative
 * needs (relu′ from x, sigmoid′ = y(1 − y), tanh′ = 1 − y², elu′ = y + α for x ≤ 0).
 */
import type { ActivationKind } from '../../kernels/backend';
import { sizeOf, type FloatArray } from '../../tensor/types';
import { attr, isNumber, noWorkspace, shapesOf, type BlockLayer, type Layer, type LayerContext, type Mode } from '../core/layer';
import { Workspace } from '../core/workspace';

/** Kinds with a slope/scale attribute (its default is applied by the shape engine). */
const WITH_ALPHA: ReadonlySet<ActivationKind> = new Set(['leakyrelu', 'elu']);

function createActivation(kind: ActivationKind) {
  return (ctx: LayerContext): Layer => {
    const { node, backend } = ctx;
    const { output } = shapesOf(node);
    const alpha = WITH_ALPHA.has(kind) ? attr(node, 'alpha', isNumber) : 0;
    const size = sizeOf(output);
    const ws = new Workspace(ctx.dtype);
    let x: FloatArray | null = null;
    let y: FloatArray | null = null;
    let n = 0;
    return {
      id: node.id,
      type: node.type,
      outputShape: output,
      params: [],
      forward(inputs: readonly FloatArray[], batch: number, _mode: Mode) {
        n = batch * size;
        x = inputs[0];
        y = ws.get('y', n);
        backend.activationForward(kind, x, y, n, alpha);
        return y;
      },
      backward(dy: FloatArray) {
        if (!ctx.inputNeedsGrad[0]) return [null];
        const dx = ws.get('dx', n);
        backend.activationBackward({ kind, x: x!, y: y!, dy, dx, n, alpha });
        return [dx];
      },
    };
  };
}

/** The gradient check feeds normal inputs, crossing every regime (steps that straddle relu's kink are skipped). */
const activationLayer = (kind: ActivationKind, attrs: Readonly<Record<string, number>> = {}): BlockLayer => ({
  create: createActivation(kind),
  workspaceValues: noWorkspace,
  gradCheck: { input: [2, 2, 3], attrs },
});

export const reluLayer = activationLayer('relu');
export const leakyreluLayer = activationLayer('leakyrelu', { alpha: 0.1 });
export const eluLayer = activationLayer('elu', { alpha: 0.7 });
export const sigmoidLayer = activationLayer('sigmoid');
export const tanhLayer = activationLayer('tanh');

/** GELU, SiLU and ReLU6: each has its own pair of backend kernels, and each derivative reads only x. */
type GatedKind = 'gelu' | 'silu' | 'relu6';

function createGatedActivation(kind: GatedKind) {
  return (ctx: LayerContext): Layer => {
    const { node, backend } = ctx;
    const { output } = shapesOf(node);
    const size = sizeOf(output);
    const ws = new Workspace(ctx.dtype);
    let x: FloatArray | null = null;
    let n = 0;
    return {
      id: node.id,
      type: node.type,
      outputShape: output,
      params: [],
      forward(inputs: readonly FloatArray[], batch: number, _mode: Mode) {
        n = batch * size;
        x = inputs[0];
        const y = ws.get('y', n);
        if (kind === 'gelu') backend.geluForward(x, y, n);
        else if (kind === 'silu') backend.siluForward(x, y, n);
        else backend.relu6Forward(x, y, n);
        return y;
      },
      backward(dy: FloatArray) {
        if (!ctx.inputNeedsGrad[0]) return [null];
        const dx = ws.get('dx', n);
        if (kind === 'gelu') backend.geluBackward(x!, dy, dx, n);
        else if (kind === 'silu') backend.siluBackward(x!, dy, dx, n);
        else backend.relu6Backward(x!, dy, dx, n);
        return [dx];
      },
    };
  };
}

const gatedLayer = (kind: GatedKind): BlockLayer => ({
  create: createGatedActivation(kind),
  workspaceValues: noWorkspace,
  gradCheck: { input: [2, 2, 3] },
});

export const geluLayer = gatedLayer('gelu');
export const siluLayer = gatedLayer('silu');
export const relu6Layer = gatedLayer('relu6');
