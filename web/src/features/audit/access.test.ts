import { describe, expect, it } from 'vitest';
import { clinicRoles } from '../../auth/session';
import { may } from './access';

describe('who may review the audit trail', () => {
  it('is the owner and the admin, as docs/permissions.md says', () => {
    expect(clinicRoles.filter((role) => may(role, 'read'))).toEqual(['owner', 'admin']);
    expect(clinicRoles.filter((role) => may(role, 'export'))).toEqual(['owner', 'admin']);
  });
});
