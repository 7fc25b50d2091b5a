import { Navigate } from 'react-router-dom';
import { forRoles, type Feature } from '../../app/feature';
import type { ClinicRole } from '../../auth/session';
import { ClinicSettingsPage } from './ClinicSettingsPage';
import { UsersPage } from './UsersPage';

const adminRoles: readonly ClinicRole[] = ['owner', 'admin'];

// In the first bundle, not loaded on demand: "/" sends an administrator on through two redirects to the
// users page, and a redirect into a page still loading could leave the page blank.
export const adminFeature: Feature = {
  nav: [{ to: '/admin', label: 'Administration', roles: adminRoles }],
  routes: [
    forRoles(adminRoles, [
      { path: 'admin', element: <Navigate to="/admin/users" replace /> },
      { path: 'admin/users', element: <UsersPage /> },
      { path: 'admin/settings', element: <ClinicSettingsPage /> },
    ]),
  ],
};
