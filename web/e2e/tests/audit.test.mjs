// The audit trail end to end: the owner sees who opened a record on its page and follows it to the trail
// filtered by that patient, filters by outcome and exports CSV; an admin sees which fields changed but not
// their values, and no patient pages; a practitioner has no audit screen at all.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { apiAs, baseUrl, checkA11y, screenshot, signInAs, useBrowser, useSmallScreen } from '../lib/index.mjs';

const openPage = useBrowser();

const CSV_HEADER =
  'id,occurred_at,actor_id,actor_name,clinic_role,meeting_role,action,outcome,resource_type,resource_id,' +
  'patient_id,patient_ids,changed_fields,before,after,values_withheld,detail,ip,user_agent,request_id';

function unique() {
  return randomBytes(3).toString('hex');
}

/** A new patient, registered and then opened by the demo practitioner: a patient.read of theirs to find. */
async function patientOpenedByPractitioner(t) {
  const practitioner = await apiAs(t, 'practitioner');
  const patient = await practitioner.post('/api/v1/patients', {
    mrn: `E2E-${unique()}`,
    family_name: `Audited${unique()}`,
    given_name: 'Ada',
    birth_date: '1958-04-12',
    sex: 'female',
  });
  await practitioner.get(`/api/v1/patients/${patient.id}`);
  return { practitioner, patient };
}

async function heading(page, name) {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

function filters(page) {
  return page.getByRole('form', { name: 'Filter the audit trail' });
}

async function applyFilters(page) {
  await filters(page).getByRole('button', { name: 'Apply' }).click();
}

function records(page) {
  return page.getByRole('table', { name: /Audit records/ });
}

/** The rows of the records that mention all of `texts`. */
function recordRows(page, ...texts) {
  let rows = records(page).getByRole('row');
  for (const text of texts) rows = rows.filter({ hasText: text });
  return rows;
}

test('the owner sees who opened a record and follows it to the patient’s trail, filters and exports it', async (t) => {
  const { practitioner, patient } = await patientOpenedByPractitioner(t);
  const name = practitioner.user.display_name;
  const page = await openPage(t);
  await signInAs(page, 'owner');
  await page.goto(`${baseUrl()}/patients/${patient.id}`);
  await heading(page, `${patient.family_name}, Ada`);

  const accesses = page.getByRole('table', { name: /People who accessed this record/ });
  const row = accesses.getByRole('row', { name: new RegExp(name) });
  await row.waitFor();
  assert.match(await row.innerText(), /patient\.read/);
  assert.match(await row.innerText(), /Practitioner/);
  await checkA11y(page, 'patient record with who accessed it');
  await screenshot(page, 'audit-patient-accesses');

  await page.getByRole('link', { name: 'Full audit trail for this patient' }).click();
  await heading(page, 'Audit trail');
  assert.equal(new URL(page.url()).search, `?patient=${patient.id}`);
  assert.equal(await filters(page).getByLabel('Patient id').inputValue(), patient.id);
  await recordRows(page, name, 'patient.read').first().waitFor();
  await checkA11y(page, 'audit trail of a patient');
  await screenshot(page, 'audit-trail-patient');

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const download = await downloading;
  assert.match(download.suggestedFilename(), /^consilium-audit-\d{8}T\d{6}Z\.csv$/);
  const csv = await readFile(await download.path(), 'utf8');
  assert.equal(csv.split(/\r?\n/)[0], CSV_HEADER);
  assert.ok(csv.includes(patient.id), 'the export names the patient');
  await page
    .getByRole('status')
    .filter({ hasText: `Downloaded ${download.suggestedFilename()}` })
    .waitFor();

  const outcome = filters(page).getByLabel('Outcome');
  await outcome.selectOption({ label: 'Denied' });
  await applyFilters(page);
  await page.getByText('No records match these filters').first().waitFor();
  await outcome.selectOption({ label: 'Success' });
  await applyFilters(page);
  await recordRows(page, name, 'patient.read').first().waitFor();
  assert.equal(await records(page).getByText('Denied', { exact: true }).count(), 0);

  // A refused look at the trail is recorded too, without a patient: the practitioner's, found by person.
  await assert.rejects(practitioner.get('/api/v1/audit/events'), /answered 403/);
  await filters(page).getByLabel('Patient id').fill('');
  await filters(page)
    .getByLabel('Person')
    .selectOption({ label: `${name} (Practitioner)` });
  await outcome.selectOption({ label: 'Denied' });
  await applyFilters(page);
  await recordRows(page, name, 'audit.read', 'Denied').first().waitFor();
  assert.equal(new URL(page.url()).search, '', 'only a patient id goes into the address');
  await checkA11y(page, 'audit trail filtered by person and outcome');
  await screenshot(page, 'audit-trail-denied');
});

test('an admin sees which fields a change made but not their values, and no patient pages', async (t) => {
  const { practitioner, patient } = await patientOpenedByPractitioner(t);
  await practitioner.patch(`/api/v1/patients/${patient.id}`, { given_name: 'Adaora' });
  const page = await openPage(t);
  await signInAs(page, 'admin');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click();
  await heading(page, 'Audit trail');

  const patientField = filters(page).getByLabel('Patient id');
  await patientField.fill('not-a-patient');
  await applyFilters(page);
  await filters(page)
    .getByText(/must be an id/i)
    .waitFor();
  assert.equal(await patientField.getAttribute('aria-invalid'), 'true');
  await checkA11y(page, 'audit filter refused');

  await patientField.fill(patient.id);
  await filters(page).getByLabel('Action').fill('patient.update');
  await applyFilters(page);
  const update = recordRows(page, 'patient.update');
  await update.first().waitFor();
  assert.equal(await update.count(), 1);
  await update.getByRole('button', { name: /^Details/ }).click();
  const details = page.getByText('Values withheld for administrators.');
  await details.waitFor();
  assert.match(await records(page).innerText(), /Changed fields\s+given_name/);
  assert.equal(await records(page).getByText('Adaora').count(), 0, 'no clinical values for an admin');
  await checkA11y(page, 'audit record opened, as admin');
  await screenshot(page, 'audit-trail-admin-withheld');
  await useSmallScreen(page);
  await checkA11y(page, 'audit trail at 1024x768');
  await screenshot(page, 'audit-trail-admin-1024');

  await page.goto(`${baseUrl()}/patients/${patient.id}`);
  await heading(page, 'Not available');
  assert.equal(await page.getByRole('heading', { name: 'Who accessed this record' }).count(), 0);
});

test('a practitioner has no audit screen and no record of who accessed a patient', async (t) => {
  const { patient } = await patientOpenedByPractitioner(t);
  const page = await openPage(t);
  await signInAs(page, 'practitioner');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Patients' }).waitFor();
  assert.equal(await nav.getByRole('link', { name: 'Audit' }).count(), 0);

  await page.goto(`${baseUrl()}/audit?patient=${patient.id}`);
  await heading(page, 'Not available');

  await page.goto(`${baseUrl()}/patients/${patient.id}`);
  await heading(page, `${patient.family_name}, Ada`);
  await page.getByRole('heading', { level: 2, name: 'Details' }).waitFor();
  assert.equal(await page.getByRole('heading', { name: 'Who accessed this record' }).count(), 0);
});
