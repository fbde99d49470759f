/**
 * A graph and its weights → an ONNX ModelProto (IR 8, opset 17) that computes what wiregrad's forward computes in
 * evaluation mode. The input is `input` [N, C, H, W] (or [N, n] for vectors) with a symbolic batch "N"; every node's
 * own op is named by its id and so is its output value; helper ops are `${id}/${part}`; initializers are the weights'
 * safetensors keys `${id}.${name}` in PyTorch's layouts. Same graph and weights → the same bytes.
 */
import type { Graph } from '../../graph/types';
import type { GraphAnalysis, NodeAnalysis } from '../../shape/types';
import { isImageShape } from '../../shape/types';
import { analyzedGraph } from '../../shape/types';
import { entryFor } from '../../blocks/registry';
import { OnnxExportError, type OnnxExportContext, type OnnxValue, type ParamData } from './mapping';
import { IR_VERSION, OPSET, attribute, batchedValue, floatTensor, int64Tensor, onnx, type AttrValue } from './proto';

export const ONNX_INPUT_NAME = 'input';

export interface OnnxExportOptions {
  /** Every parameter tensor of the graph by key `${node}.${name}`, in wiregrad's layouts. */
  readonly weights: ReadonlyMap<string, ParamData>;
  /** Free text kept in the model (where the weights came from). */
  readonly docString?: string;
  /** Extra key/value strings in the model's metadata_props (input normalisation, class names…). */
  readonly metadata?: Readonly<Record<string, string>>;
}

/** The ONNX shape of a wiregrad value (no batch): [C, H, W] for an image, [n] for a vector. */
export function onnxShape(shape: readonly number[]): number[] {
  return isImageShape(shape) ? [shape[2], shape[0], shape[1]] : [...shape];
}

export function buildOnnxModel(graph: Graph, analysis: GraphAnalysis, options: OnnxExportOptions): onnx.IModelProto {
  return translateToOnnx(graph, analysis, options).model;
}

