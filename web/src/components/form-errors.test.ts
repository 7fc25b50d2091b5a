import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import { FormSubmitError, explainRefusal, fieldNamedIn, formErrorsFrom } from './form-errors';

const fields = ['mrn', 'family_name', 'birth_date'] as const;

function invalid(message: string) {
  return new ApiError({ status: 400, code: 'invalid_argument', message, requestId: 'r1' });
}

describe('explainRefusal', () => {
  const wrongPassword = {
    code: 'permission_denied',
    field: 'password',
    message: 'Your password is not correct.',
  } as const;

  it('puts its own words next to the field when the API refuses with that code', async () => {
    const refused = new ApiError({ status: 403, code: 'permission_denied', message: 'wrong password' });
    await expect(explainRefusal(Promise.reject(refused), wrongPassword)).rejects.toEqual(
      new FormSubmitError('Your password is not correct.', 'password'),
    );
    await expect(explainRefusal(Promise.resolve(7), wrongPassword)).resolves.toBe(7);
  });

  it('lets other errors through', async () => {
    const other = invalid('the password must be 12 to 128 characters');
    await expect(explainRefusal(Promise.reject(other), wrongPassword)).rejects.toBe(other);
  });
});

describe('fieldNamedIn', () => {
  it('finds the first quoted name that is one of the form fields', () => {
    expect(fieldNamedIn("'family_name' must be 1-200 characters", fields)).toBe('family_name');
    expect(fieldNamedIn("unknown field 'colour'; 'mrn' is required", fields)).toBe('mrn');
    expect(fieldNamedIn('the request body is not JSON', fields)).toBeNull();
  });
});

describe('formErrorsFrom', () => {
  it('puts the error next to the field the server names, without repeating the name', () => {
    expect(formErrorsFrom(invalid("'family_name' must be 1-200 characters"), fields)).toEqual({
      fields: { family_name: 'Must be 1-200 characters' },
      form: null,
    });
  });

  it('keeps a conflict about a field next to it', () => {
    const conflict = new ApiError({ status: 409, code: 'conflict', message: "a patient with this 'mrn' exists" });
    expect(formErrorsFrom(conflict, fields).fields).toEqual({ mrn: "A patient with this 'mrn' exists" });
  });

  it('puts an error that names no field of the form on the form', () => {
    expect(formErrorsFrom(invalid("'colour' is not a known field"), fields)).toEqual({
      fields: {},
      form: "'colour' is not a known field",
    });
  });

  it('does not trust the wording of other errors', () => {
    const failed = new ApiError({ status: 500, code: 'internal', message: "'mrn' detail", requestId: 'r9' });
    expect(formErrorsFrom(failed, fields)).toEqual({
      fields: {},
      form: 'Something went wrong on the server (reference r9). Please try again.',
    });
  });
});

describe('FormSubmitError', () => {
  it('goes next to the field it names, or on the form', () => {
    expect(formErrorsFrom(new FormSubmitError('Not this one', 'mrn'), fields)).toEqual({
      fields: { mrn: 'Not this one' },
      form: null,
    });
    expect(formErrorsFrom(new FormSubmitError('Locked'), fields)).toEqual({ fields: {}, form: 'Locked' });
  });
});
