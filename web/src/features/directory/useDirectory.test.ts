import { describe, expect, it } from 'vitest';
import { clinicians } from './useDirectory';

describe('clinicians', () => {
  it('offers practitioners and owners only', () => {
    const directory = [
      { id: 'a', display_name: 'A', role: 'practitioner' as const },
      { id: 'b', display_name: 'B', role: 'nurse' as const },
      { id: 'c', display_name: 'C', role: 'owner' as const },
    ];
    expect(clinicians(directory).map((entry) => entry.id)).toEqual(['a', 'c']);
  });
});
