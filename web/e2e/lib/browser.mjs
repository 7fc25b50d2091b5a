// Debian's chromium driven by playwright-core: one browser per test file, a
// fresh context (no shared cookies or storage) per page.
import { basename } from 'node:path';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { CHROMIUM_PATH } from './env.mjs';
import { watchPage } from './page-health.mjs';
import { screenshot } from './screenshot.mjs';

export const VIEWPORTS = {
  standard: { width: 1366, height: 768 },
  small: { width: 1024, height: 768 },
};

export function launchBrowser() {
  // --no-sandbox: the tests run as root, where chromium's sandbox refuses to start.
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox'] });
}

/** A page in a context of its own; the server's certificate is self-signed. */
export async function newPage(browser, { viewport = VIEWPORTS.standard } = {}) {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport });
  return context.newPage();
}

export function useSmallScreen(page) {
  return page.setViewportSize(VIEWPORTS.small);
}

/**
 * Registers before/after hooks for a test file and returns openPage(t, options):
 * a watched page that is closed after the test, which then fails if the page
 * logged a console error, threw, or broke the CSP. options.viewport picks a
 * size; options.allowConsole lists regexps of console errors the test expects.
 * The page's last state is kept as last/<file>/<test name>.png, to see why a test failed.
 */
export function useBrowser() {
  // node --test runs each file in a process of its own.
  const testFile = basename(process.argv[1] ?? 'test', '.test.mjs');
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(() => browser?.close());
  return async function openPage(t, { viewport, allowConsole = [] } = {}) {
    const page = await newPage(browser, { viewport });
    const health = await watchPage(page);
    t.after(async () => {
      // For diagnosis only: a page that cannot be captured must not hide the test's own result.
      await screenshot(page, `last/${testFile}/${t.name.replaceAll('/', '-')}`).catch(() => {});
      await page.context().close();
      health.assertClean(allowConsole);
    });
    return page;
  };
}
