import { describe, expect, it } from 'vitest';
import { allHold, describeCondition, firstHolding, holds, type Condition } from './conditions.js';
import { parseFieldPath, type FieldPath } from './field-path.js';

const path = (text: string) => parseFieldPath(text) as FieldPath;
const scope = (record: unknown) => ({ item: record, record });

describe('conditions', () => {
  const deleted: Condition = { field: path('status'), equals: 'deleted' };
  const hasCompany: Condition = { field: path('company.id'), exists: true };
  const english: Condition = { field: path('lang'), matches: /^en(-|$)/ };

  it('test equality, presence and a regular expression', () => {
    expect(holds(deleted, scope({ status: 'deleted' }))).toBe(true);
    expect(holds(deleted, scope({ status: 'active' }))).toBe(false);
    expect(holds(hasCompany, scope({ company: { id: 'o1' } }))).toBe(true);
    expect(holds(hasCompany, scope({ company: { id: null } }))).toBe(false);
    expect(holds({ field: path('company'), exists: false }, scope({}))).toBe(true);
    expect(holds(english, scope({ lang: 'en-GB' }))).toBe(true);
    expect(holds(english, scope({ lang: 'fr' }))).toBe(false);
    expect(holds(english, scope({}))).toBe(false);
    expect(holds({ field: path('x'), equals: null }, scope({}))).toBe(true);
    expect(holds({ field: path('n'), matches: /^4/ }, scope({ n: 42 }))).toBe(true);
  });

  it('combine: all must hold, or the first that does', () => {
    expect(allHold([], scope({}))).toBe(true);
    expect(allHold([deleted, hasCompany], scope({ status: 'deleted' }))).toBe(false);
    expect(firstHolding([english, deleted], scope({ status: 'deleted' }))).toBe(deleted);
  });

  it('describe themselves for skip reasons', () => {
    expect(describeCondition(deleted)).toBe('status equals "deleted"');
    expect(describeCondition(hasCompany)).toBe('company.id exists');
    expect(describeCondition(english)).toBe('lang matches /^en(-|$)/');
  });
});
