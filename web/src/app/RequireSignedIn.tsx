import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { useAuth } from '../auth/auth-context';
import { Loading } from '../components/Loading';

/** Signed-in pages; anyone else goes to sign-in, which brings them back here afterwards. */
export function RequireSignedIn() {
  const { state } = useAuth();
  const location = useLocation();
  if (state.status === 'loading') return <Loading label="Starting Consilium…" />;
  if (state.status === 'signed_out') {
    // Back here after signing in, unless the person chose to sign out (the next one may be someone else).
    // Only the path travels (ids at most, never patient data); the query string is dropped.
    const from = state.reason === 'signed_out' ? undefined : location.pathname;
    return <Navigate to="/sign-in" replace state={{ from }} />;
  }
  return <Outlet />;
}
