// A person in two clinics switches between them from the header; the app then works in the other clinic
// with the role they have there, and the session (its refresh cookie) follows.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkA11y, demoClinic, screenshot, secondClinic, signInAs, useBrowser } from '../lib/index.mjs';

const openPage = useBrowser();

async function switchTo(page, clinicName) {
  const clinics = page.getByLabel('Clinic');
  const option = clinics.locator('option', { hasText: clinicName });
  await clinics.selectOption({ value: await option.getAttribute('value') });
  await page.getByRole('button', { name: 'Switch' }).click();
  await page.getByRole('heading', { level: 1 }).waitFor();
}

test(
  'a person in two clinics switches between them',
  { skip: !secondClinic() && 'E2E_SECOND_CLINIC not set' },
  async (t) => {
    const second = secondClinic();
    const page = await openPage(t);
    await signInAs(page, second.member);
    await page.getByRole('heading', { level: 1, name: 'Meetings' }).waitFor();
    const clinics = page.getByLabel('Clinic');
    const options = await clinics.locator('option').allInnerTexts();
    assert.equal(options.length, 2, `two clinics offered: ${options}`);
    assert.ok(options.some((text) => text.includes(demoClinic().clinic_name)));
    await checkA11y(page, 'header with the clinic switcher');

    await switchTo(page, second.clinic_name);
    // Read-only in the second clinic, which has no meetings: its own, empty meetings list.
    await page.getByRole('heading', { level: 1, name: 'Meetings' }).waitFor();
    await page.getByText('Lung tumour board').first().waitFor({ state: 'detached' });
    assert.equal(await page.getByRole('link', { name: 'Administration' }).count(), 0);
    await screenshot(page, 'clinic-switch-second');

    // A reload refreshes the session, which now works in the second clinic.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Meetings' }).waitFor();
    const selected = await clinics.locator('option:checked').innerText();
    assert.match(selected, new RegExp(second.clinic_name));

    await switchTo(page, demoClinic().clinic_name);
    await page.getByText('Lung tumour board').first().waitFor();
  },
);
