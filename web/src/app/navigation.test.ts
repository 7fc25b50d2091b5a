import { describe, expect, it } from 'vitest';
import { navItemsFor } from './navigation';

const labels = (role: Parameters<typeof navItemsFor>[0]) => navItemsFor(role).map((item) => item.label);

describe('navItemsFor', () => {
  it('shows each clinic role only what it can use (docs/permissions.md)', () => {
    expect(labels('guest')).toEqual(['Meetings']);
    expect(labels('front_desk')).toEqual(['Meetings', 'Patients']);
    expect(labels('practitioner')).toEqual(['Meetings', 'Patients']);
    expect(labels('admin')).toEqual(['Administration', 'Audit']);
    expect(labels('owner')).toEqual(['Meetings', 'Patients', 'Administration', 'Audit', 'Encryption keys']);
  });
});
