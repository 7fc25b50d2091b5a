import { api, call } from '../../api/client';
import { Button } from '../../components/Button';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { FormSubmitError } from '../../components/form-errors';
import { useApiForm } from '../../components/useApiForm';
import { passwordFailureMessage, type MfaChallenge, type SignedIn } from './sign-in-steps';

interface PasswordStepProps {
  /** Why the person is here again, e.g. their session ended. */
  notice: string | null;
  onAnswer(answer: SignedIn | MfaChallenge): void;
}

export function PasswordStep({ notice, onAnswer }: PasswordStepProps) {
  const form = useApiForm({
    initialValues: { email: '', password: '' },
    validate: ({ email, password }) => ({
      ...(email.trim() ? {} : { email: 'Enter your email address.' }),
      ...(password ? {} : { password: 'Enter your password.' }),
    }),
    async onSubmit({ email, password }) {
      try {
        onAnswer(await call(api.POST('/api/v1/sessions', { body: { email: email.trim(), password } })));
      } catch (err) {
        throw new FormSubmitError(passwordFailureMessage(err));
      }
    },
  });

  return (
    <form onSubmit={form.handleSubmit} noValidate>
      {notice && <p className="sign-in__notice">{notice}</p>}
      <FormError message={form.formError} />
      <Field label="Email address" type="email" autoComplete="username" {...form.field('email')} />
      <Field label="Password" type="password" autoComplete="current-password" {...form.field('password')} />
      <Button type="submit" variant="primary" busy={form.submitting}>
        Sign in
      </Button>
    </form>
  );
}
