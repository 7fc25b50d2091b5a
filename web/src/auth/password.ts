import { ApiError, capitalise } from '../api/errors';
import { FormSubmitError } from '../components/form-errors';

/**
 * The server's password rules answer 400 with a message that names no field ("the password must be 12 to
 * 128 characters"): put it next to the password field of the form. Other errors pass through.
 */
export function onPasswordField(err: unknown, field: string): unknown {
  if (
    err instanceof ApiError &&
    err.code === 'invalid_argument' &&
    /password/i.test(err.message) &&
    !err.message.startsWith("'")
  ) {
    return new FormSubmitError(`${capitalise(err.message)}.`, field);
  }
  return err;
}

export function passwordHint(minLength: number | undefined): string {
  const length = minLength === undefined ? '' : `At least ${minLength} characters. `;
  return `${length}A few unrelated words make a strong password that is easy to remember.`;
}
