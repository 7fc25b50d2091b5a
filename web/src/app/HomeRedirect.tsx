import { Navigate } from 'react-router-dom';
import { useSession } from '../auth/auth-context';
import { navItemsFor } from './navigation';

/** "/" opens the first part of the app the person's role can use. */
export function HomeRedirect() {
  const { role } = useSession();
  return <Navigate to={navItemsFor(role)[0]?.to ?? '/account'} replace />;
}
