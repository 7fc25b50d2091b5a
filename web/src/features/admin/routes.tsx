import { Navigate } from 'react-router-dom';
import { forRoles, lazyPage, type Feature } from '../../app/feature';
import type { ClinicRole } from '../../auth/session';

const adminRoles: readonly ClinicRole[] = ['owner', 'admin'];

export const adminFeature: Feature = {
  nav: [{ to: '/admin', label: 'Administration', roles: adminRoles }],
  routes: [
    forRoles(adminRoles, [
      { path: 'admin', element: <Navigate to="/admin/users" replace /> },
      { path: 'admin/users', lazy: lazyPage(() => import('./UsersPage'), 'UsersPage') },
      { path: 'admin/settings', lazy: lazyPage(() => import('./ClinicSettingsPage'), 'ClinicSettingsPage') },
    ]),
  ],
};
