// One search box for a patient: a date finds by date of birth, anything else by name prefix or MRN.
import type { PatientQuery } from '../meetings-api';

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;
const ukDate = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/;

/** The API queries a search term needs; their results are merged. Empty for an empty term. */
export function patientQueries(term: string): PatientQuery[] {
  const text = term.trim();
  if (!text) return [];
  if (isoDate.test(text)) return [{ birth_date: text }];
  const uk = text.match(ukDate);
  if (uk) return [{ birth_date: `${uk[3]}-${uk[2]!.padStart(2, '0')}-${uk[1]!.padStart(2, '0')}` }];
  return [{ name: text }, { mrn: text }];
}

/** Results of several queries, each patient once, in the order found. */
export function mergeById<T extends { id: string }>(lists: readonly (readonly T[])[]): T[] {
  const seen = new Map<string, T>();
  for (const list of lists) for (const entry of list) if (!seen.has(entry.id)) seen.set(entry.id, entry);
  return [...seen.values()];
}
