import { useState } from 'react';
import type { Choice } from './ConflictNotice';
import { changedFields, type FieldSpec } from './three-way';
import { isStale, staleSaveError, useConflict } from './useConflict';
import { useRowsForm, type RowsRules } from './useRowsForm';

type Draft<V, Name extends string, Row> = V & Record<Name, Row[]>;

interface RecordEditOptions<R extends { id: string }, V extends Record<string, string>, Name extends string, Row> {
  record: R;
  /** A record's values for the form's fields, and its rows. */
  formParts(record: R): [V, Row[]];
  rules: RowsRules<Name, Row>;
  /** How the conflict notice names and shows each part. */
  fields: NoInfer<FieldSpec<Draft<V, Name, Row>>>[];
  validate?(values: NoInfer<V>): Partial<Record<keyof V & string, string>>;
  read(id: string): Promise<R>;
  /** Saves the changed parts on top of `base` with If-Match; throws the API's error. */
  save(base: R, changes: NoInfer<Partial<Draft<V, Name, Row>>>): Promise<R>;
  /** The record as saved, or as it was when nothing changed. */
  onSaved(record: R, changed: boolean): void;
}

/**
 * An edit form for a record saved with If-Match. When someone else saved first (412) it reads the record
 * again, takes their changes to what the person left alone, and lets the person choose where both changed
 * something; the next save goes on top of their version. `conflict` is what ConflictNotice shows, or null.
 */
export function useRecordEditForm<
  R extends { id: string },
  V extends Record<string, string>,
  Name extends string,
  Row,
>({ record, formParts, rules, fields, validate, read, save, onSaved }: RecordEditOptions<R, V, Name, Row>) {
  const [base, setBase] = useState(record);
  const conflict = useConflict<Draft<V, Name, Row>>(fields);
  const join = (values: V, rows: Row[]) => ({ ...values, [rules.name]: rows }) as Draft<V, Name, Row>;
  const draftOf = (saved: R) => join(...formParts(saved));
  const [initialValues, initialRows] = formParts(record);

  const form = useRowsForm({
    initialValues,
    initialRows,
    rules,
    validate,
    async onSubmit(values, rows) {
      const yours = join(values, rows);
      const changes = changedFields(draftOf(base), yours);
      if (Object.keys(changes).length === 0) return onSaved(base, false);
      try {
        onSaved(await save(base, changes), true);
      } catch (err) {
        if (!isStale(err)) throw err;
        const latest = await read(base.id);
        const { [rules.name]: mergedRows, ...mergedValues } = conflict.found(draftOf(base), draftOf(latest), yours);
        form.resetAll(mergedValues as unknown as V, mergedRows as Row[]);
        setBase(latest);
        throw staleSaveError();
      }
    },
  });

  function choose(name: string, choice: Choice) {
    const value = conflict.choose(name as keyof Draft<V, Name, Row> & string, choice);
    if (value !== undefined) form.setPart(name as keyof V & string, value);
  }

  return {
    ...form,
    conflict: conflict.conflict && { changes: conflict.conflict.changes, choices: conflict.choices, onChoose: choose },
  };
}
