/** The JSON Schema of an expression graph's nodes (the schema of the `"kind": "expression"` variant of the format). */
import type { JsonObject } from '../graph/types';
import { GATES, LEAF_TYPES } from './gates';

const VALUE: JsonObject = {
  description: 'A number, a vector [a, b, …] or a matrix given as rows [[a, b], [c, d]].',
  anyOf: [
    { type: 'number' },
    { type: 'array', minItems: 1, items: { type: 'number' } },
    { type: 'array', minItems: 1, items: { type: 'array', minItems: 1, items: { type: 'number' } } },
  ],
};

const ID: JsonObject = { type: 'string', minLength: 1, description: 'Unique id of the node; edges refer to it.' };
const LABEL: JsonObject = { type: 'string', description: 'Display name on the canvas (defaults to the id).' };

export function expressionNodeSchema(): JsonObject {
  const leaves: JsonObject[] = LEAF_TYPES.map((type) => ({
    if: { properties: { type: { const: type } }, required: ['type'] },
    then: {
      properties: {
        id: ID,
        type: { const: type, description: type === 'var' ? 'A variable: f is differentiated with respect to it.' : 'A constant (it gets a gradient too).' },
        label: LABEL,
        value: VALUE,
      },
      required: ['id', 'type', 'value'],
      additionalProperties: false,
    },
  }));
  const gates: JsonObject[] = GATES.map((g) => ({
    if: { properties: { type: { const: g.type } }, required: ['type'] },
    then: {
      properties: { id: ID, type: { const: g.type, description: `${g.doc}. Local gradient: ${g.rule}.` }, label: LABEL },
      required: ['id', 'type'],
      additionalProperties: false,
    },
  }));
  return {
    type: 'object',
    required: ['id', 'type'],
    properties: { type: { enum: [...LEAF_TYPES, ...GATES.map((g) => g.type)], description: 'A var, a const or a gate (inputs in edge order).' } },
    allOf: [...leaves, ...gates],
  };
}
