/**
 * The JSON Schema of the `*.nn.json` format, generated from the block registry so it cannot drift from what the
 * engine accepts. The extension contributes the generated file (schema/nn.schema.json) through `jsonValidation`,
 * so hand edits in the text editor validate and autocomplete; a test keeps the committed file up to date.
 */
import { BLOCKS } from '../blocks/specs';
import { expressionNodeSchema } from '../expression/schema';
import { GRAPH_FORMAT, GRAPH_KINDS, GRAPH_VERSION, type JsonObject } from '../graph/types';

export const SCHEMA_ID = 'https://wiregrad.dev/schema/nn.schema.json';

function nodeSchema(): JsonObject[] {
  return BLOCKS.map((b) => {
    const properties: JsonObject = {
      id: { type: 'string', minLength: 1, description: 'Unique id of the node; edges refer to it.' },
      type: { const: b.type, description: b.doc },
      label: { type: 'string', description: 'Display name on the canvas (defaults to the id).' },
    };
    const required = ['id', 'type'];
    for (const [name, spec] of Object.entries(b.attributes)) {
      properties[name] = spec.schema;
      if (!spec.fallback) required.push(name);
    }
    return {
      title: b.title,
      description: b.doc,
      if: { properties: { type: { const: b.type } }, required: ['type'] },
      then: { properties, required, additionalProperties: false },
    };
  });
}

export function graphSchema(trainingSchema: JsonObject = { type: 'object' }): JsonObject {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: SCHEMA_ID,
    title: 'wiregrad graph',
    description: 'A neural network graph for wiregrad (format version 1), or an expression graph of gates ("kind": "expression").',
    type: 'object',
    required: ['format', 'version', 'nodes', 'edges'],
    additionalProperties: false,
    properties: {
      format: { const: GRAPH_FORMAT },
      version: { const: GRAPH_VERSION },
      kind: { enum: [...GRAPH_KINDS], description: 'A network of blocks (the default) or an expression graph of gates (the backprop lab).' },
      name: { type: 'string', description: 'Name of the network.' },
      description: { type: 'string' },
      output: { type: 'string', description: 'Expression graphs: the node whose value is f (default: the single node that feeds nothing).' },
      nodes: {
        type: 'array',
        description: 'The blocks of the network (or the vars, consts and gates of an expression). Shapes and parameter counts are never stored: they are computed.',
      },
      edges: {
        type: 'array',
        description: 'Connections; a concat joins its inputs in the order of these edges.',
        items: {
          type: 'object',
          required: ['from', 'to'],
          additionalProperties: false,
          properties: { from: { type: 'string' }, to: { type: 'string' } },
        },
      },
      layout: {
        type: 'object',
        description: 'Canvas positions by node id.',
        additionalProperties: {
          type: 'object',
          required: ['x', 'y'],
          additionalProperties: false,
          properties: { x: { type: 'number' }, y: { type: 'number' } },
        },
      },
      training: trainingSchema,
    },
    if: { properties: { kind: { const: 'expression' } }, required: ['kind'] },
    then: { properties: { nodes: { items: expressionNodeSchema() } } },
    else: {
      properties: {
        nodes: {
          items: {
            type: 'object',
            required: ['id', 'type'],
            properties: { type: { enum: BLOCKS.map((b) => b.type), description: 'Block type.' } },
            allOf: nodeSchema(),
          },
        },
      },
    },
  };
}
