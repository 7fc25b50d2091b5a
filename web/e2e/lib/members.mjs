// People made for one test, so the demo sign-ins stay password-only and
// unlocked for every other file; and the user menu every signed-in page has.
import { randomBytes } from 'node:crypto';
import { apiAs } from './api.mjs';

/**
 * A new member of the demo clinic, added through the API by the demo admin:
 * {id, email, password, display_name, role}. The name starts with namePrefix.
 */
export async function addMember(t, { role = 'nurse', namePrefix = 'Test member' } = {}) {
  const unique = randomBytes(4).toString('hex');
  const password = `e2e ${randomBytes(12).toString('base64url')}`;
  const admin = await apiAs(t, 'admin');
  const member = await admin.post('/api/v1/users', {
    email: `e2e-${unique}@example.org`,
    display_name: `${namePrefix} ${unique}`,
    role,
    password,
  });
  return { ...member, password };
}

/** Waits until the page shows the signed-in layout (its account menu). */
export function waitForSignedIn(page) {
  return page.getByRole('button', { name: /account menu/ }).waitFor();
}

function openUserMenu(page) {
  return page.getByRole('button', { name: /account menu/ }).click();
}

/** Follows "My account" in the account menu; waits for nothing after (a signed-out page may answer). */
export async function clickMyAccount(page) {
  await openUserMenu(page);
  await page.getByRole('link', { name: 'My account' }).click();
}

/** Opens My account and waits for its heading. */
export async function openMyAccount(page) {
  await clickMyAccount(page);
  await page.getByRole('heading', { level: 1, name: 'My account' }).waitFor();
}

/** Signs out with the account menu and waits for the sign-in page. */
export async function signOutWithMenu(page) {
  await openUserMenu(page);
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
}
