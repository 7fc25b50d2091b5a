import { describe, expect, it } from 'vitest';
import { describeDates, planTitle } from './plan-model';

describe('describeDates', () => {
  it('says what is known of the plan’s dates', () => {
    expect(describeDates({ start_date: '2027-01-10', end_date: '2027-06-30' })).toBe('10 Jan 2027 to 30 Jun 2027');
    expect(describeDates({ start_date: '2027-01-10', end_date: null })).toBe('From 10 Jan 2027');
    expect(describeDates({ start_date: null, end_date: '2027-06-30' })).toBe('Until 30 Jun 2027');
    expect(describeDates({ start_date: null, end_date: null })).toBe('Not set');
  });
});

describe('planTitle', () => {
  it('names a plan by the first line of its goals, shortened', () => {
    expect(planTitle('Curative resection\nthen adjuvant therapy')).toBe('Curative resection');
    expect(planTitle('x'.repeat(100), 10)).toBe('xxxxxxxxx…');
  });
});
