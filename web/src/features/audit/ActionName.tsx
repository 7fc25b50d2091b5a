import { Fragment } from 'react';

/** An action name (`patient.history.read`) that a narrow column may wrap after a dot, never inside a word. */
export function ActionName({ action }: { action: string }) {
  const parts = action.split('.');
  return (
    <code>
      {parts.map((part, index) => (
        <Fragment key={index}>
          {part}
          {index < parts.length - 1 && (
            <>
              .<wbr />
            </>
          )}
        </Fragment>
      ))}
    </code>
  );
}
