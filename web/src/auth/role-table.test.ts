import { describe, expect, it } from 'vitest';
import { roleTable } from './role-table';

describe('roleTable', () => {
  const table = roleTable<'read' | 'write'>({ read: ['owner', 'read_only'], write: ['owner'] });

  it('allows exactly the roles listed for an action', () => {
    expect(table.may('owner', 'write')).toBe(true);
    expect(table.may('read_only', 'read')).toBe(true);
    expect(table.may('read_only', 'write')).toBe(false);
    expect(table.may('guest', 'read')).toBe(false);
  });

  it('lists the roles of an action', () => {
    expect(table.rolesThatMay('read')).toEqual(['owner', 'read_only']);
  });
});
