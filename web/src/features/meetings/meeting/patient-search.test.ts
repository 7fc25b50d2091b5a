import { describe, expect, it } from 'vitest';
import { mergeById, patientQueries } from './patient-search';

describe('patientQueries', () => {
  it('searches a date as a date of birth', () => {
    expect(patientQueries('1956-04-12')).toEqual([{ birth_date: '1956-04-12' }]);
    expect(patientQueries(' 12/4/1956 ')).toEqual([{ birth_date: '1956-04-12' }]);
  });

  it('searches anything else by name and by MRN', () => {
    expect(patientQueries(' Okafor ')).toEqual([{ name: 'Okafor' }, { mrn: 'Okafor' }]);
  });

  it('asks nothing for an empty term', () => {
    expect(patientQueries('   ')).toEqual([]);
  });
});

describe('mergeById', () => {
  it('keeps each patient once, in the order found', () => {
    expect(
      mergeById([
        [{ id: 'a' }, { id: 'b' }],
        [{ id: 'b' }, { id: 'c' }],
      ]).map((p) => p.id),
    ).toEqual(['a', 'b', 'c']);
  });
});
