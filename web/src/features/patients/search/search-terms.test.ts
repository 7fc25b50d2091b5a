import { describe, expect, it } from 'vitest';
import { describeResults, emptySearchTerms, searchQuery } from './search-terms';

describe('searchQuery', () => {
  it('sends only the terms filled in, trimmed', () => {
    expect(searchQuery({ ...emptySearchTerms, name: '  oka ', birth_date: '1961-03-14' })).toEqual({
      name: 'oka',
      birth_date: '1961-03-14',
    });
  });

  it('is null when nothing was filled in', () => {
    expect(searchQuery({ ...emptySearchTerms, mrn: '   ' })).toBeNull();
  });
});

describe('describeResults', () => {
  it('counts what was found and says when there is more', () => {
    expect(describeResults(0, false)).toBe('No patients match.');
    expect(describeResults(1, false)).toBe('1 patient found.');
    expect(describeResults(50, true)).toBe('Showing the first 50 patients; there are more.');
  });
});
