import { describe, expect, it } from 'vitest';
import { parseGraphModel } from '../parse/parse-graph-model.js';
import { indexPlan } from './index-plan.js';

describe('indexPlan', () => {
  it('indexes keys, @id, @unique and @index fields on the primary label, by stored property', () => {
    const model = parseGraphModel(`
      type A @node(labels: ["Alpha", "Extra"]) { id: ID! @id  email: String @unique  name: String @index @alias(property: "nm")  note: String }
      type B @node @key(fields: "x y") { x: String!  y: Int! }
    `);
    expect(indexPlan(model)).toEqual([
      { label: 'Alpha', property: 'id', unique: true },
      { label: 'Alpha', property: 'email', unique: true },
      { label: 'Alpha', property: 'nm', unique: false },
      { label: 'B', property: 'x', unique: false },
      { label: 'B', property: 'y', unique: false },
    ]);
  });
});
