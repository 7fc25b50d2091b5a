// Signing in: two-step sign-in set up from My account, wrong passwords and the
// lockout, one's own sessions, and the session surviving a reload. Each test
// makes a member of its own, so the demo people stay password-only and unlocked.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  addMember,
  apiAs,
  awayFromStepEdge,
  checkA11y,
  clickMyAccount,
  openMyAccount,
  screenshot,
  signIn,
  signOutWithMenu,
  totp,
  useBrowser,
  waitForSignedIn,
} from '../lib/index.mjs';

const openPage = useBrowser();

// The server's defaults (docs/security.md): 10 wrong passwords in a row lock an account.
const LOCKOUT_THRESHOLD = 10;
const STEP_MS = 30_000;
const SESSION_ENDED = /Your session has ended/;

const stepAt = (timeMs) => Math.floor(timeMs / STEP_MS);

/**
 * A code from a 30-second step after lastUsedStep (the server takes each step's code once), that stays
 * valid for a while: {code, step}.
 */
async function freshCode(secret, lastUsedStep = -1) {
  const nextStepStartsIn = (lastUsedStep + 1) * STEP_MS - Date.now();
  if (nextStepStartsIn > 0) await new Promise((resolve) => setTimeout(resolve, nextStepStartsIn + 100));
  await awayFromStepEdge();
  const now = Date.now();
  return { code: totp(secret, now), step: stepAt(now) };
}

function sessionRows(page) {
  return page
    .getByRole('table')
    .getByRole('row')
    .filter({ has: page.getByRole('cell') });
}

function formAlert(page) {
  return page.getByRole('alert').filter({ hasText: /\S/ });
}

/** Submits the sign-in form and waits for the server's answer, so repeated tries are not merged. */
async function signInAndWaitForAnswer(page, email, password) {
  const answer = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/v1/sessions');
  await signIn(page, email, password);
  return answer;
}

test('a member sets up two-step sign-in, then signs in with an app code and with a recovery code, once', async (t) => {
  const page = await openPage(t);
  const member = await addMember(t, { namePrefix: 'Two-step' });
  await signIn(page, member.email, member.password);
  await waitForSignedIn(page);
  await openMyAccount(page);
  await checkA11y(page, 'account');
  await screenshot(page, 'sign-in-mfa-account');

  const twoStep = page.getByRole('region', { name: 'Two-step sign-in' });
  await twoStep.getByText(/^Off:/).waitFor();
  await twoStep.getByRole('button', { name: 'Set up an authenticator app' }).click();
  await twoStep.getByLabel('Your password').fill(member.password);
  await twoStep.getByRole('button', { name: 'Continue' }).click();

  const qrCode = twoStep.getByRole('img', { name: /QR code/ });
  await qrCode.waitFor();
  assert.match(await qrCode.getAttribute('src'), /^data:image\/svg\+xml;base64,/);
  const shownKey = await twoStep
    .getByText(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/)
    .first()
    .innerText();
  const secret = shownKey.replace(/\s+/g, '');
  await checkA11y(page, 'account, setting up an authenticator');
  await screenshot(page, 'sign-in-mfa-authenticator-setup');

  const enrolment = await freshCode(secret);
  await twoStep.getByLabel('Code from your app').fill(enrolment.code);
  await twoStep.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
  const codeList = twoStep.getByRole('list', { name: 'Recovery codes' });
  await codeList.waitFor();
  const recoveryCodes = await codeList.getByRole('listitem').allInnerTexts();
  assert.equal(recoveryCodes.length, 10);
  await checkA11y(page, 'account, recovery codes');
  await screenshot(page, 'sign-in-mfa-recovery-codes');
  await twoStep.getByLabel('I have saved these recovery codes').check();
  await twoStep.getByRole('button', { name: 'Continue' }).click();
  await twoStep.getByText(/^On:/).waitFor();
  await twoStep.getByRole('status').filter({ hasText: 'Two-step sign-in is on.' }).waitFor();
  assert.equal(await codeList.count(), 0, 'the recovery codes are shown only once');

  await signOutWithMenu(page);
  await signIn(page, member.email, member.password);
  const appCode = page.getByLabel('Code from your app');
  await appCode.waitFor();
  await checkA11y(page, 'sign-in, code step');
  await screenshot(page, 'sign-in-mfa-code-step');
  await appCode.fill((await freshCode(secret, enrolment.step)).code);
  await page.getByRole('button', { name: 'Continue' }).click();
  await waitForSignedIn(page);

  await signOutWithMenu(page);
  await signIn(page, member.email, member.password);
  await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
  await page.getByLabel('Recovery code').fill(recoveryCodes[0]);
  await page.getByRole('button', { name: 'Continue' }).click();
  await waitForSignedIn(page);

  await signOutWithMenu(page);
  await signIn(page, member.email, member.password);
  await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
  const recoveryField = page.getByLabel('Recovery code');
  await recoveryField.fill(recoveryCodes[0]);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByText('This recovery code is not correct or has been used.').waitFor();
  assert.equal(await recoveryField.getAttribute('aria-invalid'), 'true');
  await checkA11y(page, 'sign-in, a used recovery code');
  await screenshot(page, 'sign-in-mfa-used-recovery-code');
});

