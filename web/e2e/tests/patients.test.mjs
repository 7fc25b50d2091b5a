// Patients end to end: finding a demo patient without the search terms reaching the address bar, an edit
// that meets someone else's change (412) and is resolved field by field, and a treatment plan from draft
// to completed, then changed within its edit window.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import {
  apiAs,
  baseUrl,
  checkA11y,
  demoUser,
  openHttp,
  screenshot,
  signInAs,
  useBrowser,
  useSmallScreen,
} from '../lib/index.mjs';

const openPage = useBrowser();

function unique() {
  return randomBytes(3).toString('hex');
}

async function createPatient(api, fields = {}) {
  return api.post('/api/v1/patients', {
    mrn: `E2E-${unique()}`,
    family_name: `Patient${unique()}`,
    given_name: 'Ada',
    birth_date: '1958-04-12',
    sex: 'female',
    ...fields,
  });
}

async function heading(page, name) {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

async function status(page, text) {
  await page.getByRole('status').filter({ hasText: text }).first().waitFor();
}

async function search(page, label, value) {
  const form = page.getByRole('search', { name: 'Find a patient' });
  for (const field of ['Name', 'MRN', 'Other identifier']) await form.getByLabel(field, { exact: true }).fill('');
  await form.getByLabel(label, { exact: true }).fill(value);
  await form.getByRole('button', { name: 'Search' }).click();
}

/** The app's own address and tab name must not carry patient data (they go into the browser's history). */
async function assertNoPatientDataInHistory(page, ...words) {
  const where = `${page.url()} ${await page.title()}`.toLowerCase();
  for (const word of words) assert.ok(!where.includes(word.toLowerCase()), `"${word}" is in ${where}`);
}

/** Changes a patient as someone else would, meanwhile: their own session, straight to the API. */
async function changeBehindTheBack(t, patientId, version, changes) {
  const http = await openHttp(t);
  const { email, password } = demoUser('front_desk');
  const session = await http.post('/api/v1/sessions', { data: { email, password } });
  assert.equal(session.status(), 201);
  const { access_token: token } = await session.json();
  const changed = await http.patch(`/api/v1/patients/${patientId}`, {
    data: changes,
    headers: { Authorization: `Bearer ${token}`, 'If-Match': `"${version}"` },
  });
  assert.equal(changed.status(), 200, await changed.text());
}

test('a practitioner finds a demo patient by name and by MRN and opens the record', async (t) => {
  const page = await openPage(t);
  await signInAs(page, 'practitioner');
  await page.getByRole('link', { name: 'Patients' }).click();
  await heading(page, 'Patients');
  await checkA11y(page, 'patient search');

  await search(page, 'Name', 'okaf');
  await page.getByRole('link', { name: 'Okafor, Amara' }).waitFor();
  await status(page, '1 patient found.');
  await assertNoPatientDataInHistory(page, 'okaf');
  await checkA11y(page, 'patient search results');
  await screenshot(page, 'patients-search-by-name');

  await search(page, 'MRN', 'DEMO-0001');
  const row = page.getByRole('row', { name: /Okafor, Amara/ });
  await row.waitFor();
  assert.match(await row.innerText(), /DEMO-0001/);
  await assertNoPatientDataInHistory(page, 'DEMO-0001');
  await row.getByRole('link', { name: 'Okafor, Amara' }).click();

  await heading(page, 'Okafor, Amara');
  await assertNoPatientDataInHistory(page, 'Okafor', 'Amara', 'DEMO-0001');
  assert.match(new URL(page.url()).pathname, /^\/patients\/[0-9a-f-]{36}$/);
  await page.getByRole('heading', { level: 2, name: 'Details' }).waitFor();
  const history = page.getByRole('table', { name: /Agenda items and decisions/ });
  await history.getByRole('link', { name: 'Lung tumour board' }).first().waitFor();
  assert.match(await history.innerText(), /Surgery or neoadjuvant chemotherapy\?/);
  await page.getByRole('heading', { level: 2, name: 'Treatment plans' }).waitFor();
  await checkA11y(page, 'patient record');
  await screenshot(page, 'patients-record');
  await useSmallScreen(page);
  await checkA11y(page, 'patient record at 1024x768');
  await screenshot(page, 'patients-record-1024');
});

test('an edit that meets someone else’s change shows what changed and saves the chosen values', async (t) => {
  const api = await apiAs(t, 'practitioner');
  const patient = await createPatient(api, { phone: '0100 000 000', address: '1 Old Street' });
  const page = await openPage(t);
  await signInAs(page, 'practitioner');
  await page.goto(`${baseUrl()}/patients/${patient.id}`);
  await heading(page, `${patient.family_name}, Ada`);

  await page.getByRole('button', { name: 'Edit details' }).click();
  const form = page.getByRole('form', { name: "Edit the patient's details" });
  await form.getByLabel('Phone').fill('0200 000 000');
  await form.getByLabel('Given name').fill('Adaora');
  await changeBehindTheBack(t, patient.id, patient.version, { phone: '0300 000 000', address: '2 New Street' });
  await form.getByRole('button', { name: 'Save changes' }).click();

  const alert = form.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /someone else changed this record/i);
  const clash = form.getByRole('group', { name: 'Phone: you both changed it' });
  await clash.waitFor();
  assert.match(
    await clash.getByRole('radio', { name: /Use theirs/ }).evaluate((radio) => radio.labels[0].textContent),
    /0300 000 000/,
  );
  assert.match(await form.getByText(/their change, kept/).innerText(), /Address.*2 New Street/);
  assert.equal(await form.getByLabel('Phone').inputValue(), '0200 000 000', 'what was typed is kept');
  assert.equal(await form.getByLabel('Given name').inputValue(), 'Adaora');
  assert.equal(await form.getByLabel('Address').inputValue(), '2 New Street', 'their other change is taken in');
  await checkA11y(page, 'edit conflict');
  await screenshot(page, 'patients-edit-conflict');

  await clash.getByRole('radio', { name: /Keep mine/ }).check();
  await form.getByRole('button', { name: 'Save again' }).click();
  await status(page, 'Saved the patient’s details.');
  await heading(page, `${patient.family_name}, Adaora`);
  const saved = await api.get(`/api/v1/patients/${patient.id}`);
  assert.deepEqual(
    { phone: saved.phone, address: saved.address, given_name: saved.given_name, version: saved.version },
    { phone: '0200 000 000', address: '2 New Street', given_name: 'Adaora', version: patient.version + 2 },
  );
  await screenshot(page, 'patients-edit-resolved');
});

