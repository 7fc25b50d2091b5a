import { useEffect, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { formErrorsFrom, type FormErrors } from './form-errors';

type Values = Record<string, string | boolean>;

type ChangeHandler = (event: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => void;
/** What `field(name)` gives a Field: a text value, or `checked` for a boolean. */
export type TextBinding = { name: string; value: string; onChange: ChangeHandler; error: string | null };
export type CheckboxBinding = { name: string; checked: boolean; onChange: ChangeHandler; error: string | null };

interface Options<V extends Values, Other extends string> {
  initialValues: V;
  /** Throws (an ApiError, usually) when the save fails. */
  onSubmit(values: V): Promise<void>;
  /** Checks that need no server; an empty object when all is well. */
  validate?(values: V): Partial<Record<keyof V & string, string>>;
  /** Fields the form edits outside `values` (a list, say): an error naming one goes next to it, in `errors.fields`. */
  otherFields?: readonly Other[];
}

/**
 * Form state for a form that saves through the API. A failed save keeps what the person typed, puts the
 * error next to the field it is about (or on the form) and moves focus to it.
 */
export function useApiForm<V extends Values, Other extends string = never>({
  initialValues,
  onSubmit,
  validate,
  otherFields = [],
}: Options<V, Other>) {
  type Name = keyof V & string;
  const [values, setValues] = useState<V>(initialValues);
  const [errors, setErrors] = useState<FormErrors<Name | Other>>({ fields: {}, form: null });
  const [submitting, setSubmitting] = useState(false);
  const [failedAttempts, setFailedAttempts] = useState(0);
  const formRef = useRef<HTMLFormElement | null>(null);

  useEffect(() => {
    if (failedAttempts === 0) return;
    const target = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], [role="alert"]');
    target?.focus();
  }, [failedAttempts]);

  function setValue<K extends Name>(name: K, value: V[K]) {
    setValues((current) => ({ ...current, [name]: value }));
  }

  /** Props for a Field bound to `name`: value (or checked, for a boolean), change handler and error. */
  function field(name: Name): TextBinding | CheckboxBinding {
    const value = values[name];
    const onChange: ChangeHandler = (event) => {
      const target = event.target;
      const next = typeof value === 'boolean' ? (target as HTMLInputElement).checked : target.value;
      setValue(name, next as V[Name]);
    };
    const error = errors.fields[name] ?? null;
    return typeof value === 'boolean'
      ? { name, checked: value, onChange, error }
      : { name, value: value as string, onChange, error };
  }

  function fail(next: FormErrors<Name | Other>) {
    setErrors(next);
    setFailedAttempts((n) => n + 1);
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    formRef.current = event.currentTarget;
    const invalid = validate?.(values) ?? {};
    if (Object.keys(invalid).length > 0) return fail({ fields: invalid, form: null });
    setErrors({ fields: {}, form: null });
    setSubmitting(true);
    try {
      await onSubmit(values);
    } catch (err) {
      fail(formErrorsFrom<Name | Other>(err, [...(Object.keys(values) as Name[]), ...otherFields]));
    } finally {
      setSubmitting(false);
    }
  }

  function reset(next: V = initialValues) {
    setValues(next);
    setErrors({ fields: {}, form: null });
  }

  return { values, setValue, field, errors, formError: errors.form, submitting, handleSubmit, reset };
}
