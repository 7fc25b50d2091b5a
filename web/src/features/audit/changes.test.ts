import { describe, expect, it } from 'vitest';
import { formatValue, valueChanges } from './changes';

describe('valueChanges', () => {
  it('shows each changed field before and after', () => {
    const changes = valueChanges({
      changed_fields: ['given_name', 'identifiers'],
      before: { given_name: 'Ada', identifiers: [], family_name: 'Okafor' },
      after: { given_name: 'Adaora', identifiers: [{ system: 'nhs', value: '1' }], family_name: 'Okafor' },
    });
    expect(changes).toEqual([
      { field: 'given_name', before: 'Ada', after: 'Adaora' },
      { field: 'identifiers', before: '[]', after: '[{"system":"nhs","value":"1"}]' },
    ]);
  });

  it('shows every field of a record that names none, such as a creation', () => {
    expect(valueChanges({ changed_fields: [], before: null, after: { mrn: 'M1', ecog: 1 } })).toEqual([
      { field: 'mrn', before: '(none)', after: 'M1' },
      { field: 'ecog', before: '(none)', after: '1' },
    ]);
  });

  it('shows nothing when the values are withheld', () => {
    expect(valueChanges({ changed_fields: ['given_name'], before: null, after: null })).toEqual([]);
  });
});

describe('formatValue', () => {
  it('writes strings as they are and anything else as JSON', () => {
    expect(formatValue('x')).toBe('x');
    expect(formatValue(false)).toBe('false');
    expect(formatValue(null)).toBe('(none)');
  });

  it('shows clinical text as sealed, with the start of its fingerprint so that a change shows', () => {
    expect(formatValue('hmac-sha256:0123456789abcdef')).toBe('(clinical text, sealed: 012345)');
    expect(formatValue('hmac-sha256: not a fingerprint')).toBe('hmac-sha256: not a fingerprint');
  });
});
