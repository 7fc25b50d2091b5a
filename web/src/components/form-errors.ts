import { ApiError, apiErrorMessage, capitalise, codesWithUsefulMessages, type ApiErrorCode } from '../api/errors';

export interface FormErrors<Name extends string = string> {
  fields: Partial<Record<Name, string>>;
  form: string | null;
}

/**
 * Thrown by a form's submit with a message written for the person: shown next to `field` when the form has
 * one of that name, otherwise on the form.
 */
export class FormSubmitError extends Error {
  readonly field: string | null;
  constructor(message: string, field: string | null = null) {
    super(message);
    this.name = 'FormSubmitError';
    this.field = field;
  }
}

interface Refusal {
  code: ApiErrorCode;
  field: string;
  message: string;
}

/**
 * Waits for `request`; the API refusing it with `refusal.code` (a wrong password or code) becomes the form's
 * own words next to the field. Other errors pass through.
 */
export async function explainRefusal<T>(request: Promise<T>, refusal: Refusal): Promise<T> {
  try {
    return await request;
  } catch (err) {
    if (err instanceof ApiError && err.code === refusal.code) throw new FormSubmitError(refusal.message, refusal.field);
    throw err;
  }
}

// Server messages name the field they are about in quotes: "'family_name' must be 1-200 characters".
const quotedName = /'([A-Za-z_][\w.]*)'/g;

/** The first of `fields` that `message` names in quotes, or null. */
export function fieldNamedIn<Name extends string>(message: string, fields: readonly Name[]): Name | null {
  for (const match of message.matchAll(quotedName)) {
    const name = match[1] as Name;
    if (fields.includes(name)) return name;
  }
  return null;
}

function onField<Name extends string>(field: Name, message: string): FormErrors<Name> {
  return { fields: { [field]: message } as FormErrors<Name>['fields'], form: null };
}

/**
 * Puts a failed save's error next to the field it is about when the server names one of the form's fields,
 * otherwise on the form. Next to the field, a leading "'name' " is dropped: the label already says it.
 */
export function formErrorsFrom<Name extends string>(err: unknown, fields: readonly Name[]): FormErrors<Name> {
  if (err instanceof FormSubmitError) {
    const field = fields.find((name) => name === err.field);
    return field === undefined ? { fields: {}, form: err.message } : onField(field, err.message);
  }
  if (err instanceof ApiError && codesWithUsefulMessages.has(err.code)) {
    const field = fieldNamedIn(err.message, fields);
    if (field !== null) return onField(field, capitalise(err.message.replace(new RegExp(`^'${field}'\\s*`), '')));
  }
  return { fields: {}, form: apiErrorMessage(err) };
}
