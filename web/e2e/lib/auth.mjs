// Signing in through the sign-in page, or through the API the way the web
// app does it (the refresh cookie lands in the browser context).
import { baseUrl, demoUser } from './env.mjs';

/** Opens the sign-in page and submits the form; waits for nothing after the click. */
export async function signIn(page, email, password) {
  await page.goto(`${baseUrl()}/`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs the demo person with this clinic role in and waits until the sign-in form has gone. */
export async function signInAs(page, role) {
  const user = demoUser(role);
  await signIn(page, user.email, user.password);
  await page.getByLabel('Password', { exact: true }).waitFor({ state: 'detached' });
  return user;
}

/**
 * Signs in with the API as the web app would, so the context holds the
 * session's refresh cookie and the next page load starts signed in.
 * Returns the session (access_token, user, clinic_id, role, ...).
 */
export async function signInWithApi(context, email, password) {
  const response = await context.request.post(`${baseUrl()}/api/v1/sessions`, {
    data: { email, password },
    headers: { 'X-Consilium-Client': 'web' },
  });
  if (response.status() !== 201) {
    throw new Error(`sign-in of ${email} answered ${response.status()}: ${await response.text()}`);
  }
  return response.json();
}
