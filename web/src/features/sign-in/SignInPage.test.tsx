import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clearSession } from '../../api/session-token';
import { AuthProvider } from '../../auth/AuthProvider';
import { useSession } from '../../auth/auth-context';
import { SignInPage } from './SignInPage';

const user = { id: 'u1', email: 'nurse@example.org', display_name: 'Nia Nurse' };
const membership = { clinic_id: 'c1', clinic_name: 'North', role: 'nurse', mfa_required: false };
const signedIn = {
  access_token: 'token',
  token_type: 'Bearer',
  expires_in: 600,
  session_id: 's1',
  clinic_id: 'c1',
  role: 'nurse',
  user,
  memberships: [membership],
};
const profile = {
  user,
  session_id: 's1',
  clinic_id: 'c1',
  role: 'nurse',
  multi_factor: true,
  memberships: [membership],
};

type Reply = [status: number, body: unknown, headers?: Record<string, string>];

/** Answers each "METHOD /path" from `routes` (a list is used up in order) and records the JSON bodies sent. */
function fakeServer(routes: Record<string, Reply | Reply[]>) {
  const sent: Record<string, unknown[]> = {};
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(input, init);
      const key = `${request.method} ${new URL(request.url).pathname}`;
      const text = await request.text();
      (sent[key] ??= []).push(text ? JSON.parse(text) : undefined);
      const route = routes[key];
      const reply = (Array.isArray(route?.[0]) ? (route as Reply[]).shift() : route) as Reply | undefined;
      const [status, body, headers] = reply ?? [404, { error: { code: 'not_found', message: key, request_id: 'r' } }];
      return new Response(JSON.stringify(body), {
        status,
        headers: { 'Content-Type': 'application/json', ...headers },
      });
    }),
  );
  return sent;
}

function Home() {
  return <h1>Home of {useSession().user.display_name}</h1>;
}

function renderSignIn() {
  const router = createMemoryRouter(
    [
      { path: '/sign-in', element: <SignInPage /> },
      { path: '/', element: <Home /> },
    ],
    { initialEntries: ['/sign-in'] },
  );
  render(
    <AuthProvider>
      <RouterProvider router={router} />
    </AuthProvider>,
  );
}

const notSignedIn: Reply = [401, { error: { code: 'unauthenticated', message: 'no session', request_id: 'r' } }];

afterEach(() => {
  clearSession();
  vi.unstubAllGlobals();
});

describe('SignInPage', () => {
  it('signs in with a password and a code from the app', async () => {
    const sent = fakeServer({
      'POST /api/v1/sessions/refresh': notSignedIn,
      'POST /api/v1/sessions': [202, { next: 'mfa_code', mfa_token: 'mfa1', expires_in: 300 }],
      'POST /api/v1/sessions/mfa': [201, signedIn],
      'GET /api/v1/me': [200, profile],
    });
    renderSignIn();
    const person = userEvent.setup();

    await person.type(await screen.findByLabelText('Email address'), 'nurse@example.org');
    await person.type(screen.getByLabelText('Password'), 'correct horse');
    await person.click(screen.getByRole('button', { name: 'Sign in' }));
    await person.type(await screen.findByLabelText(/Code from your app/), '123 456');
    await person.click(screen.getByRole('button', { name: 'Continue' }));

    expect(await screen.findByRole('heading', { name: 'Home of Nia Nurse' })).toBeTruthy();
    expect(sent['POST /api/v1/sessions/mfa']).toEqual([{ mfa_token: 'mfa1', code: '123456' }]);
  });

  it('keeps the code step and marks the field when the code is wrong', async () => {
    fakeServer({
      'POST /api/v1/sessions/refresh': notSignedIn,
      'POST /api/v1/sessions': [202, { next: 'mfa_code', mfa_token: 'mfa1', expires_in: 300 }],
      'POST /api/v1/sessions/mfa': [
        401,
        { error: { code: 'unauthenticated', message: 'the code is not correct', request_id: 'r' } },
      ],
    });
    renderSignIn();
    const person = userEvent.setup();

    await person.type(await screen.findByLabelText('Email address'), 'nurse@example.org');
    await person.type(screen.getByLabelText('Password'), 'correct horse');
    await person.click(screen.getByRole('button', { name: 'Sign in' }));
    const code = await screen.findByLabelText(/Code from your app/);
    await person.type(code, '000000');
    await person.click(screen.getByRole('button', { name: 'Continue' }));

    expect(await screen.findByText(/The code is not correct/)).toBeTruthy();
    expect(code.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(code);
  });

  it('says when to try again after too many attempts, keeping what was typed', async () => {
    fakeServer({
      'POST /api/v1/sessions/refresh': notSignedIn,
      'POST /api/v1/sessions': [
        429,
        { error: { code: 'too_many_requests', message: 'slow down', request_id: 'r' } },
        { 'Retry-After': '120' },
      ],
    });
    renderSignIn();
    const person = userEvent.setup();

    const email = await screen.findByLabelText('Email address');
    await person.type(email, 'nurse@example.org');
    await person.type(screen.getByLabelText('Password'), 'guess');
    await person.click(screen.getByRole('button', { name: 'Sign in' }));

    expect((await screen.findByRole('alert')).textContent).toBe(
      'Too many failed sign-ins from your network. Please try again in 2 minutes.',
    );
    expect((email as HTMLInputElement).value).toBe('nurse@example.org');
  });
});
