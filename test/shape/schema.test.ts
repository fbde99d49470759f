/** The committed JSON Schema is the one the registry generates, and it describes every block. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BLOCK_TYPES } from '../../engine/blocks/registry';
import { fullGraphSchema } from '../../engine/schema/fullSchema';

describe('schema/nn.schema.json', () => {
  it('is up to date (regenerate with `npm run schema`)', () => {
    const committed = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'schema', 'nn.schema.json'), 'utf8'));
    expect(committed).toEqual(fullGraphSchema());
  });

  it('lists every block type with its required attributes', () => {
    const s = fullGraphSchema() as { properties: { nodes: { items: { properties: { type: { enum: string[] } }; allOf: { then: { required: string[] } }[] } } } };
    expect(s.properties.nodes.items.properties.type.enum).toEqual([...BLOCK_TYPES]);
    const conv = s.properties.nodes.items.allOf[BLOCK_TYPES.indexOf('conv2d')];
    expect(conv.then.required).toEqual(['id', 'type', 'filters', 'kernel']);
  });
});
