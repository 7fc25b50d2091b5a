import { useState } from 'react';
import { ApiError } from '../../../api/errors';
import { FormSubmitError } from '../../../components/form-errors';
import type { Choice } from './ConflictNotice';
import { threeWayMerge, type FieldSpec, type TheirChange } from './three-way';

interface Conflict<D> {
  theirs: D;
  yours: D;
  changes: TheirChange[];
}

/** The If-Match header for a record read at `version` (its ETag). */
export function ifMatch(version: number): string {
  return `"${version}"`;
}

/** A save refused because the record changed since it was read (412). */
export function isStale(err: unknown): boolean {
  return err instanceof ApiError && err.code === 'precondition_failed';
}

/** What a form shows on the form itself when its save was stale. */
export function staleSaveError(): FormSubmitError {
  return new FormSubmitError(
    'Not saved: someone else changed this record while you were editing. Their changes are shown below; nothing you typed is lost.',
  );
}

/**
 * State for an edit form that saves with If-Match: after a 412 it keeps both sides, so the person can see
 * what changed and choose, field by field, and save again on top of the new version.
 */
export function useConflict<D extends object>(fields: FieldSpec<D>[]) {
  const [conflict, setConflict] = useState<Conflict<D> | null>(null);
  const [choices, setChoices] = useState<Record<string, Choice>>({});

  /** Remembers both sides of a stale save; returns the draft to put in the form. */
  function found(base: D, theirs: D, yours: D): D {
    const { merged, changes } = threeWayMerge(base, theirs, yours, fields);
    setConflict({ theirs, yours, changes });
    setChoices({});
    return merged;
  }

  /** Records the person's choice for a field; returns the value to put in the form. */
  function choose<K extends keyof D & string>(name: K, choice: Choice): D[K] | undefined {
    if (conflict === null) return undefined;
    setChoices((current) => ({ ...current, [name]: choice }));
    return conflict[choice][name];
  }

  function clear() {
    setConflict(null);
    setChoices({});
  }

  return { conflict, choices, found, choose, clear };
}
