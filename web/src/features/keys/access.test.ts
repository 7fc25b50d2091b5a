import { describe, expect, it } from 'vitest';
import { clinicRoles } from '../../auth/session';
import { may } from './access';

describe('who may see and rotate the encryption keys', () => {
  it('is the owner alone, as docs/permissions.md says', () => {
    expect(clinicRoles.filter((role) => may(role, 'read'))).toEqual(['owner']);
    expect(clinicRoles.filter((role) => may(role, 'rotate'))).toEqual(['owner']);
  });
});
