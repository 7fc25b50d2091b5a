import { describe, expect, it } from 'vitest';
import type { Participant } from '../types';
import { quorumOf } from './quorum';

const people: Participant[] = [
  { user_id: 'org', display_name: 'Org', meeting_role: 'organiser', attended: null },
  { user_id: 'doc1', display_name: 'Doc 1', meeting_role: 'doctor', attended: null },
  { user_id: 'doc2', display_name: 'Doc 2', meeting_role: 'doctor', attended: null },
  { user_id: 'guest', display_name: 'Guest', meeting_role: 'guest', attended: null },
];

describe('quorumOf', () => {
  it('needs one present person for each core role', () => {
    expect(quorumOf(['organiser', 'doctor'], people, new Set(['org', 'doc2']))).toEqual({ quorate: true, missing: [] });
    expect(quorumOf(['organiser', 'doctor'], people, new Set(['org']))).toEqual({
      quorate: false,
      missing: ['doctor'],
    });
  });

  it('counts a person once, so two doctors need two people', () => {
    expect(quorumOf(['organiser', 'doctor', 'doctor'], people, new Set(['org', 'doc1']))).toEqual({
      quorate: false,
      missing: ['doctor'],
    });
    expect(quorumOf(['organiser', 'doctor', 'doctor'], people, new Set(['org', 'doc1', 'doc2'])).quorate).toBe(true);
  });

  it('never counts guests', () => {
    expect(quorumOf(['nurse'], people, new Set(['guest'])).quorate).toBe(false);
  });
});
