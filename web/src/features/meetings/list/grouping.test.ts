import { describe, expect, it } from 'vitest';
import { groupBySpecialty, specialtiesOf, specialtyLabel, withSpecialty } from './grouping';

const meetings = [
  { id: 'l2', specialty: 'lung', starts_at: '2031-03-17T08:00:00Z' },
  { id: 'b1', specialty: 'breast', starts_at: '2031-03-12T08:00:00Z' },
  { id: 'l1', specialty: 'lung', starts_at: '2031-03-10T08:00:00Z' },
];

describe('grouping by specialty', () => {
  it('lists each specialty once, alphabetically', () => {
    expect(specialtiesOf(meetings, [{ specialty: 'Colorectal', starts_at: '' }])).toEqual([
      'breast',
      'Colorectal',
      'lung',
    ]);
  });

  it('groups meetings by specialty in start order', () => {
    expect(groupBySpecialty(meetings).map((g) => [g.specialty, g.meetings.map((m) => m.id)])).toEqual([
      ['breast', ['b1']],
      ['lung', ['l1', 'l2']],
    ]);
  });

  it('filters by specialty, or not at all', () => {
    expect(withSpecialty(meetings, 'lung').map((m) => m.id)).toEqual(['l2', 'l1']);
    expect(withSpecialty(meetings, '')).toHaveLength(3);
  });

  it('capitalises a specialty for headings', () => {
    expect(specialtyLabel('lung')).toBe('Lung');
  });
});