test('a plan is created, activated and completed, then changed within its edit window', async (t) => {
  const api = await apiAs(t, 'practitioner');
  const patient = await createPatient(api);
  const page = await openPage(t);
  await signInAs(page, 'practitioner');
  await page.goto(`${baseUrl()}/patients/${patient.id}`);
  await heading(page, `${patient.family_name}, Ada`);

  await page.getByRole('link', { name: 'New treatment plan' }).click();
  await heading(page, 'New treatment plan');
  await page.getByLabel('Goals').fill('Curative resection, then adjuvant therapy.');
  await page.getByLabel('Description of step 1').fill('Lobectomy');
  await page.getByLabel('Due date of step 1').fill('2030-01-15');
  await page.getByRole('button', { name: 'Add a step' }).click();
  await page.getByLabel('Description of step 2').fill('Oncology review');
  const responsible = page.getByLabel('Responsible clinician');
  assert.equal(await responsible.locator('option:checked').innerText(), 'Demo practitioner');
  await checkA11y(page, 'new plan');
  await page.getByRole('button', { name: 'Create the plan' }).click();

  await heading(page, 'Treatment plan');
  await status(page, 'Created the plan as a draft.');
  await page.getByRole('button', { name: 'Activate' }).click();
  await status(page, 'The plan is now active.');
  await page.getByRole('button', { name: 'Complete' }).click();
  const confirm = page.getByRole('dialog', { name: 'Complete the plan?' });
  await confirm.getByRole('button', { name: 'Complete' }).click();
  await status(page, 'The plan is now completed.');

  const countdown = page.getByText(/Editable for \d+ days? \d+ hours? more/);
  await countdown.waitFor();
  assert.match(await countdown.innerText(), /Editable for 6 days 23 hours more/);
  assert.equal(await page.getByRole('button', { name: 'Activate' }).count(), 0, 'a completed plan moves no more');
  await checkA11y(page, 'completed plan');
  await screenshot(page, 'patients-plan-completed');

  await page.getByRole('button', { name: 'Edit the plan' }).click();
  await page.getByLabel('Goals').fill('Curative resection; adjuvant therapy declined.');
  await page.getByRole('button', { name: 'Save the plan' }).click();
  await status(page, 'Saved version 4 of the plan.');
  await page.getByText('Curative resection; adjuvant therapy declined.').waitFor();
  const versions = page.getByRole('table', { name: /Versions of this plan/ });
  await versions.getByRole('row', { name: /4 \(current\)/ }).waitFor();
  assert.equal(await versions.getByRole('row').count(), 5, 'a header and four versions');
  await screenshot(page, 'patients-plan-edited');

  await versions.getByRole('link', { name: 'Version 1' }).click();
  await heading(page, 'Treatment plan, version 1');
  await page.getByText('Curative resection, then adjuvant therapy.').waitFor();
  await checkA11y(page, 'plan version');
  await screenshot(page, 'patients-plan-version-1');
});

