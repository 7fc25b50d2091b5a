import { useState } from 'react';
import { api, call } from '../../api/client';
import { apiErrorMessage } from '../../api/errors';
import { loadClinicSettings, type ClinicSettings } from '../../auth/clinic-settings';
import { Button } from '../../components/Button';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { StatusMessage } from '../../components/StatusMessage';
import { useApiData } from '../../components/useApiData';
import { useApiForm } from '../../components/useApiForm';
import { AdminTabs } from './AdminTabs';
import { settingsErrors, settingsFormValues, type SettingsFormValues } from './settings-form';

export function ClinicSettingsPage() {
  const settings = useApiData((signal) => loadClinicSettings(signal), []);
  return (
    <>
      <PageHeading title="Clinic settings" />
      <AdminTabs />
      <FormError message={settings.error ? apiErrorMessage(settings.error) : null} />
      {settings.data === undefined ? (
        settings.loading && <Loading label="Loading settings…" />
      ) : (
        <SettingsForm settings={settings.data} />
      )}
    </>
  );
}

function SettingsForm({ settings }: { settings: ClinicSettings }) {
  const [status, setStatus] = useState<string | null>(null);
  const form = useApiForm<SettingsFormValues>({
    initialValues: settingsFormValues(settings),
    validate: settingsErrors,
    async onSubmit(values) {
      setStatus(null);
      const body = {
        mfa_required: values.mfa_required,
        min_password_length: Number(values.min_password_length),
        plan_edit_window_days: Number(values.plan_edit_window_days),
      };
      const saved = await call(api.PATCH('/api/v1/clinic/settings', { body }));
      form.reset(settingsFormValues(saved));
      setStatus('Settings saved.');
    },
  });

  return (
    <form onSubmit={form.handleSubmit} noValidate>
      <StatusMessage message={status} />
      <FormError message={form.formError} />
      <Field
        type="checkbox"
        label="Everyone in this clinic signs in with an authenticator app as well as their password"
        hint="People without one set it up at their next sign-in."
        {...form.field('mfa_required')}
      />
      <Field
        label="Shortest password allowed (characters)"
        hint="From 8 to 128. It applies to new passwords; longer passwords are stronger."
        type="number"
        inputMode="numeric"
        min={8}
        max={128}
        {...form.field('min_password_length')}
      />
      <Field
        label="Days a completed treatment plan stays editable"
        hint="From 0 to 7. Only the responsible clinician may edit it; after that, corrections are addenda."
        type="number"
        inputMode="numeric"
        min={0}
        max={7}
        {...form.field('plan_edit_window_days')}
      />
      <Button type="submit" variant="primary" busy={form.submitting}>
        Save settings
      </Button>
    </form>
  );
}
