// The clinic's keys as the API reports them.
import { api, call } from '../../api/client';
import type { components } from '../../api/schema';

export type KeyStatus = components['schemas']['KeyStatus'];
export type ClinicKeyVersion = KeyStatus['clinic_key_versions'][number];

export function readKeyStatus(signal?: AbortSignal): Promise<KeyStatus> {
  return call(api.GET('/api/v1/keys', { signal }));
}

export function rotateClinicKey(): Promise<KeyStatus> {
  return call(api.POST('/api/v1/keys/rotate'));
}
