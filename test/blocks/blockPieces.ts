/**
 * What a registered block must have, checked piece by piece so the completeness test can say which piece is
 * missing (and so its own test can show that it catches a missing one): the spec (shape rule, attributes with
 * schema text, card label), the layer (factory, workspace function, gradient-check case) and its place in the
 * JSON Schema.
 */
import type { BlockEntry } from '../../engine/blocks/registry';
import type { GradCheckCase } from '../../engine/blocks/core/layer';
import type { Graph, GraphNode, JsonObject, JsonValue } from '../../engine/graph/types';
import { isImageShape } from '../../engine/shape/types';

/** The network branch of the schema (expression graphs take the `then` branch). */
interface SchemaView {
  else: { properties: { nodes: { items: { properties: { type: { anyOf: [{ enum: string[] }, ...unknown[]] } }; allOf: { if: { properties: { type: { const: string } } } }[] } } } };
}

const isFunction = (v: unknown): boolean => typeof v === 'function';

export function missingPieces(entry: BlockEntry, schema: JsonObject): string[] {
  const missing: string[] = [];
  const { spec, layer } = entry;
  if (!spec) return ['spec'];
  if (!spec.type) missing.push('spec.type');
  if (!spec.title) missing.push('spec.title (palette name)');
  if (!spec.doc) missing.push('spec.doc (palette and schema sentence)');
  if (!isFunction(spec.infer)) missing.push('spec.infer (shape rule)');
  if (!isFunction(spec.cardLabel)) missing.push('spec.cardLabel (card label)');
  for (const [name, attr] of Object.entries(spec.attributes ?? {})) {
    if (!attr.doc || !attr.schema || typeof attr.schema.description !== 'string') missing.push(`attribute '${name}': doc and schema description`);
  }
  if (!layer) return [...missing, 'layer'];
  if (!isFunction(layer.create)) missing.push('layer.create (forward and backward)');
  if (!isFunction(layer.workspaceValues)) missing.push('layer.workspaceValues (memory)');
  if (!layer.gradCheck || !Array.isArray(layer.gradCheck.input)) missing.push('layer.gradCheck (gradient-check case)');
  const nodes = (schema as unknown as SchemaView).else.properties.nodes.items;
  const inSchema = nodes.properties.type.anyOf[0].enum.includes(spec.type) && nodes.allOf.some((c) => c.if.properties.type.const === spec.type);
  if (!inSchema) missing.push('schema entry');
  return missing;
}

/**
 * The graph a block's gradient-check case describes (see GradCheckCase): the input, a projection per input when
 * the block merges several, the block with the case's attributes (id 'block'), and after a source block a dense
 * layer to train.
 */
export function gradCheckGraph(type: string, inputsMax: number, c: GradCheckCase): Graph {
  const node = (id: string, t: string, attrs: Readonly<Record<string, JsonValue>>): GraphNode => ({ id, type: t, attrs: { ...attrs } });
  if (inputsMax === 0) {
    return {
      name: type,
      nodes: [node('block', type, { shape: [...c.input], ...c.attrs }), node('out', 'dense', { units: 3 })],
      edges: [{ from: 'block', to: 'out' }],
      layout: {},
    };
  }
  const nodes: GraphNode[] = [node('in', 'input', { shape: [...c.input] })];
  const edges: { from: string; to: string }[] = [];
  const count = c.inputs ?? 1;
  if (count === 1) {
    edges.push({ from: 'in', to: 'block' });
  } else {
    const width = c.input[c.input.length - 1];
    for (let i = 0; i < count; i++) {
      const id = `proj${i}`;
      nodes.push(isImageShape(c.input) ? node(id, 'conv2d', { filters: width, kernel: 1 }) : node(id, 'dense', { units: width }));
      edges.push({ from: 'in', to: id }, { from: id, to: 'block' });
    }
  }
  nodes.push(node('block', type, c.attrs ?? {}));
  return { name: type, nodes, edges, layout: {} };
}
