// Files end to end: a practitioner uploads a PDF on a patient's page with the Choose file button, sees it
// listed and downloads the same bytes; a program or a file of no known type is refused before anything is
// sent; a read-only member lists and downloads but has no upload area, the front desk sees no files at all;
// the owner rotates the clinic key on the Encryption keys page and follows the re-wrapping to its end.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { apiAs, baseUrl, checkA11y, demoUser, openHttp, screenshot, signInAs, useBrowser } from '../lib/index.mjs';

const openPage = useBrowser();

function unique() {
  return randomBytes(3).toString('hex');
}

/** A small but real PDF, with binary bytes in it (as PDFs have), different each time. */
function pdfBytes() {
  const text = (s) => Buffer.from(s, 'latin1');
  return Buffer.concat([
    text('%PDF-1.4\n%'),
    Buffer.from([0xe2, 0xe3, 0xcf, 0xd3, 0x0a]),
    text('1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n'),
    text('2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n'),
    text(`% ${randomBytes(16).toString('hex')}\n`),
    randomBytes(64),
    text('\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
  ]);
}

async function newPatient(t) {
  const practitioner = await apiAs(t, 'practitioner');
  const patient = await practitioner.post('/api/v1/patients', {
    mrn: `E2E-F-${unique()}`,
    family_name: `Filed${unique()}`,
    given_name: 'Ada',
    birth_date: '1958-04-12',
    sex: 'female',
  });
  return { patient, practitioner };
}

/** Uploads a file through the API, as the web app does (raw body, name in X-File-Name). */
async function uploadAs(t, role, patientId, name, content) {
  const http = await openHttp(t);
  const { email, password } = demoUser(role);
  const signedIn = await http.post('/api/v1/sessions', { data: { email, password } });
  assert.equal(signedIn.status(), 201, await signedIn.text());
  const { access_token: token } = await signedIn.json();
  const uploaded = await http.post(`/api/v1/patients/${patientId}/files`, {
    headers: {
      Authorization: `Bearer ${token}`,
      'X-File-Name': encodeURIComponent(name),
      'Content-Type': 'application/octet-stream',
    },
    data: content,
  });
  assert.equal(uploaded.status(), 201, await uploaded.text());
  return uploaded.json();
}

async function openPatient(page, patient) {
  await page.goto(`${baseUrl()}/patients/${patient.id}`);
  await page.getByRole('heading', { level: 1, name: `${patient.family_name}, Ada` }).waitFor();
}

function filesSection(page) {
  return page.getByRole('region', { name: 'Files' });
}

/** Downloads `name` from the files section and returns the saved file's name and bytes. */
async function download(page, name) {
  const downloading = page.waitForEvent('download');
  await filesSection(page)
    .getByRole('button', { name: `Download ${name}` })
    .click();
  const saved = await downloading;
  return { filename: saved.suggestedFilename(), bytes: await readFile(await saved.path()) };
}

test('a practitioner uploads a PDF with the file chooser, sees it listed and downloads the same bytes', async (t) => {
  const { patient, practitioner } = await newPatient(t);
  const page = await openPage(t);
  await signInAs(page, 'practitioner');
  await openPatient(page, patient);
  const files = filesSection(page);
  await files.getByText('No files yet').waitFor();
  await checkA11y(page, 'patient record with no files');

  const name = `Histology report ${unique()} – März.pdf`;
  const content = pdfBytes();
  const choosing = page.waitForEvent('filechooser');
  await files.getByRole('button', { name: 'Choose file' }).click();
  const chooser = await choosing;
  assert.equal(chooser.isMultiple(), true);
  await chooser.setFiles({ name, mimeType: 'application/pdf', buffer: content });

  const row = files.getByRole('row', { name: new RegExp(name.replace(/[.]/g, '\\.')) });
  await row.waitFor();
  const text = await row.innerText();
  assert.match(text, /PDF/);
  assert.match(text, /bytes|kB/);
  assert.ok(text.includes(`by ${practitioner.user.display_name}`), text);
  await files
    .getByRole('list', { name: 'Uploads' })
    .getByText(/^Uploaded \(/)
    .waitFor();
  await checkA11y(page, 'patient record with an uploaded file');
  await screenshot(page, 'files-uploaded');

  const saved = await download(page, name);
  assert.equal(saved.filename, name);
  assert.ok(saved.bytes.equals(content), 'the downloaded bytes are the uploaded ones');
  await page
    .getByRole('status')
    .filter({ hasText: `Downloaded ${name}` })
    .waitFor();
});

test('a program or a file of no known type is refused before anything is sent', async (t) => {
  const { patient } = await newPatient(t);
  const page = await openPage(t);
  const posts = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && /\/files$/.test(new URL(request.url()).pathname)) posts.push(request.url());
  });
  await signInAs(page, 'practitioner');
  await openPatient(page, patient);
  const files = filesSection(page);

  const choosing = page.waitForEvent('filechooser');
  await files.getByRole('button', { name: 'Choose file' }).click();
  await (
    await choosing
  ).setFiles([
    { name: 'setup.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ\x90\x00', 'latin1') },
    { name: 'export.xyz', mimeType: 'application/octet-stream', buffer: randomBytes(32) },
  ]);

  const uploads = files.getByRole('list', { name: 'Uploads' });
  await uploads
    .getByText('Not uploaded: setup.exe is not a file type that can be uploaded.', { exact: false })
    .waitFor();
  await uploads
    .getByText('Not uploaded: export.xyz is not a file type that can be uploaded.', { exact: false })
    .waitFor();
  assert.match(await uploads.innerText(), /Upload PDF, PNG, JPEG, TIFF, DICOM \(\.dcm\) or plain text files\./);
  assert.deepEqual(posts, [], 'nothing was sent');
  await checkA11y(page, 'files refused before upload');
  await screenshot(page, 'files-refused');
});

