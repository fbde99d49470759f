/**
 * An ONNX model → a wiregrad graph and its weights (wiregrad's layouts, keyed `${node}.${name}` as in safetensors).
 * Nodes are translated in the model's (topological) order by the op table of ops.ts; an op wiregrad cannot express is
 * listed with its node name, op type and why, and what reads its output is skipped (only root causes are listed).
 */
import { int, onnx } from '../../export/onnx/proto';
import { layeredLayout } from '../../graph/layeredLayout';
import type { Graph, GraphEdge, GraphNode, JsonValue } from '../../graph/types';
import { analyzeGraph } from '../../shape/analyze';
import type { GraphAnalysis } from '../../shape/types';
import { decodeTensor, type Constant } from './constants';
import type { ImportContext, ImportedParam, ImportValue } from './context';
import { OnnxImportError, Unsupported } from './errors';
import { ONNX_IMPORTS } from './ops';

export interface UnsupportedNode {
  readonly name: string;
  readonly opType: string;
  readonly reason: string;
}

export interface ImportResult {
  readonly graph: Graph;
  /** By safetensors key `${node}.${name}`, in wiregrad's layouts. */
  readonly weights: ReadonlyMap<string, ImportedParam>;
  /** Empty when the whole model was translated. */
  readonly unsupported: readonly UnsupportedNode[];
}

const INPUT_ID = 'input';
const GENERIC_NAMES = new Set(['main_graph', 'torch_jit', 'torch-jit-export']);

/**
 * A wiregrad id from an ONNX node name: PyTorch's "/layer1/layer1.0/relu/Relu" → "relu", wiregrad's "g1/pool" → "g1"
 * (made unique by the caller).
 */
function idFromName(name: string, opType: string): string {
  if (!name) return opType.toLowerCase();
  // wiregrad's export names a node's helper ops `${id}/${part}`.
  if (!name.startsWith('/')) return name.split('/')[0];
  const parts = name.split('/').filter(Boolean);
  return (parts.length > 1 ? parts[parts.length - 2] : parts[0] ?? opType).replace(/^([A-Z][a-z]+)/, (m) => m.toLowerCase());
}

