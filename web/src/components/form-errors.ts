import { ApiError, apiErrorMessage } from '../api/errors';

export interface FormErrors<Name extends string = string> {
  fields: Partial<Record<Name, string>>;
  form: string | null;
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

/**
 * Puts a failed save's error next to the field it is about when the server names one of the form's fields,
 * otherwise on the form. Next to the field, a leading "'name' " is dropped: the label already says it.
 */
export function formErrorsFrom<Name extends string>(err: unknown, fields: readonly Name[]): FormErrors<Name> {
  const fieldCodes = ['invalid_argument', 'conflict'];
  if (err instanceof ApiError && fieldCodes.includes(err.code)) {
    const field = fieldNamedIn(err.message, fields);
    if (field !== null) {
      const text = err.message.replace(new RegExp(`^'${field}'\\s*`), '');
      return { fields: { [field]: text.charAt(0).toUpperCase() + text.slice(1) } as FormErrors<Name>['fields'], form: null };
    }
  }
  return { fields: {}, form: apiErrorMessage(err) };
}