test('a wrong password is refused next to the form, and a locked account gets the same message', async (t) => {
  const page = await openPage(t);
  const member = await addMember(t, { namePrefix: 'Lockout' });
  await signInAndWaitForAnswer(page, member.email, 'not the password at all');
  const alert = formAlert(page);
  await alert.waitFor();
  const wrongPassword = await alert.innerText();
  assert.match(wrongPassword, /email or password is incorrect/i);
  assert.ok(await alert.evaluate((element) => element.closest('form') !== null), 'the error is on the form');
  assert.equal(await page.getByLabel('Email address').inputValue(), member.email, 'the email is kept');
  await checkA11y(page, 'sign-in, wrong password');
  await screenshot(page, 'sign-in-mfa-wrong-password');

  for (let attempt = 2; attempt <= LOCKOUT_THRESHOLD; attempt++) {
    const answer = await signInAndWaitForAnswer(page, member.email, `wrong password number ${attempt}`);
    assert.equal(answer.status(), 401, `wrong password ${attempt}`);
  }
  const admin = await apiAs(t, 'admin');
  const { items } = await admin.get('/api/v1/users');
  assert.equal(items.find((user) => user.id === member.id)?.locked, true, 'the member is locked');

  const lockedAnswer = await signInAndWaitForAnswer(page, member.email, member.password);
  assert.equal(lockedAnswer.status(), 401);
  await alert.waitFor();
  assert.equal(await alert.innerText(), wrongPassword, 'a locked account says no more than a wrong password');
  await screenshot(page, 'sign-in-mfa-locked');
});

test('my sessions: both sign-ins are listed, ending the other signs it out, and signing out everywhere ends both', async (t) => {
  const member = await addMember(t, { namePrefix: 'Two devices' });
  const here = await openPage(t);
  const elsewhere = await openPage(t);
  await signIn(here, member.email, member.password);
  await waitForSignedIn(here);
  await signIn(elsewhere, member.email, member.password);
  await waitForSignedIn(elsewhere);

  await openMyAccount(here);
  const rows = sessionRows(here);
  await rows.nth(1).waitFor();
  assert.equal(await rows.count(), 2);
  await rows.filter({ hasText: 'This session' }).waitFor();
  await checkA11y(here, 'account, two sessions');
  await screenshot(here, 'sign-in-mfa-two-sessions');

  await rows.getByRole('button', { name: /^(End session|Sign out)\b/ }).click();
  await here
    .getByRole('status')
    .filter({ hasText: /session on/ })
    .waitFor();
  await rows.nth(1).waitFor({ state: 'detached' });
  assert.equal(await rows.count(), 1);

  await clickMyAccount(elsewhere);
  await elsewhere.getByText(SESSION_ENDED).waitFor();
  await elsewhere.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await checkA11y(elsewhere, 'sign-in, session ended');
  await screenshot(elsewhere, 'sign-in-mfa-session-ended');

  await signIn(elsewhere, member.email, member.password);
  await waitForSignedIn(elsewhere);
  await here.getByRole('button', { name: 'Sign out everywhere' }).click();
  const confirm = here.getByRole('dialog', { name: 'Sign out everywhere?' });
  await checkA11y(here, 'account, sign out everywhere dialog');
  await confirm.getByRole('button', { name: 'Sign out everywhere' }).click();
  await here.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();

  await clickMyAccount(elsewhere);
  await elsewhere.getByText(SESSION_ENDED).waitFor();
  await here.reload();
  await here.getByLabel('Email address').waitFor();
});

test('the session lives in memory and an HttpOnly cookie: nothing in storage, and a reload stays signed in', async (t) => {
  const page = await openPage(t);
  const member = await addMember(t, { namePrefix: 'Reload' });
  await signIn(page, member.email, member.password);
  await waitForSignedIn(page);
  await openMyAccount(page);

  const readable = () =>
    page.evaluate(() => ({
      localStorage: localStorage.length,
      sessionStorage: sessionStorage.length,
      cookie: document.cookie,
    }));
  const before = await readable();
  assert.equal(before.localStorage, 0, 'nothing in localStorage');
  assert.equal(before.sessionStorage, 0, 'nothing in sessionStorage');
  assert.doesNotMatch(before.cookie, /consilium_refresh/, 'scripts cannot read the refresh cookie');
  const refreshCookie = (await page.context().cookies()).find((cookie) => cookie.name === '__Host-consilium_refresh');
  assert.ok(refreshCookie, 'the browser holds the refresh cookie');
  assert.equal(refreshCookie.httpOnly, true);
  assert.equal(refreshCookie.secure, true);
  assert.equal(refreshCookie.sameSite, 'Strict');

  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'My account' }).waitFor();
  await waitForSignedIn(page);
  assert.deepEqual(await readable(), before, 'still nothing a script can read after the reload');
  await checkA11y(page, 'account after a reload');
});
