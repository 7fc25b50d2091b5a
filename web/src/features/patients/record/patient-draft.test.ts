import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../api/errors';
import { FormSubmitError } from '../../../components/form-errors';
import {
  cleanIdentifiers,
  duplicateError,
  identifiersProblem,
  newPatientBody,
  emptyPatientValues,
} from './patient-draft';

const nhs = 'https://fhir.nhs.uk/Id/nhs-number';
const clash = new ApiError({
  status: 409,
  code: 'conflict',
  message: 'a record with the same identifier already exists',
});

describe('identifiers', () => {
  it('drops blank rows, trims, and wants both parts once each', () => {
    const cleaned = cleanIdentifiers([
      { system: ` ${nhs} `, value: ' 943 ' },
      { system: ' ', value: '' },
    ]);
    expect(cleaned).toEqual([{ system: nhs, value: '943' }]);
    expect(identifiersProblem(cleaned)).toBeNull();
    expect(identifiersProblem([{ system: nhs, value: '' }])).toBe('Each identifier needs both a system and a value.');
    expect(identifiersProblem([...cleaned, ...cleaned])).toBe('An identifier is listed twice.');
  });
});

describe('newPatientBody', () => {
  it('sends no status and identifiers only when there are some', () => {
    const body = newPatientBody(
      { ...emptyPatientValues, mrn: 'M1', family_name: 'Okafor', birth_date: '1961-03-14' },
      [],
    );
    expect(body).not.toHaveProperty('status');
    expect(body).not.toHaveProperty('identifiers');
    expect(body.mrn).toBe('M1');
  });
});

describe('duplicateError', () => {
  it('points at the MRN or the identifiers when only one of them was sent', () => {
    expect(duplicateError(clash, { mrn: 'M1' })).toEqual(
      new FormSubmitError('Another patient in this clinic has this MRN.', 'mrn'),
    );
    const identifiers = duplicateError(clash, { identifiers: [{ system: nhs, value: '1' }] }) as FormSubmitError;
    expect(identifiers.field).toBe('identifiers');
    expect(
      (duplicateError(clash, { mrn: 'M1', identifiers: [{ system: nhs, value: '1' }] }) as FormSubmitError).field,
    ).toBeNull();
  });

  it('leaves other errors alone', () => {
    const merged = new ApiError({ status: 409, code: 'conflict', message: 'this record was merged into x' });
    expect(duplicateError(merged, { mrn: 'M1' })).toBe(merged);
  });
});
