import { forRoles, lazyPage, type Feature } from '../../app/feature';
import { rolesThatMay } from './access';

// Loaded when first opened: few people review the audit trail, and not often.
export const auditFeature: Feature = {
  nav: [{ to: '/audit', label: 'Audit', roles: rolesThatMay('read') }],
  routes: [
    forRoles(rolesThatMay('read'), [{ path: 'audit', lazy: lazyPage(() => import('./AuditPage'), 'AuditPage') }]),
  ],
};
