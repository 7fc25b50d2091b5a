import { api, call } from '../api/client';
import type { components } from '../api/schema';

export type ClinicSettings = components['responses']['ClinicSettings']['content']['application/json'];

/** Every member may read these: the password length they set is the hint on password fields. */
export function loadClinicSettings(signal?: AbortSignal): Promise<ClinicSettings> {
  return call(api.GET('/api/v1/clinic/settings', { signal }));
}
