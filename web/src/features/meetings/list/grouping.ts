// Meetings grouped and filtered by specialty, for the list and the week calendar.
import type { Meeting } from '../types';

type Dated = Pick<Meeting, 'specialty' | 'starts_at'>;

const bySpecialty = new Intl.Collator('en', { sensitivity: 'base' });

/** Every specialty among the meetings, once, in alphabetical order. */
export function specialtiesOf(...lists: readonly (readonly Dated[])[]): string[] {
  const all = new Set(lists.flatMap((list) => list.map((meeting) => meeting.specialty)));
  return [...all].sort(bySpecialty.compare);
}

/** The meetings of one specialty ('' for all). */
export function withSpecialty<M extends Dated>(meetings: readonly M[], specialty: string): M[] {
  return specialty ? meetings.filter((meeting) => meeting.specialty === specialty) : [...meetings];
}

/** One group per specialty, alphabetically; meetings in start order within each. */
export function groupBySpecialty<M extends Dated>(meetings: readonly M[]): { specialty: string; meetings: M[] }[] {
  return specialtiesOf(meetings).map((specialty) => ({
    specialty,
    meetings: meetings
      .filter((meeting) => meeting.specialty === specialty)
      .sort((a, b) => Date.parse(a.starts_at) - Date.parse(b.starts_at)),
  }));
}

/** "lung" → "Lung": specialties are typed freely. */
export function specialtyLabel(specialty: string): string {
  return specialty.charAt(0).toUpperCase() + specialty.slice(1);
}
