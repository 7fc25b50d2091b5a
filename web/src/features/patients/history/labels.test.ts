import { describe, expect, it } from 'vitest';
import { describeItemState, describeOutcome } from './labels';

describe('history labels', () => {
  it('names the triage of an approved item only', () => {
    expect(describeItemState({ state: 'approved', triage: 'standard_of_care' })).toBe(
      'On the agenda (standard of care)',
    );
    expect(describeItemState({ state: 'pending', triage: null })).toBe('Proposed, waiting for approval');
  });

  it('adds the outcome detail when there is one', () => {
    expect(describeOutcome({ outcome: 'surgery', outcome_detail: 'lobectomy' })).toBe('Surgery: lobectomy');
    expect(describeOutcome({ outcome: 'surveillance', outcome_detail: '' })).toBe('Surveillance');
    expect(describeOutcome({ outcome: 'new_kind', outcome_detail: '' })).toBe('new_kind');
  });
});