/** The model and every node's output value in it (by node id), so tests can compare each node's output too. */
export function translateToOnnx(
  fileGraph: Graph,
  analysis: GraphAnalysis,
  options: OnnxExportOptions,
): { model: onnx.IModelProto; values: ReadonlyMap<string, OnnxValue> } {
  // A graph that uses modules exports expanded: one op per inner node, named by its path (l2b0/conv1).
  const graph = analyzedGraph(fileGraph, analysis);
  const firstError = analysis.diagnostics.find((d) => d.severity === 'error');
  if (firstError) throw new OnnxExportError(`the graph has errors (${firstError.node ? `node '${firstError.node}': ` : ''}${firstError.message}); fix them first`);
  const inputId = analysis.inputId;
  if (!inputId) throw new OnnxExportError('the graph needs exactly one input node');
  const clash = graph.nodes.find((n) => n.id === ONNX_INPUT_NAME && n.id !== inputId);
  if (clash) throw new OnnxExportError(`node '${ONNX_INPUT_NAME}' would clash with the ONNX model's input of that name: rename the node`);

  const nodes: onnx.INodeProto[] = [];
  const initializers: onnx.ITensorProto[] = [];
  const values = new Map<string, OnnxValue>();
  const inWiregradOrder = new Map<string, string>();
  const emit = (name: string, opType: string, inputs: readonly string[], attrs: Readonly<Record<string, AttrValue>>, output = name) => {
    nodes.push({ name, opType, input: [...inputs], output: [output], attribute: Object.entries(attrs).map(([k, v]) => attribute(k, v)) });
    return output;
  };
  /** A chw-flat value → [N, n] in wiregrad's order: back to NCHW, transpose to NHWC, flatten. Done once per value. */
  const vector = (v: OnnxValue): string => {
    if (v.layout.kind === 'vector') return v.name;
    if (v.layout.kind === 'image') throw new OnnxExportError(`value '${v.name}' is an image where a vector is needed`);
    const done = inWiregradOrder.get(v.name);
    if (done) return done;
    const [H, W, C] = v.layout.image;
    const shape = `${v.name}/hwc_shape`;
    initializers.push(int64Tensor(shape, [-1, C, H, W]));
    const nchw = emit(`${v.name}/hwc_reshape`, 'Reshape', [v.name, shape], {});
    const nhwc = emit(`${v.name}/hwc_transpose`, 'Transpose', [nchw], { perm: [0, 2, 3, 1] });
    const flat = emit(`${v.name}/hwc_flatten`, 'Flatten', [nhwc], { axis: 1 });
    inWiregradOrder.set(v.name, flat);
    return flat;
  };

  for (const id of analysis.order) {
    const node = analysis.byId.get(id)!;
    if (!node.outputShape) throw new OnnxExportError(`node '${id}' (${node.type}): its shape could not be computed`);
    if (id === inputId) {
      values.set(id, { name: ONNX_INPUT_NAME, shape: node.outputShape, layout: { kind: isImageShape(node.outputShape) ? 'image' : 'vector' } });
      continue;
    }
    const mapping = entryFor(node.type)?.onnx;
    if (!mapping) throw new OnnxExportError(`node '${id}': block type '${node.type}' has no ONNX export yet`);
    const inputs = graph.edges.filter((e) => e.to === id).map((e) => values.get(e.from)!);
    values.set(id, mapping(contextFor(node, inputs)));
  }

  const outputs = analysis.outputIds.filter((id) => id !== inputId).map((id) => {
    const v = values.get(id)!;
    const name = v.layout.kind === 'chw-flat' ? vector(v) : v.name;
    return { id, name: name === id ? id : emit(`${id}/output`, 'Identity', [name], {}, id), shape: v.shape };
  });

  const metadataProps = Object.entries(options.metadata ?? {}).map(([key, value]) => ({ key, value }));
  const model: onnx.IModelProto = {
    irVersion: IR_VERSION,
    opsetImport: [{ domain: '', version: OPSET }],
    producerName: 'wiregrad',
    docString: options.docString ?? '',
    metadataProps,
    graph: {
      name: graph.name,
      docString: graph.description ?? '',
      node: nodes,
      initializer: initializers,
      input: [batchedValue(ONNX_INPUT_NAME, onnxShape(values.get(inputId)!.shape))],
      output: outputs.map((o) => batchedValue(o.id, onnxShape(o.shape))),
    },
  };
  return { model, values };

  function contextFor(node: NodeAnalysis, inputs: readonly OnnxValue[]): OnnxExportContext {
    const param = (name: string): ParamData => {
      const p = options.weights.get(`${node.id}.${name}`);
      if (!p) throw new OnnxExportError(`node '${node.id}': the weights have no tensor '${node.id}.${name}'`);
      return p;
    };
    return {
      node,
      inputs,
      param,
      hasParam: (name) => node.paramTensors.some((t) => t.name === name),
      initializer(name, dims, data) {
        initializers.push(floatTensor(`${node.id}.${name}`, dims, data));
        return `${node.id}.${name}`;
      },
      int64s(name, values) {
        initializers.push(int64Tensor(`${node.id}.${name}`, values));
        return `${node.id}.${name}`;
      },
      op(opType, opInputs, attrs = {}, part) {
        return emit(part ? `${node.id}/${part}` : node.id, opType, opInputs, attrs);
      },
      vector,
      rows(v) {
        if (v.layout.kind === 'vector') return { name: v.name, image: null };
        if (v.layout.kind === 'chw-flat') return { name: v.name, image: v.layout.image };
        const [H, W, C] = v.shape;
        return { name: emit(`${node.id}/flatten`, 'Flatten', [v.name], { axis: 1 }), image: [H, W, C] };
      },
    };
  }
}

/** The model's bytes (protobuf); deterministic for a given model object. */
export function encodeOnnx(model: onnx.IModelProto): Uint8Array {
  return onnx.ModelProto.encode(model).finish();
}
