import { useState } from 'react';
import { FormSubmitError } from '../../../components/form-errors';
import { useApiForm } from '../../../components/useApiForm';

/** How a form's list of rows (plan steps, identifiers) is named as the API names it, tidied and checked. */
export interface RowsRules<Name extends string, Row> {
  name: Name;
  /** The rows as they are sent: spaces trimmed, blank rows dropped. */
  clean(rows: Row[]): Row[];
  /** What is wrong with the cleaned rows before the server sees them, or null. */
  problem(rows: Row[]): string | null;
}

interface RowsFormOptions<V extends Record<string, string>, Name extends string, Row> {
  initialValues: V;
  initialRows: Row[];
  rules: RowsRules<Name, Row>;
  validate?(values: NoInfer<V>): Partial<Record<keyof V & string, string>>;
  /** Saves; called only with rows that are clean and have no problem. */
  onSubmit(values: V, rows: Row[]): Promise<void>;
}

/**
 * useApiForm for a form with a list of rows beside its fields (edited with RowsEditor): the rows are tidied
 * and checked before saving, and an error about them is shown next to the list.
 */
export function useRowsForm<V extends Record<string, string>, Name extends string, Row>({
  initialValues,
  initialRows,
  rules,
  validate,
  onSubmit,
}: RowsFormOptions<V, Name, Row>) {
  const [rows, setRows] = useState(initialRows);
  const form = useApiForm<V, Name>({
    initialValues,
    otherFields: [rules.name],
    validate,
    async onSubmit(values) {
      const cleaned = rules.clean(rows);
      const problem = rules.problem(cleaned);
      if (problem) throw new FormSubmitError(problem, rules.name);
      await onSubmit(values, cleaned);
    },
  });

  return {
    ...form,
    rows,
    setRows,
    rowsError: form.errors.fields[rules.name] ?? null,
    /** Puts new values and rows in the form, e.g. a merge after a stale save. */
    resetAll(values: V, nextRows: Row[]) {
      form.reset(values);
      setRows(nextRows);
    },
    /** Sets one field, or the rows when `name` is theirs. */
    setPart(name: (keyof V & string) | Name, value: unknown) {
      if (name === rules.name) setRows(value as Row[]);
      else form.setValue(name as keyof V & string, value as V[keyof V & string]);
    },
  };
}
