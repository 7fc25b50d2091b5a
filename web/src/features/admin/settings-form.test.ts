import { describe, expect, it } from 'vitest';
import { settingsErrors } from './settings-form';

describe('settingsErrors', () => {
  it('accepts the ends of each range', () => {
    expect(settingsErrors({ mfa_required: true, min_password_length: '8', plan_edit_window_days: '7' })).toEqual({});
    expect(settingsErrors({ mfa_required: false, min_password_length: '128', plan_edit_window_days: '0' })).toEqual({});
  });

  it('refuses numbers out of range, fractions and blanks', () => {
    expect(settingsErrors({ mfa_required: false, min_password_length: '7', plan_edit_window_days: '8' })).toEqual({
      min_password_length: 'Enter a whole number from 8 to 128.',
      plan_edit_window_days: 'Enter a whole number from 0 to 7.',
    });
    expect(settingsErrors({ mfa_required: false, min_password_length: '12.5', plan_edit_window_days: '' })).toEqual({
      min_password_length: 'Enter a whole number from 8 to 128.',
      plan_edit_window_days: 'Enter a whole number from 0 to 7.',
    });
  });
});
