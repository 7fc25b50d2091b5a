import { describe, expect, it } from 'vitest';
import { clinicRoles } from '../../auth/session';
import { seesWhoAccessed } from './access';

describe('seesWhoAccessed', () => {
  it('is for roles that read both the patient and the audit trail: the owner, not the admin', () => {
    expect(clinicRoles.filter(seesWhoAccessed)).toEqual(['owner']);
  });
});
