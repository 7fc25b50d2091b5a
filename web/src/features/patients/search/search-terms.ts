// What a patient search sends. The terms live only in component state and in the API call's query string:
// never in the app's own URL, so never in the browser's history.
import type { operations } from '../../../api/schema';

export type SearchTerms = {
  name: string;
  mrn: string;
  birth_date: string;
  identifier: string;
};

export type SearchQuery = NonNullable<operations['findPatients']['parameters']['query']>;

export const emptySearchTerms: SearchTerms = { name: '', mrn: '', birth_date: '', identifier: '' };

/** The API query for the terms filled in (trimmed), or null when there are none. */
export function searchQuery(terms: SearchTerms): SearchQuery | null {
  const query: SearchQuery = {};
  for (const key of Object.keys(emptySearchTerms) as (keyof SearchTerms)[]) {
    const value = terms[key].trim();
    if (value) query[key] = value;
  }
  return Object.keys(query).length === 0 ? null : query;
}

/** "2 patients", "no patients", "50 patients so far" for the live region. */
export function describeResults(count: number, more: boolean): string {
  if (count === 0) return 'No patients match.';
  const noun = count === 1 ? 'patient' : 'patients';
  return more ? `Showing the first ${count} ${noun}; there are more.` : `${count} ${noun} found.`;
}
