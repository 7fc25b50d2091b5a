// An invited outside specialist: sees only the meetings they are a guest of and, there, only the approved
// agenda with its summaries; every other page shows nothing clinical.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiAs, baseUrl, checkA11y, screenshot, signInAs, useBrowser } from '../lib/index.mjs';

const openPage = useBrowser();

/** The demo board's meetings (the first scheduled with the guest invited, the rest drafts) and patients. */
async function demoFacts(t) {
  const api = await apiAs(t, 'practitioner');
  const meetings = (await api.get('/api/v1/meetings', { limit: 100 })).items.filter((m) => m.title === 'Lung tumour board');
  const invited = meetings.find((m) => m.state === 'scheduled');
  const notInvited = meetings.find((m) => m.state === 'draft');
  assert.ok(invited && notInvited, 'the demo board is there');
  const agenda = (await api.get(`/api/v1/meetings/${invited.id}/agenda`)).items;
  const patients = (await api.get('/api/v1/patients', { limit: 100 })).items;
  return { invited, notInvited, agenda, patients };
}

async function assertNothingClinical(page, patients, where) {
  const text = await page.locator('main').innerText();
  for (const patient of patients) {
    assert.ok(!text.includes(patient.mrn), `${where} shows an MRN`);
    assert.ok(!text.includes(patient.family_name), `${where} shows a patient`);
  }
}

test('a guest sees only their meeting and its approved agenda', async (t) => {
  const { invited, notInvited, agenda, patients } = await demoFacts(t);
  const page = await openPage(t);
  await signInAs(page, 'guest');
  await page.getByRole('heading', { level: 1, name: 'Meetings' }).waitFor();
  const nav = page.getByRole('navigation', { name: 'Main' });
  assert.deepEqual(await nav.getByRole('link').allInnerTexts(), ['Meetings']);

  const links = page.getByRole('main').getByRole('link', { name: /Lung tumour board/ });
  await links.first().waitFor();
  assert.equal(await links.count(), 1, 'only the meeting they are invited to');
  assert.equal(new URL(await links.first().getAttribute('href'), baseUrl()).pathname, `/meetings/${invited.id}`);
  await checkA11y(page, 'meetings as a guest');
  await screenshot(page, 'guest-meetings');

  await links.first().click();
  await page.getByRole('heading', { level: 1, name: 'Lung tumour board' }).waitFor();
  const items = page.getByRole('region', { name: 'Agenda' }).getByRole('heading', { level: 3 });
  await items.first().waitFor();
  assert.equal(await items.count(), agenda.length, 'the approved items');
  const main = await page.locator('main').innerText();
  assert.ok(main.includes(agenda[0].summary), 'the summaries are shown');
  assert.doesNotMatch(main, /MRN/);
  for (const patient of patients) assert.ok(!main.includes(patient.mrn), 'no MRN');
  for (const absent of ['Participants', 'Propose a patient', 'Proposals waiting for review']) {
    assert.equal(await page.getByRole('heading', { name: absent }).count(), 0, `no ${absent}`);
  }
  assert.equal(await page.getByRole('link', { name: 'Run the meeting' }).count(), 0);
  assert.equal(await page.getByRole('main').getByRole('button').count(), 0, 'nothing to do but read');
  await checkA11y(page, 'meeting as a guest');
  await screenshot(page, 'guest-meeting');
});

test('a guest typing other addresses sees nothing clinical', async (t) => {
  const { invited, notInvited, patients } = await demoFacts(t);
  const page = await openPage(t);
  await signInAs(page, 'guest');
  await page.getByRole('heading', { level: 1, name: 'Meetings' }).waitFor();
  const addresses = [
    ['/patients', /Not available|not found/i],
    [`/patients/${patients[0].id}`, /Not available|not found/i],
    ['/admin/users', /Not available|not found/i],
    [`/meetings/${notInvited.id}`, /Meeting not found/],
    [`/meetings/${invited.id}/run`, /Not available/],
  ];
  for (const [path, heading] of addresses) {
    await page.goto(`${baseUrl()}${path}`);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    await assertNothingClinical(page, patients, path);
    await checkA11y(page, `${path} as a guest`);
  }
  await screenshot(page, 'guest-run-not-available');
});
