import { describe, expect, it } from 'vitest';
import { changedFields, showText, threeWayMerge, type FieldSpec } from './three-way';

interface Draft {
  phone: string;
  address: string;
  email: string;
  tags: string[];
}

const fields: FieldSpec<Draft>[] = [
  { name: 'phone', label: 'Phone', show: showText },
  { name: 'address', label: 'Address', show: showText },
  { name: 'email', label: 'Email', show: showText },
  { name: 'tags', label: 'Tags', show: (tags) => (tags as string[]).join('; ') },
];

const base: Draft = { phone: '1', address: 'Old Street', email: '', tags: ['a'] };

describe('threeWayMerge', () => {
  it('takes their change where the person left the field alone', () => {
    const theirs = { ...base, address: 'New Street' };
    const yours = { ...base, phone: '2' };
    const result = threeWayMerge(base, theirs, yours, fields);
    expect(result.merged).toEqual({ ...base, phone: '2', address: 'New Street' });
    expect(result.changes).toEqual([
      { name: 'address', label: 'Address', theirs: 'New Street', yours: 'Old Street', clash: false },
    ]);
  });

  it('keeps what was typed where both changed a field, and marks the clash', () => {
    const theirs = { ...base, phone: '3', tags: ['a', 'b'] };
    const yours = { ...base, phone: '2', tags: ['a', 'b'] };
    const result = threeWayMerge(base, theirs, yours, fields);
    expect(result.merged.phone).toBe('2');
    expect(result.changes).toEqual([
      { name: 'phone', label: 'Phone', theirs: '3', yours: '2', clash: true },
      { name: 'tags', label: 'Tags', theirs: 'a; b', yours: 'a; b', clash: false },
    ]);
  });

  it('reports nothing when they changed nothing this form shows', () => {
    const result = threeWayMerge(base, { ...base }, { ...base, email: 'x@example.org' }, fields);
    expect(result.changes).toEqual([]);
    expect(result.merged.email).toBe('x@example.org');
  });

  it('says when a value was emptied', () => {
    const result = threeWayMerge(base, { ...base, phone: '' }, { ...base, phone: '9' }, fields);
    expect(result.changes[0]).toMatchObject({ theirs: '(empty)', yours: '9', clash: true });
  });
});

describe('changedFields', () => {
  it('lists only what differs, lists compared by content', () => {
    expect(changedFields(base, { ...base, phone: '2', tags: ['a'] })).toEqual({ phone: '2' });
    expect(changedFields(base, { ...base, tags: [] })).toEqual({ tags: [] });
  });
});
