import { describe, expect, it } from 'vitest';
import { clinicRoles } from '../../auth/session';
import { may } from './access';

describe('who may see, download and upload files', () => {
  it('is as docs/permissions.md says', () => {
    const allowed = (action: Parameters<typeof may>[1]) => clinicRoles.filter((role) => may(role, action));
    expect(allowed('read')).toEqual(['owner', 'practitioner', 'nurse', 'read_only']);
    expect(allowed('download')).toEqual(['owner', 'practitioner', 'nurse', 'read_only']);
    expect(allowed('upload')).toEqual(['owner', 'practitioner', 'nurse']);
  });

  it('never lets a guest, the front desk or an admin near a file', () => {
    for (const role of ['guest', 'front_desk', 'admin'] as const) {
      expect([may(role, 'read'), may(role, 'download'), may(role, 'upload')]).toEqual([false, false, false]);
    }
  });
});
