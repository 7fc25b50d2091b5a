import { describe, expect, it } from 'vitest';
import { rewrapPending, rewrapText } from './progress';

const pending = (patientKeys: number, clinicKeys = 0) => ({
  rewrap_pending: { patient_keys: patientKeys, clinic_keys: clinicKeys },
});

describe('rewrapText', () => {
  it('says when everything is under the current version', () => {
    expect(rewrapText(pending(0))).toBe('All keys are under the current version');
    expect(rewrapPending(pending(0))).toBe(false);
  });

  it('counts the patient keys left', () => {
    expect(rewrapText(pending(12))).toBe('Re-wrapping: 12 patient keys left');
    expect(rewrapText(pending(1))).toBe('Re-wrapping: 1 patient key left');
    expect(rewrapPending(pending(1))).toBe(true);
  });

  it('counts clinic key versions left after the root key changed', () => {
    expect(rewrapText(pending(0, 1))).toBe('Re-wrapping: 1 clinic key version left');
    expect(rewrapText(pending(3, 2))).toBe('Re-wrapping: 3 patient keys and 2 clinic key versions left');
    expect(rewrapPending(pending(0, 1))).toBe(true);
  });
});
