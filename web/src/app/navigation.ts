import type { ClinicRole } from '../auth/session';
import type { NavItem } from './feature';
import { features } from './features';

export function navItemsFor(role: ClinicRole): NavItem[] {
  return features.flatMap((feature) => feature.nav ?? []).filter((item) => item.roles.includes(role));
}
