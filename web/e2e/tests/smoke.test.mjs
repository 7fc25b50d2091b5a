// The app loads, signs a demo person in, and is served with the right headers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  baseUrl,
  checkA11y,
  demoUser,
  openHttp,
  screenshot,
  signIn,
  signInAs,
  useBrowser,
  useSmallScreen,
} from '../lib/index.mjs';

const openPage = useBrowser();

test('the sign-in page loads at / and passes axe', async (t) => {
  const page = await openPage(t);
  await page.goto(`${baseUrl()}/`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.getByLabel('Email').waitFor();
  await page.getByLabel('Password', { exact: true }).waitFor();
  await checkA11y(page, 'sign-in');
  await screenshot(page, 'smoke-sign-in');
});

test('a wrong password shows an error and keeps the form', async (t) => {
  const page = await openPage(t);
  await signIn(page, demoUser('read_only').email, 'not-the-password-1');
  const alert = page.getByRole('alert').filter({ hasText: /\S/ });
  await alert.waitFor();
  assert.match(await alert.innerText(), /email or password|not correct|incorrect|wrong/i);
  await page.getByLabel('Password', { exact: true }).waitFor();
  await checkA11y(page, 'sign-in with an error');
  await screenshot(page, 'smoke-sign-in-wrong-password');
});

test('a demo practitioner signs in and lands on the meetings page', async (t) => {
  const page = await openPage(t);
  await signInAs(page, 'practitioner');
  await page.getByRole('heading', { level: 1, name: 'Meetings' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/meetings');
  await checkA11y(page, 'meetings');
  await screenshot(page, 'smoke-meetings');
  await useSmallScreen(page);
  await checkA11y(page, 'meetings at 1024x768');
  await screenshot(page, 'smoke-meetings-1024');
});

test('index.html is revalidated, hashed assets are immutable, and the CSP is sent', async (t) => {
  const api = await openHttp(t);
  const index = await api.get('/');
  assert.equal(index.status(), 200);
  assert.match(index.headers()['content-type'], /^text\/html/);
  assert.equal(index.headers()['cache-control'], 'no-cache');
  const csp = index.headers()['content-security-policy'];
  assert.ok(csp, 'no Content-Security-Policy on /');
  assert.match(csp, /script-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);

  const assetPath = (await index.text()).match(/\bsrc="(\/assets\/[^"]+\.js)"/)?.[1];
  assert.ok(assetPath, 'index.html loads no script from /assets/');
  const asset = await api.get(assetPath);
  assert.equal(asset.status(), 200);
  assert.match(asset.headers()['cache-control'], /\bimmutable\b/);
  assert.match(asset.headers()['content-type'], /javascript/);

  assert.equal((await api.get('/assets/no-such-file.js')).status(), 404, 'a missing asset is not the app page');

  // Revalidation: the ETag names the content, so another file's ETag never earns a 304.
  const indexTag = { 'If-None-Match': index.headers().etag };
  assert.equal((await api.get('/', { headers: indexTag })).status(), 304);
  assert.equal((await api.get(assetPath, { headers: indexTag })).status(), 200, 'an asset has the ETag of index.html');
});

test('a link into the app opens the app, not a 404', async (t) => {
  const api = await openHttp(t);
  const deepLink = await api.get('/meetings');
  assert.equal(deepLink.status(), 200);
  assert.equal(await deepLink.text(), await (await api.get('/')).text());
});