export function importOnnx(model: onnx.IModelProto, fallbackName: string): ImportResult {
  const g = model.graph;
  if (!g) throw new OnnxImportError('the model has no graph');
  const opset = int(model.opsetImport?.find((o) => !o.domain || o.domain === 'ai.onnx')?.version) || 1;
  const constants = new Map<string, Constant>();
  const unreadable = new Map<string, string>();
  for (const t of g.initializer ?? []) {
    try {
      constants.set(t.name ?? '', decodeTensor(t));
    } catch (err) {
      if (!(err instanceof Unsupported)) throw err;
      unreadable.set(t.name ?? '', err.reason);
    }
  }

  const inputs = (g.input ?? []).filter((i) => !constants.has(i.name ?? '') && !unreadable.has(i.name ?? ''));
  if (inputs.length !== 1) throw new OnnxImportError(`the model has ${inputs.length} inputs (${inputs.map((i) => i.name).join(', ')}); wiregrad graphs have one`);
  const dims = inputs[0].type?.tensorType?.shape?.dim ?? [];
  const sizes = dims.slice(1).map((d) => (d.dimValue !== null && d.dimValue !== undefined && int(d.dimValue) > 0 ? int(d.dimValue) : NaN));
  if (!(sizes.length === 3 || sizes.length === 1) || sizes.some((d) => !Number.isFinite(d))) {
    const shown = dims.map((d) => d.dimParam || (d.dimValue !== null && d.dimValue !== undefined ? String(int(d.dimValue)) : '?')).join(', ');
    throw new OnnxImportError(`input '${inputs[0].name}' has shape [${shown}]; wiregrad takes [N, C, H, W] or [N, n] with fixed sizes after the batch`);
  }
  const inputShape = sizes.length === 3 ? [sizes[1], sizes[2], sizes[0]] : sizes;

  const nodes: GraphNode[] = [{ id: INPUT_ID, type: 'input', attrs: { shape: inputShape } }];
  const edges: GraphEdge[] = [];
  const weights = new Map<string, ImportedParam>();
  const used = new Set([INPUT_ID]);
  const values = new Map<string, ImportValue>([[inputs[0].name ?? '', { id: INPUT_ID, layout: { kind: sizes.length === 3 ? 'image' : 'vector' } }]]);
  const flattens = new Map<string, string>();
  const absorbed = new Map<onnx.INodeProto, ImportValue>();
  const poisoned = new Set<string>();
  const unsupported: UnsupportedNode[] = [];
  const graphOutputs = new Set((g.output ?? []).map((o) => o.name ?? ''));
  const readers = new Map<string, onnx.INodeProto[]>();
  for (const n of g.node ?? []) for (const i of n.input ?? []) if (i) readers.set(i, [...(readers.get(i) ?? []), n]);
  let analysis: GraphAnalysis | null = null;
  /** The last analysis, handed back to the shape engine so each new node re-analyses only what changed. */
  let previous: GraphAnalysis | undefined;

  const uniqueId = (hint: string): string => {
    const base = hint.trim() || 'node';
    let id = base;
    for (let k = 2; used.has(id); k++) id = `${base}_${k}`;
    used.add(id);
    return id;
  };

  // Constant nodes have no inputs: read them all first, since a pattern may look ahead at ops whose constants the
  // exporter wrote after the op that starts the pattern (PyTorch's GELU: Div, Erf, then the Constant 1 for the Add).
  for (const node of g.node ?? []) {
    if (node.opType !== 'Constant' || (node.domain && node.domain !== 'ai.onnx')) continue;
    const opType = 'Constant';
    const outputs = (node.output ?? []).filter(Boolean);
    const value = (node.attribute ?? []).find((a) => a.name === 'value')?.t;
    const ints = (node.attribute ?? []).find((a) => a.name === 'value_ints' || a.name === 'value_int');
    const float = (node.attribute ?? []).find((a) => a.name === 'value_float' || a.name === 'value_floats');
    try {
      if (value) constants.set(outputs[0], decodeTensor(value));
      else if (ints) constants.set(outputs[0], { dims: [], floats: null, ints: ints.ints?.length ? ints.ints.map(int) : [int(ints.i)] });
      else if (float) constants.set(outputs[0], { dims: [], floats: Float32Array.from(float.floats?.length ? float.floats : [float.f ?? 0]), ints: null });
      else throw new Unsupported('a Constant of a kind other than a tensor, ints or floats');
    } catch (err) {
      if (!(err instanceof Unsupported)) throw err;
      unsupported.push({ name: node.name ?? '', opType, reason: err.reason });
      outputs.forEach((o) => poisoned.add(o));
    }
  }

  for (const node of g.node ?? []) {
    const opType = node.opType ?? '';
    const outputs = (node.output ?? []).filter(Boolean);
    const absorbedAs = absorbed.get(node);
    if (absorbedAs) {
      values.set(outputs[0], absorbedAs);
      continue;
    }
    if (opType === 'Constant' && (!node.domain || node.domain === 'ai.onnx')) continue;
    if ((node.input ?? []).some((i) => poisoned.has(i))) {
      outputs.forEach((o) => poisoned.add(o));
      continue;
    }
    const handler = node.domain && node.domain !== 'ai.onnx' ? undefined : ONNX_IMPORTS[opType];
    try {
      if (!handler) throw new Unsupported(node.domain && node.domain !== 'ai.onnx' ? `an op of domain '${node.domain}'` : `no wiregrad block does ${opType}`);
      const bad = (node.input ?? []).find((i) => unreadable.has(i));
      if (bad) throw new Unsupported(unreadable.get(bad)!);
      handler(contextFor(node));
      const missing = outputs.find((o) => !values.has(o) && !constants.has(o));
      if (missing) throw new Unsupported(`output '${missing}' has no wiregrad equivalent`);
    } catch (err) {
      if (!(err instanceof Unsupported)) throw err;
      unsupported.push({ name: node.name ?? '', opType, reason: err.reason });
      outputs.forEach((o) => poisoned.add(o));
    }
  }

  const graph: Graph = {
    // PyTorch names every graph "main_graph" (older versions "torch_jit"): the file's name says more.
    name: g.name && !GENERIC_NAMES.has(g.name) ? g.name : fallbackName,
    ...(g.docString ? { description: g.docString } : {}),
    nodes,
    edges,
    layout: layeredLayout(nodes, edges),
  };
  return { graph, weights, unsupported };

  function contextFor(node: onnx.INodeProto): ImportContext {
    const attr = (name: string) => (node.attribute ?? []).find((a) => a.name === name);
    const inputName = (i: number) => node.input?.[i] ?? '';
    const ctx: ImportContext = {
      node,
      opset,
      value(i) {
        const name = inputName(i);
        const v = values.get(name);
        if (!v) throw new Unsupported(name ? (constants.has(name) ? `input ${i} ('${name}') is a constant where wiregrad needs a computed tensor` : `input '${name}' is not produced by a supported op`) : `input ${i} is missing`);
        return v;
      },
      constant: (i) => constants.get(inputName(i)) ?? null,
      constantNamed: (name) => (name ? constants.get(name) ?? null : null),
      hasInput: (i) => inputName(i) !== '',
      attrInt: (name, fallback) => (attr(name) ? int(attr(name)!.i) : fallback),
      attrInts: (name, fallback) => (attr(name) ? (attr(name)!.ints ?? []).map(int) : [...fallback]),
      attrFloat: (name, fallback) => (attr(name) ? attr(name)!.f ?? fallback : fallback),
      attrString: (name, fallback) => (attr(name)?.s ? Buffer.from(attr(name)!.s!).toString('utf8') : fallback),
      shapeOf(id) {
        analysis ??= analyzeGraph({ name: '', nodes: [...nodes], edges: [...edges], layout: {} }, previous);
        previous = analysis;
        const shape = analysis.byId.get(id)?.outputShape;
        if (!shape) {
          const why = analysis.byId.get(id)?.diagnostics.find((d) => d.severity === 'error')?.message ?? 'its shape cannot be computed';
          throw new Unsupported(`node '${id}': ${why}`);
        }
        return shape;
      },
      add(type, attrs, from, params = {}, idHint) {
        const id = uniqueId(idHint ?? idFromName(node.name ?? '', node.opType ?? ''));
        nodes.push({ id, type, attrs: attrs as Readonly<Record<string, JsonValue>> });
        for (const f of from) edges.push({ from: f, to: id });
        analysis = null;
        try {
          ctx.shapeOf(id);
        } catch (err) {
          // A node wiregrad's shape engine rejects (a kernel larger than the image…) is taken back and listed.
          nodes.pop();
          edges.splice(edges.length - from.length, from.length);
          used.delete(id);
          analysis = null;
          throw err;
        }
        for (const [name, p] of Object.entries(params)) weights.set(`${id}.${name}`, p);
        return id;
      },
      output(value, i = 0) {
        const name = node.output?.[i];
        if (name) values.set(name, value);
      },
      outputConstant(value) {
        const name = node.output?.[0];
        if (name) constants.set(name, value);
      },
      soleConsumer(valueName = node.output?.[0] ?? '') {
        const r = readers.get(valueName) ?? [];
        return r.length === 1 && !graphOutputs.has(valueName) ? r[0] : null;
      },
      absorb(later, value) {
        absorbed.set(later, value);
      },
      flattenOf: (source) => flattens.get(source),
      rememberFlatten: (source, id) => void flattens.set(source, id),
    };
    return ctx;
  }
}
