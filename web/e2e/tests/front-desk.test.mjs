// The front desk works with demographics only: patients' details, never their meeting history, decisions,
// treatment plans or a meeting's agenda, not even by typing the address of a clinical page.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { apiAs, baseUrl, checkA11y, screenshot, signInAs, useBrowser } from '../lib/index.mjs';

const openPage = useBrowser();

// What the demo clinic's agenda says about its patients (src/app/demo.cpp): clinical content.
const demoAgendaTexts = [
  'Surgery or neoadjuvant chemotherapy?',
  '3 cm left upper lobe mass',
  'Confirm adjuvant radiotherapy as standard of care.',
  'invasive ductal carcinoma',
];
const clinicalHeadings = /Meeting history|Treatment plans?|Decision|Agenda|Addenda|Versions/;

async function heading(page, name) {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/** Fails if the page shows any of the texts or (unless told not to check them) a heading of the clinical record. */
async function assertNothingClinical(page, texts, { headings: checkHeadings = true } = {}) {
  const shown = await page.locator('main').innerText();
  for (const text of texts) assert.ok(!shown.includes(text), `the front desk sees "${text}"`);
  if (!checkHeadings) return;
  const headings = await page.getByRole('heading').allInnerTexts();
  assert.deepEqual(
    headings.filter((text) => clinicalHeadings.test(text)),
    [],
    `clinical headings shown: ${headings.join(', ')}`,
  );
}

test('the front desk sees demographics and nothing clinical, wherever it looks', async (t) => {
  // A patient with a treatment plan, made by a practitioner.
  const practitioner = await apiAs(t, 'practitioner');
  const suffix = randomBytes(3).toString('hex');
  const patient = await practitioner.post('/api/v1/patients', {
    mrn: `E2E-FD-${suffix}`,
    family_name: `Desk${suffix}`,
    given_name: 'Noor',
    birth_date: '1970-02-03',
    phone: '0161 000 0000',
  });
  const goals = `Secret goals ${suffix}: chemoradiotherapy`;
  const plan = await practitioner.post(`/api/v1/patients/${patient.id}/plans`, {
    goals,
    responsible_clinician_id: practitioner.user.id,
  });
  const frontDesk = await apiAs(t, 'front_desk');
  const meetings = await frontDesk.get('/api/v1/meetings');
  const demoMeeting = meetings.items.find(
    (meeting) => meeting.title === 'Lung tumour board' && meeting.state === 'scheduled',
  );
  assert.ok(demoMeeting, 'the demo clinic has a scheduled lung tumour board');

  const page = await openPage(t);
  const clinicalCalls = [];
  page.on('request', (request) => {
    if (/\/api\/v1\/(patients\/[^/]+\/(history|plans)|plans\/)/.test(request.url())) clinicalCalls.push(request.url());
  });
  await signInAs(page, 'front_desk');

  // A demo patient who is on the agenda: demographics, no history.
  await page.getByRole('link', { name: 'Patients' }).click();
  await heading(page, 'Patients');
  const search = page.getByRole('search', { name: 'Find a patient' });
  await search.getByLabel('MRN').fill('DEMO-0001');
  await search.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('link', { name: 'Okafor, Amara' }).click();
  await heading(page, 'Okafor, Amara');
  await page.getByRole('heading', { level: 2, name: 'Details' }).waitFor();
  assert.match(await page.locator('main').innerText(), /DEMO-0001/);
  await page.getByRole('button', { name: 'Edit details' }).waitFor();
  await assertNothingClinical(page, demoAgendaTexts);
  await checkA11y(page, 'patient record as front desk');
  await screenshot(page, 'front-desk-patient-record');

  // The patient with a plan: no plans section, no plan content.
  await page.goto(`${baseUrl()}/patients/${patient.id}`);
  await heading(page, `Desk${suffix}, Noor`);
  await page.getByText('0161 000 0000').waitFor();
  await assertNothingClinical(page, [goals]);

  // Typing the addresses of clinical pages shows nothing of them.
  const clinicalPages = [
    `/patients/${patient.id}/plans/${plan.id}`,
    `/patients/${patient.id}/plans/${plan.id}/versions/1`,
    `/patients/${patient.id}/plans/new`,
  ];
  for (const path of clinicalPages) {
    await page.goto(`${baseUrl()}${path}`);
    await heading(page, 'Not available');
    await assertNothingClinical(page, [goals, `Desk${suffix}`]);
  }
  await checkA11y(page, 'a clinical page as front desk');
  await screenshot(page, 'front-desk-plan-not-available');

  // The demo meeting: whatever the meetings page shows the front desk (its own business), not the agenda's
  // clinical content nor who is on it.
  await page.goto(`${baseUrl()}/meetings/${demoMeeting.id}`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.waitForLoadState('networkidle');
  await assertNothingClinical(page, [...demoAgendaTexts, 'Okafor', 'Lindqvist', 'Moreau'], { headings: false });
  await screenshot(page, 'front-desk-meeting');

  assert.deepEqual(clinicalCalls, [], 'the app asked for clinical records on behalf of the front desk');
});