test('a read-only member lists and downloads files but has no upload area', async (t) => {
  const { patient } = await newPatient(t);
  const name = `Letter ${unique()}.pdf`;
  const content = pdfBytes();
  await uploadAs(t, 'practitioner', patient.id, name, content);
  const page = await openPage(t);
  await signInAs(page, 'read_only');
  await openPatient(page, patient);
  const files = filesSection(page);

  await files.getByRole('row', { name: new RegExp(name.replace(/[.]/g, '\\.')) }).waitFor();
  assert.equal(await files.getByRole('button', { name: 'Choose file' }).count(), 0);
  assert.equal(await page.getByRole('group', { name: /^Upload files to/ }).count(), 0);
  const saved = await download(page, name);
  assert.ok(saved.bytes.equals(content), 'the downloaded bytes are the uploaded ones');
  await checkA11y(page, 'patient files, read only');
  await screenshot(page, 'files-read-only');
});

test('the front desk sees no files on a patient’s page', async (t) => {
  const { patient } = await newPatient(t);
  const page = await openPage(t);
  await signInAs(page, 'front_desk');
  await openPatient(page, patient);
  await page.getByRole('heading', { level: 2, name: 'Details' }).waitFor();
  assert.equal(await page.getByRole('heading', { name: 'Files' }).count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Choose file' }).count(), 0);
});

test('the owner rotates the clinic key and follows the re-wrapping to its end', async (t) => {
  const owner = await apiAs(t, 'owner');
  const before = await owner.get('/api/v1/keys');
  const next = before.current_version + 1;
  const page = await openPage(t);
  await signInAs(page, 'owner');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Encryption keys' }).click();
  await page.getByRole('heading', { level: 1, name: 'Encryption keys' }).waitFor();
  const versions = page.getByRole('table', { name: 'Clinic key versions, newest first' });
  await versions.waitFor();
  assert.ok((await page.getByRole('region', { name: 'Root key' }).innerText()).includes(before.root_key.provider));
  await checkA11y(page, 'encryption keys');

  await page.getByRole('button', { name: 'Rotate clinic key' }).click();
  const dialog = page.getByRole('dialog', { name: 'Rotate the clinic key?' });
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /everything written from now on uses it at once/);
  assert.match(await dialog.innerText(), /Everything stays readable/);
  await checkA11y(page, 'rotate the clinic key?');
  await dialog.getByRole('button', { name: 'Rotate clinic key' }).click();
  await dialog.waitFor({ state: 'detached' });

  const clinicKey = page.getByRole('region', { name: 'Clinic key' });
  await versions.getByRole('rowheader', { name: new RegExp(`^${next}\\s*Current$`) }).waitFor();
  await page
    .getByRole('status')
    .filter({ hasText: `Clinic key version ${next} is now in use.` })
    .waitFor();
  assert.match(
    await clinicKey.innerText(),
    /Re-wrapping: \d+ patient keys? left|All keys are under the current version/,
  );
  await screenshot(page, 'files-keys-rotated');

  // The server re-wraps every few seconds; the page asks again until nothing is left.
  await clinicKey.getByText('All keys are under the current version').waitFor({ timeout: 60_000 });
  const after = await owner.get('/api/v1/keys');
  assert.equal(after.current_version, next);
  assert.deepEqual(after.rewrap_pending, { patient_keys: 0, clinic_keys: 0 });
  await checkA11y(page, 'encryption keys after rotation');
  await screenshot(page, 'files-keys-done');
});

test('only the owner has the Encryption keys page', async (t) => {
  const page = await openPage(t);
  await signInAs(page, 'admin');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Audit' }).waitFor();
  assert.equal(await nav.getByRole('link', { name: 'Encryption keys' }).count(), 0);
  await page.goto(`${baseUrl()}/keys`);
  await page.getByRole('heading', { level: 1, name: 'Not available' }).waitFor();
});
