import { useState, type FormEvent } from 'react';
import { Button } from '../../components/Button';
import { CopyButton } from '../../components/CopyButton';
import { Field } from '../../components/Field';
import './mfa.css';

interface RecoveryCodesProps {
  codes: string[];
  /** After the person says they have saved the codes. */
  onSaved(): void;
}

/** New recovery codes, shown this once; the person confirms they saved them before going on. */
export function RecoveryCodes({ codes, onSaved }: RecoveryCodesProps) {
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    if (saved) return onSaved();
    setError('Tick the box once you have saved the codes.');
    document.getElementById('recovery-codes-saved')?.focus();
  }

  return (
    <div className="recovery-codes">
      <p>
        Each code signs you in once if you cannot use your authenticator app. Keep them somewhere safe, such as a
        password manager. <strong>They are shown only now.</strong>
      </p>
      <ol className="recovery-codes__list" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <CopyButton text={codes.join('\n')} label="Copy codes" />
      <form onSubmit={handleSubmit} noValidate>
        <Field
          id="recovery-codes-saved"
          type="checkbox"
          label="I have saved these recovery codes"
          checked={saved}
          onChange={(event) => {
            setSaved(event.target.checked);
            setError(null);
          }}
          error={error}
        />
        <Button type="submit" variant="primary">
          Continue
        </Button>
      </form>
    </div>
  );
}
