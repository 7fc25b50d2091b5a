import { Field } from '../../components/Field';
import type { CheckboxBinding, TextBinding } from '../../components/useApiForm';

interface AppCodeFieldProps {
  /** The app was set up just now: its first code checks that it works. */
  settingUp?: boolean;
  autoFocus?: boolean;
}

/** The 6-digit code an authenticator app shows: to sign in, to finish setting the app up, to confirm a change. */
export function AppCodeField({ settingUp = false, ...props }: AppCodeFieldProps & (TextBinding | CheckboxBinding)) {
  return (
    <Field
      label="Code from your app"
      hint={
        settingUp
          ? 'Enter the 6-digit code the app now shows, to check it is set up.'
          : 'The 6-digit code your authenticator app shows for Consilium.'
      }
      inputMode="numeric"
      autoComplete="one-time-code"
      {...props}
    />
  );
}
