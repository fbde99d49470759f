/** The committed JSON Schema is the one the registry generates, and it describes every block. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleGraphFiles } from '../helpers/examples';
import { BLOCK_TYPES } from '../../engine/blocks/specs';
import { fullGraphSchema } from '../../engine/schema/fullSchema';

describe('schema/nn.schema.json', () => {
  it('is up to date (regenerate with `npm run schema`)', () => {
    const committed = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'schema', 'nn.schema.json'), 'utf8'));
    expect(committed).toEqual(fullGraphSchema());
  });

  it('lists every block type with its required attributes', () => {
    // Networks (no "kind") take this branch; expression graphs the `then` one (test/expression/file.test.ts).
    const s = fullGraphSchema() as { else: { properties: { nodes: { items: { properties: { type: { anyOf: [{ enum: string[] }] } }; allOf: { then: { required: string[] } }[] } } } } };
    expect(s.else.properties.nodes.items.properties.type.anyOf[0].enum).toEqual([...BLOCK_TYPES]);
    const conv = s.else.properties.nodes.items.allOf[BLOCK_TYPES.indexOf('conv2d')];
    expect(conv.then.required).toEqual(['id', 'type', 'filters', 'kernel']);
  });
});

describe('the schema validates what the engine accepts', () => {
  it('every example validates; typical mistakes do not', async () => {
    const { default: Ajv } = await import('ajv');
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(fullGraphSchema());
    const dir = path.join(__dirname, '..', '..', 'examples');
    for (const f of exampleGraphFiles()) {
      const ok = validate(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
      expect(ok, `${f}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    const base = { format: 'wiregrad.graph', version: 1, edges: [] };
    expect(validate({ ...base, nodes: [{ id: 'c', type: 'conv2d', kernel: 3 }] })).toBe(false); // filters missing
    expect(validate({ ...base, nodes: [{ id: 'c', type: 'conv2d', filters: 0, kernel: 3 }] })).toBe(false);
    expect(validate({ ...base, nodes: [{ id: 'c', type: 'conv2d', filters: 4, kernel: 3, strides: 2 }] })).toBe(false);
    expect(validate({ ...base, nodes: [{ id: 'c', type: 'conv2d', filters: 4, kernel: [3, 5], padding: 'same' }] })).toBe(true);
    expect(validate({ ...base, nodes: [{ id: 'x', type: 'input', shape: [28, 28] }] })).toBe(false);
    expect(validate({ ...base, nodes: [{ id: 'x', type: 'nope' }] })).toBe(false);
  });
});
