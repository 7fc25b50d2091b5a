import { describe, expect, it } from 'vitest';
import { describeItemState } from './labels';

describe('history labels', () => {
  it('names the triage of an approved item only', () => {
    expect(describeItemState({ state: 'approved', triage: 'standard_of_care' })).toBe(
      'On the agenda (standard of care)',
    );
    expect(describeItemState({ state: 'pending', triage: null })).toBe('Proposed, waiting for approval');
  });
});
