import { useId, type InputHTMLAttributes, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import './Field.css';

interface Common {
  label: string;
  /** Shown next to the control and announced with it. */
  error?: string | null;
  hint?: string;
}

type InputProps = Common & { as?: 'input' } & InputHTMLAttributes<HTMLInputElement>;
type SelectProps = Common & { as: 'select' } & SelectHTMLAttributes<HTMLSelectElement>;
type TextareaProps = Common & { as: 'textarea' } & TextareaHTMLAttributes<HTMLTextAreaElement>;
export type FieldProps = InputProps | SelectProps | TextareaProps;

/** A labelled control with its hint and error text wired to it for assistive technology. */
export function Field(props: FieldProps) {
  const generatedId = useId();
  const { label, error, hint, as = 'input', id = generatedId, ...control } = props;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const aria = {
    id,
    'aria-describedby': [hintId, errorId].filter(Boolean).join(' ') || undefined,
    'aria-invalid': error ? true : undefined,
  };
  const isCheckbox = as === 'input' && (control as InputProps).type === 'checkbox';
  const labelElement = <label htmlFor={id}>{label}</label>;

  return (
    <div className={isCheckbox ? 'field field--checkbox' : 'field'}>
      {!isCheckbox && labelElement}
      {hint && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      {as === 'select' ? (
        <select {...(control as SelectHTMLAttributes<HTMLSelectElement>)} {...aria} />
      ) : as === 'textarea' ? (
        <textarea {...(control as TextareaHTMLAttributes<HTMLTextAreaElement>)} {...aria} />
      ) : (
        <input {...(control as InputHTMLAttributes<HTMLInputElement>)} {...aria} />
      )}
      {isCheckbox && labelElement}
      {error && (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}
