import { describe, expect, it } from 'vitest';
import { describeOutcome, describeResolution } from './labels';

describe('decision labels', () => {
  it('adds the outcome detail when there is one', () => {
    expect(describeOutcome({ outcome: 'surgery', outcome_detail: 'lobectomy' })).toBe('Surgery: lobectomy');
    expect(describeOutcome({ outcome: 'surveillance', outcome_detail: '' })).toBe('Surveillance');
    expect(describeOutcome({ outcome: 'other', outcome_detail: 'watchful waiting' })).toBe('Other: watchful waiting');
  });

  it('shows a value it does not know as it came', () => {
    expect(describeOutcome({ outcome: 'new_kind', outcome_detail: '' })).toBe('new_kind');
    expect(describeResolution('deferred')).toBe('Deferred to a later meeting');
    expect(describeResolution('new_kind')).toBe('new_kind');
  });
});
