import { describe, expect, it } from 'vitest';
import { ageOn, formatBirthDate, formatDate } from './model';

describe('dates of birth', () => {
  it('reads the calendar date as written, in any time zone', () => {
    expect(formatDate('1961-03-14')).toBe('14 Mar 1961');
    expect(formatDate('not a date')).toBe('not a date');
  });

  it('counts a year of age only once the birthday has come', () => {
    expect(ageOn('1961-03-14', new Date(2025, 2, 13))).toBe(63);
    expect(ageOn('1961-03-14', new Date(2025, 2, 14))).toBe(64);
    expect(formatBirthDate('1961-03-14', new Date(2025, 11, 1))).toBe('14 Mar 1961 (64 years)');
  });
});
