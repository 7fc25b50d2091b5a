import { useSession } from '../../auth/auth-context';
import { clinicRoleLabels, currentClinicName } from '../../auth/session';
import { PageHeading } from '../../components/PageHeading';
import { MfaSection } from './MfaSection';
import { PasswordSection } from './PasswordSection';
import { SessionsSection } from './SessionsSection';

export function AccountPage() {
  const session = useSession();
  return (
    <>
      <PageHeading title="My account" />
      <p>
        Signed in as <strong>{session.user.display_name}</strong> ({session.user.email}),{' '}
        {clinicRoleLabels[session.role]} in {currentClinicName(session)}.
      </p>
      <SessionsSection />
      <PasswordSection />
      <MfaSection />
    </>
  );
}