test('a duplicate merged into the record kept stays read-only and leads to it', async (t) => {
  const api = await apiAs(t, 'front_desk');
  const family = `Twin${unique()}`;
  const kept = await createPatient(api, { family_name: family });
  const duplicate = await createPatient(api, { family_name: family });
  const page = await openPage(t);
  await signInAs(page, 'front_desk');
  await page.goto(`${baseUrl()}/patients/${duplicate.id}`);
  await heading(page, `${family}, Ada`);

  await page.getByRole('button', { name: 'Merge into another record' }).click();
  const find = page.getByRole('dialog', { name: 'Find the record to keep' });
  await find.getByLabel('MRN').fill(kept.mrn);
  await find.getByRole('button', { name: 'Search' }).click();
  await find.getByRole('button', { name: `Choose ${family}, Ada` }).waitFor();
  await checkA11y(page, 'merge dialog');
  await find.getByRole('button', { name: `Choose ${family}, Ada` }).click();
  const confirm = page.getByRole('dialog', { name: 'Merge the records?' });
  assert.match(await confirm.innerText(), new RegExp(`MRN ${duplicate.mrn}\\)? into`));
  await confirm.getByRole('button', { name: 'Merge' }).click();

  await status(page, 'Merged the duplicate record into this one.');
  assert.equal(new URL(page.url()).pathname, `/patients/${kept.id}`);
  await page.getByText(duplicate.mrn).first().waitFor();

  await page.goto(`${baseUrl()}/patients/${duplicate.id}`);
  await heading(page, `${family}, Ada`);
  const note = page.getByRole('note');
  assert.match(await note.innerText(), /merged into another record/);
  assert.equal(await page.getByRole('button', { name: 'Edit details' }).count(), 0, 'a merged record is read-only');
  assert.equal(await page.getByRole('button', { name: 'Merge into another record' }).count(), 0);
  await checkA11y(page, 'merged record');
  await screenshot(page, 'patients-merged-record');
  await note.getByRole('link', { name: 'Open the record it was merged into' }).click();
  await page.waitForURL(`**/patients/${kept.id}`);
  await page.getByRole('button', { name: 'Edit details' }).waitFor();
});
