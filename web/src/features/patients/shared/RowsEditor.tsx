import { useEffect, useId, useRef, useState } from 'react';
import { Button } from '../../../components/Button';
import '../../../components/Field.css';
import './RowsEditor.css';

export interface RowsColumn<Row> {
  key: keyof Row & string;
  label: string;
  type?: 'text' | 'date';
  /** A wide column takes the space left over. */
  wide?: boolean;
}

interface RowsEditorProps<Row> {
  legend: string;
  hint?: string;
  /** One row, in lower case, for the names of its inputs: "identifier", "step". */
  rowName: string;
  /** "Add an identifier". */
  addLabel: string;
  columns: RowsColumn<Row>[];
  rows: Row[];
  emptyRow: Row;
  onChange(rows: Row[]): void;
  /** About the whole list; marks its inputs invalid so the form moves focus to the first. */
  error?: string | null;
}

/** A list of small records (identifiers, plan steps) edited as rows of labelled inputs. */
export function RowsEditor<Row extends Record<string, string>>(props: RowsEditorProps<Row>) {
  const { legend, hint, rowName, addLabel, columns, rows, emptyRow, onChange, error } = props;
  const id = useId();
  const listRef = useRef<HTMLDivElement>(null);
  const [focusRow, setFocusRow] = useState<number | null>(null);
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;

  useEffect(() => {
    if (focusRow === null) return;
    listRef.current?.querySelector<HTMLInputElement>(`[data-row="${focusRow}"]`)?.focus();
    setFocusRow(null);
  }, [focusRow]);

  function change(index: number, key: keyof Row, value: string) {
    onChange(rows.map((row, i) => (i === index ? { ...row, [key]: value } : row)));
  }

  function add() {
    onChange([...rows, { ...emptyRow }]);
    setFocusRow(rows.length);
  }

  function remove(index: number) {
    onChange(rows.filter((_, i) => i !== index));
    if (index > 0) setFocusRow(index - 1);
  }

  return (
    <fieldset className="rows-editor" aria-describedby={describedBy}>
      <legend>{legend}</legend>
      {hint && (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <div ref={listRef}>
        {rows.map((row, index) => (
          <div className="rows-editor__row" key={index}>
            {columns.map((column, columnIndex) => {
              const inputId = `${id}-${index}-${column.key}`;
              return (
                <div
                  className={column.wide ? 'rows-editor__cell rows-editor__cell--wide' : 'rows-editor__cell'}
                  key={column.key}
                >
                  <label htmlFor={inputId}>
                    {column.label}
                    <span className="visually-hidden">
                      {' '}
                      of {rowName} {index + 1}
                    </span>
                  </label>
                  <input
                    className="text-control"
                    id={inputId}
                    type={column.type ?? 'text'}
                    value={row[column.key]}
                    onChange={(event) => change(index, column.key, event.target.value)}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? `${id}-error` : undefined}
                    data-row={columnIndex === 0 ? index : undefined}
                  />
                </div>
              );
            })}
            <Button className="rows-editor__remove" onClick={() => remove(index)}>
              Remove
              <span className="visually-hidden">
                {' '}
                {rowName} {index + 1}
              </span>
            </Button>
          </div>
        ))}
      </div>
      {error && (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <Button onClick={add}>{addLabel}</Button>
    </fieldset>
  );
}
