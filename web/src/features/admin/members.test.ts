import { describe, expect, it } from 'vitest';
import { assignableRoles, canManage, type Member } from './members';

const member = (id: string, role: Member['role']): Member => ({
  id,
  email: `${id}@example.org`,
  display_name: id,
  role,
  disabled: false,
  locked: false,
  mfa_enabled: false,
  created_at: '2025-01-01T00:00:00Z',
});

describe('member administration rules', () => {
  it('offers the owner role only to owners', () => {
    expect(assignableRoles('owner')).toContain('owner');
    expect(assignableRoles('admin')).not.toContain('owner');
    expect(assignableRoles('admin')).toContain('admin');
  });

  it('never lets people change themselves, and only owners change owners', () => {
    expect(canManage(member('me', 'admin'), { id: 'me', role: 'admin' })).toBe(false);
    expect(canManage(member('o', 'owner'), { id: 'me', role: 'admin' })).toBe(false);
    expect(canManage(member('o', 'owner'), { id: 'me', role: 'owner' })).toBe(true);
    expect(canManage(member('n', 'nurse'), { id: 'me', role: 'admin' })).toBe(true);
  });
});
