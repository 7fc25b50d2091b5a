import { forRoles, lazyPage, type Feature } from '../../app/feature';
import { rolesThatMay } from './access';

// Owners only, and seldom: the page's code loads when it is first opened.
export const keysFeature: Feature = {
  nav: [{ to: '/keys', label: 'Encryption keys', roles: rolesThatMay('read') }],
  routes: [forRoles(rolesThatMay('read'), [{ path: 'keys', lazy: lazyPage(() => import('./KeysPage'), 'KeysPage') }])],
};
