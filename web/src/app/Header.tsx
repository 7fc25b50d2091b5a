import { Link } from 'react-router-dom';
import { useSession } from '../auth/auth-context';
import { currentClinicName } from '../auth/session';
import { kAppName } from '../components/PageHeading';
import { ClinicSwitcher } from './ClinicSwitcher';
import './Header.css';
import { UserMenu } from './UserMenu';

export function Header() {
  const session = useSession();
  return (
    <header className="header">
      <Link className="header__name" to="/">
        {kAppName}
      </Link>
      <div className="header__tools">
        {session.memberships.length > 1 ? (
          <ClinicSwitcher />
        ) : (
          <span className="header__clinic">{currentClinicName(session)}</span>
        )}
        <UserMenu />
      </div>
    </header>
  );
}
