// Administration as the demo admin: members (add, change role, reset the
// authenticator, end sessions, disable) and the clinic settings. The members
// changed are made for the test; the settings are put back as they were.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import {
  addMember,
  apiAs,
  apiSignedIn,
  awayFromStepEdge,
  checkA11y,
  clickMyAccount,
  screenshot,
  signIn,
  signInAs,
  totp,
  useBrowser,
  waitForSignedIn,
} from '../lib/index.mjs';

const openPage = useBrowser();

async function openAdministration(page, tab) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Administration' }).click();
  await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
  if (tab === 'Users') return;
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: tab }).click();
  await page.getByRole('heading', { level: 1, name: tab }).waitFor();
}

function memberRow(page, member) {
  return page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: member.display_name }) });
}

/** Presses a row's action button, then the button of the same name in the dialog that asks first. */
async function confirmRowAction(page, row, action, dialogTitle) {
  await row.getByRole('button', { name: new RegExp(`^${action}\\b`) }).click();
  const dialog = page.getByRole('dialog', { name: dialogTitle });
  await dialog.getByRole('button', { name: action, exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
}

function status(page, text) {
  return page.getByRole('status').filter({ hasText: text }).waitFor();
}

/** Sets up an authenticator for the member through the API; returns their API client, signed in. */
async function withAuthenticator(t, member) {
  const memberApi = await apiSignedIn(t, member);
  const { secret } = await memberApi.post('/api/v1/me/mfa', { password: member.password });
  await awayFromStepEdge();
  await memberApi.post('/api/v1/me/mfa/confirm', { code: totp(secret) });
  return memberApi;
}

test('the admin adds a user, changes their role, resets their authenticator and ends their sessions', async (t) => {
  const page = await openPage(t);
  await signInAs(page, 'admin');
  await openAdministration(page, 'Users');
  await page.getByRole('cell', { name: 'You', exact: true }).waitFor();
  await checkA11y(page, 'admin users');
  await screenshot(page, 'admin-users');

  const unique = randomBytes(4).toString('hex');
  const added = { display_name: `Added by admin ${unique}`, email: `e2e-added-${unique}@example.org` };
  await page.getByRole('button', { name: 'Add user' }).click();
  const addDialog = page.getByRole('dialog', { name: 'Add a user' });
  await addDialog.getByLabel('Name').fill(added.display_name);
  await addDialog.getByLabel('Email address').fill(added.email);
  await addDialog.getByLabel('Role in this clinic').selectOption({ label: 'Nurse' });
  const password = addDialog.getByLabel('First password');
  await password.fill('too short');
  await addDialog.getByRole('button', { name: 'Add user' }).click();
  await addDialog.getByText(/The password must be \d+ to 128 characters/).waitFor();
  assert.equal(await password.getAttribute('aria-invalid'), 'true');
  const describedBy = await password.getAttribute('aria-describedby');
  const errorText = await page.locator(`[id="${describedBy.split(' ').at(-1)}"]`).innerText();
  assert.match(errorText, /password must be/, 'the error is tied to the password field');
  assert.equal(await addDialog.getByLabel('Name').inputValue(), added.display_name, 'the name is kept');
  assert.equal(await addDialog.getByLabel('Email address').inputValue(), added.email, 'the email is kept');
  assert.equal(await addDialog.getByLabel('Role in this clinic').inputValue(), 'nurse', 'the role is kept');
  await checkA11y(page, 'admin users, add a user with an error');
  await screenshot(page, 'admin-add-user-error');

  added.password = `e2e ${randomBytes(12).toString('base64url')}`;
  await password.fill(added.password);
  await addDialog.getByRole('button', { name: 'Add user' }).click();
  await status(page, `${added.display_name} is added as Nurse.`);
  const row = memberRow(page, added);
  await row.getByRole('cell', { name: 'Nurse', exact: true }).waitFor();

  await row.getByRole('button', { name: /Change role/ }).click();
  const roleDialog = page.getByRole('dialog', { name: `Change ${added.display_name}'s role` });
  await roleDialog.getByLabel('Role in this clinic').selectOption({ label: 'Practitioner' });
  await roleDialog.getByRole('button', { name: 'Change role' }).click();
  await status(page, `${added.display_name} is now Practitioner.`);
  await row.getByRole('cell', { name: 'Practitioner', exact: true }).waitFor();

  const addedApi = await withAuthenticator(t, added);
  await page.reload();
  await row.getByText('Two-step on').waitFor();
  await confirmRowAction(page, row, 'Reset authenticator', `Reset ${added.display_name}'s authenticator app?`);
  await status(page, `${added.display_name}'s authenticator app is reset.`);
  await row.getByText('Two-step off').waitFor();
  assert.equal((await addedApi.get('/api/v1/me/mfa')).enabled, false, 'the authenticator is gone on the server');

  await confirmRowAction(page, row, 'End sessions', `End ${added.display_name}'s sessions?`);
  await status(page, `${added.display_name}'s sessions in this clinic have ended.`);
  await assert.rejects(addedApi.get('/api/v1/me'), /answered 401/, 'their session no longer works');
  await screenshot(page, 'admin-users-after-changes');
});

test('an admin disables a member, whose open page is signed out on its next request and who cannot sign in again', async (t) => {
  const member = await addMember(t, { namePrefix: 'Leaver' });
  const memberPage = await openPage(t);
  await signIn(memberPage, member.email, member.password);
  await waitForSignedIn(memberPage);

  const adminPage = await openPage(t);
  await signInAs(adminPage, 'admin');
  await openAdministration(adminPage, 'Users');
  const row = memberRow(adminPage, member);
  await confirmRowAction(adminPage, row, 'Disable', `Disable ${member.display_name}?`);
  await status(adminPage, `${member.display_name} is disabled.`);
  await row.getByText('Disabled', { exact: true }).waitFor();
  await row.getByRole('button', { name: /^Enable/ }).waitFor();

  await clickMyAccount(memberPage);
  await memberPage.getByText(/Your session has ended/).waitFor();
  await memberPage.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await screenshot(memberPage, 'admin-disabled-member-signed-out');

  await signIn(memberPage, member.email, member.password);
  const refusal = memberPage.getByRole('alert').filter({ hasText: /\S/ });
  await refusal.waitFor();
  assert.match(await refusal.innerText(), /^You cannot sign in: .*administrator/);
  await memberPage.getByLabel('Password', { exact: true }).waitFor();
  await checkA11y(memberPage, 'sign-in, disabled member');
  await screenshot(memberPage, 'admin-disabled-member-refused');
});

test('the admin changes the shortest password allowed and sees the two-step policy; the settings are put back', async (t) => {
  const admin = await apiAs(t, 'admin');
  const original = await admin.get('/api/v1/clinic/settings');
  try {
    await changeAndRestoreSettings(t, admin, original);
  } finally {
    // Other files share the server: put the settings back even when a step failed.
    await admin.patch('/api/v1/clinic/settings', {
      mfa_required: original.mfa_required,
      min_password_length: original.min_password_length,
    });
  }
});

async function changeAndRestoreSettings(t, admin, original) {
  const page = await openPage(t);
  await signInAs(page, 'admin');
  await openAdministration(page, 'Clinic settings');
  await checkA11y(page, 'admin settings');
  await screenshot(page, 'admin-settings');

  const mfaRequired = page.getByLabel(/signs in with an authenticator app/);
  const minLength = page.getByLabel('Shortest password allowed (characters)');
  assert.equal(await mfaRequired.isChecked(), original.mfa_required);
  assert.equal(await minLength.inputValue(), String(original.min_password_length));

  await minLength.fill('7');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByText('Enter a whole number from 8 to 128.').waitFor();
  assert.equal(await minLength.getAttribute('aria-invalid'), 'true');
  await checkA11y(page, 'admin settings with an error');

  const longer = original.min_password_length + 2;
  await minLength.fill(String(longer));
  await page.getByRole('button', { name: 'Save settings' }).click();
  await status(page, 'Settings saved.');
  assert.equal((await admin.get('/api/v1/clinic/settings')).min_password_length, longer);

  const adminTabs = page.getByRole('navigation', { name: 'Administration' });
  await adminTabs.getByRole('link', { name: 'Users' }).click();
  await page.getByRole('button', { name: 'Add user' }).click();
  await page.getByRole('dialog', { name: 'Add a user' }).getByText(`At least ${longer} characters.`).waitFor();
  await page.keyboard.press('Escape');

  await adminTabs.getByRole('link', { name: 'Clinic settings' }).click();
  await minLength.fill(String(original.min_password_length));
  await page.getByRole('button', { name: 'Save settings' }).click();
  await status(page, 'Settings saved.');
  const restored = await admin.get('/api/v1/clinic/settings');
  assert.equal(restored.min_password_length, original.min_password_length);
  assert.equal(restored.mfa_required, original.mfa_required);
}
