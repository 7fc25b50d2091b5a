import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { api, call } from '../../api/client';
import { useAuth } from '../../auth/auth-context';
import { Button } from '../../components/Button';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useApiForm } from '../../components/useApiForm';
import './SignInPage.css';

export function SignInPage() {
  const { state, signedIn } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const returnTo = (location.state as { from?: string } | null)?.from ?? '/';

  const form = useApiForm({
    initialValues: { email: '', password: '' },
    async onSubmit(values) {
      const result = await call(api.POST('/api/v1/sessions', { body: values }));
      if ('next' in result) throw new Error('second step not built yet');
      await signedIn(result);
      navigate(returnTo, { replace: true });
    },
  });

  if (state.status === 'loading') return <Loading label="Starting Consilium…" />;
  if (state.status === 'signed_in') return <Navigate to={returnTo} replace />;

  return (
    <main className="sign-in" id="main">
      <PageHeading title="Sign in" />
      {state.sessionEnded && <p className="sign-in__notice">Your session has ended. Please sign in again.</p>}
      <form onSubmit={form.handleSubmit} noValidate>
        <FormError message={form.formError} />
        <Field label="Email address" type="email" autoComplete="username" required {...form.field('email')} />
        <Field label="Password" type="password" autoComplete="current-password" required {...form.field('password')} />
        <Button type="submit" variant="primary" busy={form.submitting}>
          Sign in
        </Button>
      </form>
    </main>
  );
}
