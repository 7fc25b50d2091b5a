import { describe, expect, it } from 'vitest';
import { transitionActions } from './transitions';

describe('transitionActions', () => {
  it('offers exactly the transitions the API allows, the way forward first', () => {
    const actions = transitionActions({ allowed_transitions: ['cancelled', 'scheduled'] }, true);
    expect(actions.map((action) => [action.to, action.label])).toEqual([
      ['scheduled', 'Schedule meeting'],
      ['cancelled', 'Cancel meeting'],
    ]);
  });

  it('asks before completing or cancelling', () => {
    const actions = transitionActions({ allowed_transitions: ['in_progress', 'cancelled'] }, true);
    expect(actions.map((action) => Boolean(action.confirm))).toEqual([false, true]);
    expect(transitionActions({ allowed_transitions: ['completed'] }, true)[0]?.confirm).toBeTruthy();
  });

  it('offers nothing to someone who may not move the meeting, or when it is final', () => {
    expect(transitionActions({ allowed_transitions: ['scheduled', 'cancelled'] }, false)).toEqual([]);
    expect(transitionActions({ allowed_transitions: [] }, true)).toEqual([]);
  });
});
