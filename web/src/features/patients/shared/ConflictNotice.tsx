import { useId } from 'react';
import type { TheirChange } from './three-way';
import './notice.css';
import './ConflictNotice.css';

export type Choice = 'theirs' | 'yours';

interface ConflictNoticeProps {
  changes: TheirChange[];
  choices: Record<string, Choice>;
  onChoose(name: string, choice: Choice): void;
}

/**
 * What someone else saved while this form was open. Their changes to fields the person left alone are
 * already in the form; where both changed a field the person picks which value to save.
 */
export function ConflictNotice({ changes, choices, onChoose }: ConflictNoticeProps) {
  const headingId = useId();
  const clashes = changes.filter((change) => change.clash);
  return (
    <section className="notice notice--warning conflict-notice" aria-labelledby={headingId}>
      <h3 id={headingId}>Changed by someone else while you were editing</h3>
      {changes.length === 0 ? (
        <p>They changed nothing that this form shows. Save again to keep your changes.</p>
      ) : (
        <p>
          {clashes.length > 0
            ? 'Where you both changed something, choose which to keep. Their other changes are already in the form. Then save again.'
            : 'Their changes are in the form now, with yours. Check them, then save again.'}
        </p>
      )}
      <ul className="conflict-notice__list">
        {changes.map((change) =>
          change.clash ? (
            <li key={change.name}>
              <fieldset>
                <legend>{change.label}: you both changed it</legend>
                <ChoiceRadio
                  change={change}
                  choice="theirs"
                  checked={choices[change.name] === 'theirs'}
                  onChoose={onChoose}
                />
                <ChoiceRadio
                  change={change}
                  choice="yours"
                  checked={choices[change.name] !== 'theirs'}
                  onChoose={onChoose}
                />
              </fieldset>
            </li>
          ) : (
            <li key={change.name}>
              <strong>{change.label}</strong>: now <q>{change.theirs}</q> (their change, kept)
            </li>
          ),
        )}
      </ul>
    </section>
  );
}

interface ChoiceRadioProps {
  change: TheirChange;
  choice: Choice;
  checked: boolean;
  onChoose(name: string, choice: Choice): void;
}

function ChoiceRadio({ change, choice, checked, onChoose }: ChoiceRadioProps) {
  const id = useId();
  const value = choice === 'theirs' ? change.theirs : change.yours;
  return (
    <div className="conflict-notice__choice">
      <input
        type="radio"
        id={id}
        name={`conflict-${change.name}`}
        checked={checked}
        onChange={() => onChoose(change.name, choice)}
      />
      <label htmlFor={id}>
        {choice === 'theirs' ? 'Use theirs' : 'Keep mine'}: <q>{value}</q>
      </label>
    </div>
  );
}
