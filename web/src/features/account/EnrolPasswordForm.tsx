import { api, call } from '../../api/client';
import type { TotpEnrolment } from '../../auth/mfa/AuthenticatorSetup';
import { Button } from '../../components/Button';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { explainRefusal } from '../../components/form-errors';
import { useApiForm } from '../../components/useApiForm';

interface EnrolPasswordFormProps {
  onStarted(enrolment: TotpEnrolment): void;
  onCancel(): void;
}

/** Setting up an authenticator starts with the password, so an unattended browser cannot do it. */
export function EnrolPasswordForm({ onStarted, onCancel }: EnrolPasswordFormProps) {
  const form = useApiForm({
    initialValues: { password: '' },
    validate: ({ password }) => (password ? {} : { password: 'Enter your password.' }),
    async onSubmit({ password }) {
      const request = call(api.POST('/api/v1/me/mfa', { body: { password } }));
      onStarted(
        await explainRefusal(request, {
          code: 'permission_denied',
          field: 'password',
          message: 'Your password is not correct.',
        }),
      );
    },
  });
  return (
    <form onSubmit={form.handleSubmit} noValidate>
      <FormError message={form.formError} />
      <Field
        label="Your password"
        type="password"
        autoComplete="current-password"
        autoFocus
        {...form.field('password')}
      />
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={form.submitting}>
          Continue
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}
