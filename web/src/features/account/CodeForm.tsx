import { AppCodeField } from '../../auth/mfa/AppCodeField';
import { normaliseCode } from '../../auth/mfa/secret';
import { Button } from '../../components/Button';
import { FormError } from '../../components/FormError';
import { explainRefusal } from '../../components/form-errors';
import { useApiForm } from '../../components/useApiForm';

interface CodeFormProps {
  /** The app was set up just now: its first code turns two-step sign-in on. */
  settingUp?: boolean;
  submitLabel: string;
  /** Sends the code; the server answers 400 when it is wrong. */
  send(code: string): Promise<void>;
  onCancel(): void;
}

/** Asks for the current code from the authenticator app to confirm an MFA change. */
export function CodeForm({ settingUp = false, submitLabel, send, onCancel }: CodeFormProps) {
  const form = useApiForm({
    initialValues: { code: '' },
    validate: ({ code }) => (normaliseCode(code) ? {} : { code: 'Enter the code from your app.' }),
    async onSubmit({ code }) {
      await explainRefusal(send(normaliseCode(code)), {
        code: 'invalid_argument',
        field: 'code',
        message: 'The code is not correct. Enter the newest code your app shows.',
      });
    },
  });
  return (
    <form onSubmit={form.handleSubmit} noValidate>
      <FormError message={form.formError} />
      <AppCodeField settingUp={settingUp} autoFocus {...form.field('code')} />
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={form.submitting}>
          {submitLabel}
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}
