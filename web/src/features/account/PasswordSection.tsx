import { useState } from 'react';
import { api, call } from '../../api/client';
import { loadClinicSettings } from '../../auth/clinic-settings';
import { onPasswordField, passwordHint } from '../../auth/password';
import { Button } from '../../components/Button';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { explainRefusal } from '../../components/form-errors';
import { Section } from '../../components/Section';
import { StatusMessage } from '../../components/StatusMessage';
import { useApiData } from '../../components/useApiData';
import { useApiForm } from '../../components/useApiForm';

const empty = { current_password: '', new_password: '', repeat_password: '' };

export function PasswordSection() {
  const settings = useApiData((signal) => loadClinicSettings(signal), []);
  const [status, setStatus] = useState<string | null>(null);
  const form = useApiForm({
    initialValues: empty,
    validate: (values) => ({
      ...(values.current_password ? {} : { current_password: 'Enter your current password.' }),
      ...(values.new_password ? {} : { new_password: 'Enter a new password.' }),
      ...(values.repeat_password === values.new_password
        ? {}
        : { repeat_password: 'This is not the same as the new password.' }),
    }),
    async onSubmit({ current_password, new_password }) {
      setStatus(null);
      const request = call(api.POST('/api/v1/me/password', { body: { current_password, new_password } }));
      try {
        await explainRefusal(request, {
          code: 'permission_denied',
          field: 'current_password',
          message: 'Your current password is not correct.',
        });
      } catch (err) {
        throw onPasswordField(err, 'new_password');
      }
      form.reset();
      setStatus('Your password is changed. Your other sessions have been signed out.');
    },
  });

  return (
    <Section title="Password">
      <StatusMessage message={status} />
      <form onSubmit={form.handleSubmit} noValidate>
        <FormError message={form.formError} />
        <Field
          label="Current password"
          type="password"
          autoComplete="current-password"
          {...form.field('current_password')}
        />
        <Field
          label="New password"
          type="password"
          autoComplete="new-password"
          hint={passwordHint(settings.data?.min_password_length)}
          {...form.field('new_password')}
        />
        <Field
          label="New password again"
          type="password"
          autoComplete="new-password"
          {...form.field('repeat_password')}
        />
        <Button type="submit" variant="primary" busy={form.submitting}>
          Change password
        </Button>
      </form>
    </Section>
  );
}
