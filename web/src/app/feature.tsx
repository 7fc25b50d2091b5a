import type { ComponentType } from 'react';
import { Outlet, type RouteObject } from 'react-router-dom';
import type { ClinicRole } from '../auth/session';
import { RoleGate } from './RoleGate';

export interface NavItem {
  to: string;
  label: string;
  /** Clinic roles that can use what this item leads to (docs/permissions.md). */
  roles: readonly ClinicRole[];
}

/** What a domain under src/features/ adds to the app; src/app/features.ts lists them all. */
export interface Feature {
  /** Pages for signed-in people, shown inside the app's layout. */
  routes?: RouteObject[];
  /** Pages for people who are not signed in (sign-in itself). */
  publicRoutes?: RouteObject[];
  nav?: NavItem[];
}

/** Routes that only the given clinic roles may open; anyone else gets a "not available" page. */
export function forRoles(roles: readonly ClinicRole[], children: RouteObject[]): RouteObject {
  return {
    element: (
      <RoleGate roles={roles}>
        <Outlet />
      </RoleGate>
    ),
    children,
  };
}

/**
 * A page whose code is fetched when it is first opened, so the first page a person sees loads only
 * its own code: `{ path: 'admin/users', lazy: lazyPage(() => import('./UsersPage'), 'UsersPage') }`.
 */
export function lazyPage<Module>(load: () => Promise<Module>, name: keyof Module): RouteObject['lazy'] {
  return async () => ({ Component: (await load())[name] as ComponentType });
}
