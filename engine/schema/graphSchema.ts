/**
 * The JSON Schema of the `*.nn.json` format, generated from the block registry so it cannot drift from what the
 * engine accepts. The extension contributes the generated file (schema/nn.schema.json) through `jsonValidation`,
 * so hand edits in the text editor validate and autocomplete; a test keeps the committed file up to date.
 */
import { BLOCKS } from '../blocks/specs';
import { expressionNodeSchema } from '../expression/schema';
import { GRAPH_FORMAT, GRAPH_KINDS, GRAPH_VERSION, type JsonObject } from '../graph/types';

export const SCHEMA_ID = 'https://wiregrad.dev/schema/nn.schema.json';

/** Inside a module definition an attribute may name a parameter instead: "$filters", or a whole multiple "$filters*4". */
const PARAM_REFERENCE: JsonObject = {
  type: 'string',
  pattern: '^\\$[A-Za-z_][A-Za-z0-9_]*(\\*[0-9]+)?$',
  description: 'A parameter of the module ("$name"), or a whole multiple of one ("$name*4").',
};

/** A node that uses a module: its type names the module, its other fields give the module's parameters. */
const MODULE_USE: JsonObject = {
  if: { properties: { type: { type: 'string', pattern: '^module:' } }, required: ['type'] },
  then: {
    properties: {
      id: { type: 'string', minLength: 1 },
      label: { type: 'string' },
      repeat: { type: 'integer', minimum: 1, maximum: 1000, description: 'Copies of the module chained one after the other (ids layer1/0/…, layer1/1/…).' },
    },
    description: 'A use of a module defined in "modules"; every other field is a parameter of the module.',
  },
};

function nodeSchema(inModule = false): JsonObject[] {
  const blocks = BLOCKS.map((b): JsonObject => {
    const properties: JsonObject = {
      id: { type: 'string', minLength: 1, description: 'Unique id of the node; edges refer to it.' },
      type: { const: b.type, description: b.doc },
      label: { type: 'string', description: 'Display name on the canvas (defaults to the id).' },
    };
    const required = ['id', 'type'];
    for (const [name, spec] of Object.entries(b.attributes)) {
      properties[name] = inModule ? { anyOf: [spec.schema, PARAM_REFERENCE] } : spec.schema;
      // A module's input has no shape: it stands for whatever feeds the use.
      if (!spec.fallback && !(inModule && b.type === 'input')) required.push(name);
    }
    return {
      title: b.title,
      description: b.doc,
      if: { properties: { type: { const: b.type } }, required: ['type'] },
      then: { properties, required, additionalProperties: false },
    };
  });
  return [...blocks, MODULE_USE];
}

const BLOCK_OR_MODULE_TYPE: JsonObject = {
  anyOf: [
    { enum: BLOCKS.map((b) => b.type), description: 'Block type.' },
    { type: 'string', pattern: '^module:[A-Za-z_][A-Za-z0-9_-]*$', description: 'A module defined in "modules": module:NAME.' },
  ],
};

function nodeItems(inModule: boolean): JsonObject {
  return { type: 'object', required: ['id', 'type'], properties: { type: BLOCK_OR_MODULE_TYPE }, allOf: nodeSchema(inModule) };
}

const EDGE: JsonObject = {
  type: 'object',
  required: ['from', 'to'],
  additionalProperties: false,
  properties: { from: { type: 'string' }, to: { type: 'string' } },
};

function modulesSchema(): JsonObject {
  return {
    type: 'object',
    description:
      'Named sub-graphs used as nodes ("type": "module:NAME"). Each has one node of type "input" (no shape) and one output (the node nothing inside reads); its nodes refer to parameters as "$name".',
    propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_-]*$' },
    additionalProperties: {
      type: 'object',
      required: ['nodes', 'edges'],
      additionalProperties: false,
      properties: {
        description: { type: 'string' },
        params: { type: 'object', description: 'Parameter name → default value (null: every use must give it).' },
        nodes: { type: 'array', items: nodeItems(true) },
        edges: { type: 'array', items: EDGE },
      },
    },
  };
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
        items: EDGE,
      },
      modules: modulesSchema(),
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
        nodes: { items: nodeItems(false) },
      },
    },
  };
}
