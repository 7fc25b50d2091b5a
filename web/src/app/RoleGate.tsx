import type { ReactNode } from 'react';
import { useSession } from '../auth/auth-context';
import type { ClinicRole } from '../auth/session';
import { PageHeading } from '../components/PageHeading';

export function RoleGate({ roles, children }: { roles: readonly ClinicRole[]; children: ReactNode }) {
  const { role } = useSession();
  if (roles.includes(role)) return children;
  return (
    <>
      <PageHeading title="Not available" />
      <p>Your role in this clinic does not include this page.</p>
    </>
  );
}
