import { accountFeature } from '../features/account/routes';
import { adminFeature } from '../features/admin/routes';
import { auditFeature } from '../features/audit/routes';
import { keysFeature } from '../features/keys/routes';
import { meetingsFeature } from '../features/meetings/routes';
import { patientsFeature } from '../features/patients/routes';
import { signInFeature } from '../features/sign-in/routes';
import type { Feature } from './feature';

/** Every domain of the app, in the order of the navigation. Adding a domain is one line here. */
export const features: Feature[] = [
  meetingsFeature,
  patientsFeature,
  adminFeature,
  auditFeature,
  keysFeature,
  accountFeature,
  signInFeature,
];
