import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { eventSchema, eventTypes, flowDefSchema } from '../../src/engine/index.js';
import { nodeKinds } from '../../src/engine/nodes/registry.js';

const src = fileURLToPath(new URL('../../src/engine', import.meta.url));
const fileName = (type: string) => `${type.replace(/_/g, '-')}.ts`;

/** goflow's registry-completeness tests: every type has its own file and a documented example that parses. */
describe('event types', () => {
  for (const [type, { schema, example }] of Object.entries(eventTypes)) {
    it(`${type}: one file, and its example parses`, () => {
      expect(readdirSync(`${src}/events`)).toContain(fileName(type));
      expect(schema.parse(example)).toEqual(example);
      expect(eventSchema.parse(example).type).toBe(type);
    });
  }
});

describe('node kinds', () => {
  const schemaTypes = flowDefSchema.shape.nodes.def.valueType.options.map((o) => o.shape.type.value).sort();

  it('every node type in the schema has a kind, and every kind a file named after it', () => {
    expect(Object.keys(nodeKinds).sort()).toEqual(schemaTypes);
    for (const type of schemaTypes) expect(readdirSync(`${src}/nodes`)).toContain(fileName(type));
  });
});
