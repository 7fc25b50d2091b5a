// Several tabs of the app share one refresh cookie. Each tab starts by refreshing, and the server ends
// the session when a spent refresh token comes back, so tabs that refreshed at once with the same cookie
// would sign the person out. The app takes turns across tabs; this opens tabs all at the same moment.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { baseUrl, demoUser, screenshot, signInWithApi, useBrowser } from '../lib/index.mjs';

const openPage = useBrowser();
const kTabs = 4;

test('tabs opened together all stay signed in', async (t) => {
  const first = await openPage(t);
  const context = first.context();
  const user = demoUser('nurse');
  await signInWithApi(context, user.email, user.password);
  const tabs = [first, ...(await Promise.all(Array.from({ length: kTabs - 1 }, () => context.newPage())))];
  await Promise.all(tabs.map((tab) => tab.goto(`${baseUrl()}/meetings`)));
  for (const tab of tabs) await tab.getByRole('heading', { level: 1, name: 'Meetings' }).waitFor();
  // All of them still hold a live session: reloading each one refreshes again, one after another.
  await Promise.all(tabs.map((tab) => tab.reload()));
  for (const tab of tabs) {
    await tab.getByRole('heading', { level: 1, name: 'Meetings' }).waitFor();
    assert.equal(new URL(tab.url()).pathname, '/meetings');
  }
  await screenshot(first, 'tabs-signed-in');
});
