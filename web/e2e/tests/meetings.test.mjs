// Meetings end to end: a tumour board from setting it up to a signed decision, and the meetings list and
// week calendar at both supported screen sizes.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { apiAs, baseUrl, checkA11y, screenshot, signInAs, useBrowser, VIEWPORTS } from '../lib/index.mjs';

const openPage = useBrowser();

function unique() {
  return randomBytes(3).toString('hex');
}

/** A patient made through the API; returns it with the name the app lists it under. */
async function createPatient(api, family) {
  const patient = await api.post('/api/v1/patients', {
    mrn: `E2E-${unique()}`,
    family_name: family,
    given_name: 'Ada',
    birth_date: '1958-04-12',
    sex: 'female',
  });
  return { ...patient, listedAs: `${patient.family_name}, ${patient.given_name}` };
}

/** "YYYY-MM-DDTHH:mm" local time, `days` from today, for a datetime-local input. */
function localDateTime(days, time) {
  const date = new Date();
  date.setDate(date.getDate() + days);
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${time}`;
}

async function heading(page, name) {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

async function status(page, text) {
  await page.getByRole('status').filter({ hasText: text }).first().waitFor();
}

test('a board from proposal to a signed decision', async (t) => {
  const organiserApi = await apiAs(t, 'practitioner');
  const nurseApi = await apiAs(t, 'nurse');
  const suffix = unique();
  const proposed = await createPatient(organiserApi, `Proposed${suffix}`);
  const other = await createPatient(organiserApi, `Other${suffix}`);
  const title = `Thoracic board ${suffix}`;

  // The organiser sets the meeting up, invites the nurse and schedules it.
  const organiser = await openPage(t);
  await signInAs(organiser, 'practitioner');
  await heading(organiser, 'Meetings');
  await organiser.getByRole('button', { name: 'New meeting' }).click();
  const dialog = organiser.getByRole('dialog', { name: 'New meeting' });
  await dialog.getByLabel('Title').fill(title);
  await dialog.getByLabel('Specialty').fill('thoracic');
  await dialog.getByLabel('Starts').fill(localDateTime(14, '09:00'));
  await dialog.getByLabel('Ends (same day)').fill('10:30');
  await dialog.getByLabel('Place').fill('MDT room 3');
  await checkA11y(organiser, 'new meeting dialog');
  await screenshot(organiser, 'meetings-new-meeting');
  await dialog.getByRole('button', { name: 'Create meeting' }).click();
  await heading(organiser, title);
  const meetingId = new URL(organiser.url()).pathname.split('/').pop();

  await organiser.getByLabel('Person').selectOption({ label: `${nurseApi.user.display_name} (Nurse)` });
  assert.equal(await organiser.getByLabel('Role in the meeting').inputValue(), 'nurse');
  await organiser.getByRole('button', { name: 'Invite' }).click();
  await organiser.getByRole('cell', { name: nurseApi.user.display_name, exact: true }).waitFor();
  await organiser.getByRole('button', { name: 'Schedule meeting' }).click();
  await status(organiser, 'The meeting is now scheduled.');

  // Another patient is already on the agenda, so there is an order to change.
  const otherItem = await organiserApi.post(`/api/v1/meetings/${meetingId}/agenda`, {
    patient_id: other.id, clinical_question: 'Surveillance?', summary: 'Stable nodule.', ecog: 0,
  });
  await organiserApi.post(`/api/v1/meetings/${meetingId}/agenda/${otherItem.id}/approval`, { triage: 'standard_of_care' });

  // The nurse proposes a patient.
  const nurse = await openPage(t);
  await signInAs(nurse, 'nurse');
  await nurse.goto(`${baseUrl()}/meetings/${meetingId}`);
  await heading(nurse, title);
  const proposal = nurse.getByRole('form', { name: 'Propose a patient' });
  await proposal.getByRole('button', { name: 'Propose patient' }).click();
  await proposal.getByText('Find and choose the patient.').waitFor();
  await proposal.getByLabel('Find a patient').fill(proposed.family_name);
  await proposal.getByLabel('Find a patient').press('Enter');
  await proposal.getByRole('radio', { name: new RegExp(proposed.listedAs) }).check();
  await proposal.getByLabel('Question for the board').fill('Surgery or neoadjuvant chemotherapy?');
  await proposal.getByLabel('Summary').fill('T2 N1 lesion, left upper lobe; biopsy: adenocarcinoma.');
  await proposal.getByLabel('Performance status (ECOG)').selectOption('1');
  await proposal.getByLabel('Comorbidities').fill('COPD');
  await proposal.getByLabel('Investigations').fill('CT chest; PET-CT');
  await checkA11y(nurse, 'meeting page as a nurse proposing');
  await screenshot(nurse, 'meetings-propose');
  await proposal.getByRole('button', { name: 'Propose patient' }).click();
  await status(nurse, `${proposed.listedAs} was proposed`);
  assert.equal(await proposal.getByLabel('Question for the board').inputValue(), '', 'the form starts again');

  // The organiser approves it at the top of the agenda, then moves it down.
  await organiser.reload();
  await heading(organiser, title);
  const approve = organiser.getByRole('form', { name: `Approve ${proposed.listedAs}` });
  await approve.getByLabel('Position on the agenda').fill('1');
  await approve.getByLabel('Triage').selectOption('full_discussion');
  await checkA11y(organiser, 'meeting page with a proposal to review');
  await screenshot(organiser, 'meetings-review');
  await approve.getByRole('button', { name: /Approve/ }).click();
  await status(organiser, `${proposed.listedAs} was added to the agenda at position 1.`);
  const agenda = organiser.getByRole('region', { name: 'Agenda' });
  await agenda.getByRole('heading', { level: 3, name: `1. ${proposed.listedAs}` }).waitFor();
  await agenda.getByRole('button', { name: `Move down ${proposed.listedAs}` }).click();
  await status(organiser, `${proposed.listedAs} is now item 2 of 2.`);
  await agenda.getByRole('heading', { level: 3, name: `2. ${proposed.listedAs}` }).waitFor();
  assert.equal(
    await organiser.evaluate(() => document.activeElement?.textContent),
    `Move up ${proposed.listedAs}`,
    'focus follows the moved item',
  );

  // The meeting starts and runs: attendance, then the decision, signed.
  await organiser.getByRole('button', { name: 'Start meeting' }).click();
  await status(organiser, 'The meeting is now in progress.');
  await organiser.getByRole('link', { name: 'Run the meeting' }).click();
  await heading(organiser, `Run the meeting: ${title}`);
  await organiser.getByLabel(`${organiserApi.user.display_name} (Organiser)`).check();
  await organiser.getByLabel(`${nurseApi.user.display_name} (Nurse)`).check();
  await organiser.getByText('Quorum not met').waitFor();
  await organiser.getByRole('button', { name: 'Save attendance' }).click();
  await status(organiser, 'Attendance saved: 2 present.');
  await organiser.getByRole('button', { name: 'Next item' }).click();
  await organiser.getByText('Item 2 of 2').waitFor();
  await organiser.getByRole('heading', { level: 2, name: proposed.listedAs }).waitFor();
  const decision = organiser.getByRole('form', { name: 'Decision' });
  await decision.getByLabel('Outcome', { exact: true }).selectOption('surgery');
  await decision.getByLabel('Rationale').fill('Resectable; fit for lobectomy.');
  await decision.getByLabel('A clinical trial was considered').check();
  await decision.getByLabel('Trial name').fill('LungCare-3');
  assert.equal(await decision.getByLabel('Responsible clinician').inputValue(), organiserApi.user.id);
  await checkA11y(organiser, 'run the meeting, recording a decision');
  await screenshot(organiser, 'meetings-run-decision');
  await decision.getByRole('button', { name: 'Record decision' }).click();
  await organiser.getByText('Recorded, not signed yet (version 1).').waitFor();
  await organiser.getByRole('button', { name: 'Sign decision' }).click();
  await organiser.getByRole('dialog', { name: 'Sign this decision?' }).getByRole('button', { name: 'Sign', exact: true }).click();
  const signedText = `Signed by ${organiserApi.user.display_name}`;
  await organiser.getByText(signedText).waitFor();
  await organiser.getByRole('button', { name: 'Change decision (new version, reason required)' }).waitFor();
  await checkA11y(organiser, 'run the meeting, signed decision');
  await screenshot(organiser, 'meetings-run-signed');

  // The signed decision is on the meeting page.
  await organiser.getByRole('link', { name: 'Back to the meeting page' }).click();
  await heading(organiser, title);
  const item = organiser.getByRole('listitem').filter({ has: organiser.getByRole('heading', { name: `2. ${proposed.listedAs}` }) });
  await item.getByText(signedText).waitFor();
  await item.getByText('Resectable; fit for lobectomy.').waitFor();
  await checkA11y(organiser, 'meeting page with a signed decision');
  await screenshot(organiser, 'meetings-signed-on-meeting-page');

  // A signed decision changes only as a new version with its reason.
  await organiser.getByRole('link', { name: 'Run the meeting' }).click();
  await organiser.getByRole('button', { name: 'Next item' }).click();
  await organiser.getByRole('button', { name: 'Change decision (new version, reason required)' }).click();
  const change = organiser.getByRole('form', { name: 'Change the signed decision' });
  await change.getByLabel('Rationale').fill('Node positive on review: chemotherapy first.');
  await change.getByRole('button', { name: 'Save new version' }).click();
  await change.getByText('Say why the signed decision changes.').waitFor();
  await change.getByLabel('Reason for the change').fill('Pathology review after the meeting');
  await change.getByRole('button', { name: 'Save new version' }).click();
  await organiser.getByText('Recorded, not signed yet (version 2).').waitFor();
  await organiser.getByText('Pathology review after the meeting').waitFor();
});

test('after the cut-off a proposal is refused politely and kept; a rejection needs a reason', async (t) => {
  const organiserApi = await apiAs(t, 'practitioner');
  const suffix = unique();
  const refused = await createPatient(organiserApi, `Refused${suffix}`);
  const late = await createPatient(organiserApi, `Late${suffix}`);
  const startsAt = new Date(Date.now() + 10 * 86_400_000);
  const meeting = await organiserApi.post('/api/v1/meetings', {
    title: `Closed board ${suffix}`,
    specialty: 'thoracic',
    starts_at: startsAt.toISOString(),
    ends_at: new Date(startsAt.getTime() + 3_600_000).toISOString(),
    proposal_cutoff_at: new Date(Date.now() - 60_000).toISOString(),
  });
  await organiserApi.post(`/api/v1/meetings/${meeting.id}/transitions`, { to: 'scheduled' });

  const nurse = await openPage(t);
  await signInAs(nurse, 'nurse');
  await nurse.goto(`${baseUrl()}/meetings/${meeting.id}`);
  await heading(nurse, meeting.title);
  await nurse.getByText(/Proposals closed on .* Ask the organiser/).waitFor();
  const proposal = nurse.getByRole('form', { name: 'Propose a patient' });
  await proposal.getByLabel('Find a patient').fill(refused.mrn);
  await proposal.getByRole('button', { name: 'Search' }).click();
  await proposal.getByRole('radio', { name: new RegExp(refused.listedAs) }).check();
  await proposal.getByLabel('Question for the board').fill('Is surgery still an option?');
  await proposal.getByLabel('Summary').fill('Progression after two cycles.');
  await proposal.getByLabel('Performance status (ECOG)').selectOption('2');
  await proposal.getByRole('button', { name: 'Propose patient' }).click();
  const refusal = proposal.getByRole('alert');
  await refusal.waitFor();
  assert.match(await refusal.innerText(), /^The proposal was not sent\. Proposals for this meeting closed at .*What you typed is kept\.$/);
  assert.equal(await proposal.getByLabel('Question for the board').inputValue(), 'Is surgery still an option?');
  assert.equal(await proposal.getByLabel('Summary').inputValue(), 'Progression after two cycles.');
  assert.ok(await proposal.getByRole('radio', { name: new RegExp(refused.listedAs) }).isChecked());
  await checkA11y(nurse, 'a proposal refused after the cut-off');
  await screenshot(nurse, 'meetings-proposal-after-cut-off');

  // The organiser may still propose (late); rejecting it needs a reason.
  await organiserApi.post(`/api/v1/meetings/${meeting.id}/agenda`, {
    patient_id: late.id, clinical_question: 'Re-staging?', summary: 'New lesion on CT.', ecog: 1,
  });
  const organiser = await openPage(t);
  await signInAs(organiser, 'practitioner');
  await organiser.goto(`${baseUrl()}/meetings/${meeting.id}`);
  const reject = organiser.getByRole('form', { name: `Reject ${late.listedAs}` });
  await reject.getByRole('button', { name: /Reject/ }).click();
  await reject.getByText('Give the reason; the proposer will see it.').waitFor();
  await reject.getByLabel('Reason for rejecting').fill('Re-refer after the PET-CT');
  await reject.getByRole('button', { name: /Reject/ }).click();
  await status(organiser, `The proposal for ${late.listedAs} was rejected.`);
  await organiser.getByText('Rejected proposals (1)').click();
  await organiser.getByText('Re-refer after the PET-CT').waitFor();
  await checkA11y(organiser, 'meeting page with a rejected proposal');
  await screenshot(organiser, 'meetings-rejected');
});

for (const [size, viewport] of Object.entries(VIEWPORTS)) {
  test(`the meetings list and week calendar at ${viewport.width}x${viewport.height}`, async (t) => {
    const page = await openPage(t, { viewport });
    await signInAs(page, 'practitioner');
    await heading(page, 'Meetings');
    await page.getByText(/Times are in your time zone/).waitFor();
    await page.getByRole('link', { name: /Lung tumour board/ }).first().waitFor();
    await checkA11y(page, `meetings list, ${size}`);
    await screenshot(page, `meetings-list-${size}`);

    await page.getByRole('button', { name: 'Week calendar' }).click();
    const week = page.getByRole('region', { name: /^Week of / });
    await week.waitFor();
    assert.equal(await week.getByRole('list').first().locator(':scope > li').count(), 7, 'seven days');
    // The weekly demo board meets next week whatever today is; the calendar is driven by keyboard.
    await page.getByRole('button', { name: 'Next week' }).focus();
    await page.keyboard.press('Enter');
    const board = page.getByRole('link', { name: /Lung tumour board/ });
    await board.first().waitFor();
    await checkA11y(page, `week calendar, ${size}`);
    await screenshot(page, `meetings-week-${size}`);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= viewport.width, `no sideways scrolling (${width}px)`);
    await board.first().click();
    await heading(page, /Lung tumour board/);
  });
}
