import type { ClinicSettings } from '../../auth/clinic-settings';

export type SettingsFormValues = {
  mfa_required: boolean;
  min_password_length: string;
  plan_edit_window_days: string;
};

export function settingsFormValues(settings: ClinicSettings): SettingsFormValues {
  return {
    mfa_required: settings.mfa_required,
    min_password_length: String(settings.min_password_length),
    plan_edit_window_days: String(settings.plan_edit_window_days),
  };
}

function wholeNumberError(text: string, min: number, max: number): string | null {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isInteger(value) || value < min || value > max) {
    return `Enter a whole number from ${min} to ${max}.`;
  }
  return null;
}

/** The ranges the server enforces, checked before sending. */
export function settingsErrors(values: SettingsFormValues): Partial<Record<keyof SettingsFormValues, string>> {
  const errors: Partial<Record<keyof SettingsFormValues, string>> = {};
  const length = wholeNumberError(values.min_password_length, 8, 128);
  if (length) errors.min_password_length = length;
  const window = wholeNumberError(values.plan_edit_window_days, 0, 7);
  if (window) errors.plan_edit_window_days = window;
  return errors;
}
