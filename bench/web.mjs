// The measuring half of bench/web.sh: bundle sizes from web/dist, and the
// meetings page's time to interactive in headless chromium against
// E2E_BASE_URL, signed in as the demo practitioner of E2E_DEMO_FILE.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { baseUrl, demoUser, launchBrowser, signInWithApi, VIEWPORTS } from '../web/e2e/lib/index.mjs';

const GOAL_INITIAL_JS_GZIP_BYTES = 250_000;
const GOAL_INTERACTIVE_MS = 1000;
const MEETINGS_PATH = '/meetings';
// The meetings page is ready when its heading and a link to a meeting are in the DOM.
const MEETINGS_HEADING = /^meetings$/i;
const MEETING_LINK_SELECTOR = 'main a[href^="/meetings/"]';
const LOAD_TIMEOUT_MS = 30_000;

const { values: args } = parseArgs({
  options: { runs: { type: 'string' }, dist: { type: 'string' }, commit: { type: 'string' }, out: { type: 'string' } },
});

// ---------------------------------------------------------------- bundle
function sizes(files) {
  const contents = files.map((file) => readFileSync(file));
  return {
    files: files.length,
    raw: contents.reduce((sum, content) => sum + content.length, 0),
    gzip: contents.reduce((sum, content) => sum + gzipSync(content, { level: 9 }).length, 0),
  };
}

// The scripts index.html runs at once: its module scripts and modulepreloads.
function initialScripts(dist) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const urls = [];
  for (const [tag] of html.matchAll(/<(?:script|link)\b[^>]*>/g)) {
    const src = tag.match(/\bsrc="([^"]+)"/)?.[1];
    const preload = /\brel="modulepreload"/.test(tag) ? tag.match(/\bhref="([^"]+)"/)?.[1] : undefined;
    if (src ?? preload) urls.push(src ?? preload);
  }
  return urls.map((url) => join(dist, new URL(url, 'https://app.invalid/').pathname));
}

function bundle(dist) {
  const assets = readdirSync(join(dist, 'assets')).map((name) => join(dist, 'assets', name));
  return {
    initialJs: sizes(initialScripts(dist)),
    allJs: sizes(assets.filter((file) => file.endsWith('.js'))),
    css: sizes(assets.filter((file) => file.endsWith('.css'))),
  };
}

// ---------------------------------------------------------------- page loads
// Runs in the page before its own scripts: notes when the list is in the DOM
// ("rendered"), and when a task queued after the next frame gets to run, i.e.
// the main thread is free for input ("interactive").
function probeMeetingsReady({ heading, selector }) {
  const headingPattern = new RegExp(heading.source, heading.flags);
  const ready = () =>
    [...document.querySelectorAll('h1')].some((h1) => headingPattern.test(h1.textContent.trim())) &&
    document.querySelector(selector) !== null;
  const observer = new MutationObserver(() => {
    if (!ready()) return;
    observer.disconnect();
    const rendered = performance.now();
    requestAnimationFrame(() =>
      setTimeout(() => {
        window.__benchMeetingsReady = { rendered, interactive: performance.now() };
      }, 0),
    );
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
}

async function loadMeetings(browser, storageState) {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: VIEWPORTS.standard, storageState });
  try {
    const page = await context.newPage();
    await page.addInitScript(probeMeetingsReady, {
      heading: { source: MEETINGS_HEADING.source, flags: MEETINGS_HEADING.flags },
      selector: MEETING_LINK_SELECTOR,
    });
    await page.goto(`${baseUrl()}${MEETINGS_PATH}`);
    const ready = await page
      .waitForFunction(() => window.__benchMeetingsReady, null, { timeout: LOAD_TIMEOUT_MS })
      .then((handle) => handle.jsonValue())
      .catch(async () => {
        const headings = await page.locator('h1').allInnerTexts();
        throw new Error(
          `${MEETINGS_PATH} showed no h1 "Meetings" with a link to a meeting (${MEETING_LINK_SELECTOR}) ` +
            `within ${LOAD_TIMEOUT_MS / 1000} s; the page is at ${page.url()} with h1 ${JSON.stringify(headings)}`,
        );
      });
    const navigation = await page.evaluate(() => performance.getEntriesByType('navigation')[0].toJSON());
    // The session's refresh cookie was rotated by this load: the next load uses the new one.
    return {
      timing: {
        firstByte: navigation.responseStart,
        domReady: navigation.domContentLoadedEventEnd,
        rendered: ready.rendered,
        interactive: ready.interactive,
      },
      storageState: await context.storageState(),
    };
  } finally {
    await context.close();
  }
}

async function pageLoads(runs) {
  const browser = await launchBrowser();
  try {
    const signInContext = await browser.newContext({ ignoreHTTPSErrors: true });
    const practitioner = demoUser('practitioner');
    await signInWithApi(signInContext, practitioner.email, practitioner.password);
    let storageState = await signInContext.storageState();
    await signInContext.close();
    const timings = [];
    for (let run = 0; run < runs; run += 1) {
      const load = await loadMeetings(browser, storageState);
      timings.push(load.timing);
      storageState = load.storageState;
    }
    return { browserVersion: browser.version(), timings };
  } finally {
    await browser.close();
  }
}

// ---------------------------------------------------------------- report
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const files = (count) => `${count} file${count === 1 ? '' : 's'}`;
const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`.padStart(9);
const ms = (value) => value.toFixed(0).padStart(6);
const verdict = (met) => (met ? 'MET' : 'MISSED');

function report(sizesOf, loads, runs) {
  const { initialJs, allJs, css } = sizesOf;
  const column = (name) => loads.timings.map((timing) => timing[name]);
  const interactive = median(column('interactive'));
  const lines = [
    `Web app: commit ${args.commit ?? 'unknown'}, chromium ${loads.browserVersion}, ` +
      `${cpus().length} cores, load average at start ${loadavg()
        .map((value) => value.toFixed(2))
        .join(' ')}`,
    '',
    `${'Bundle (web/dist; gzip -9; 1 kB = 1000 bytes)'.padEnd(46)}${'raw'.padStart(9)}  ${'gzip'.padStart(9)}`,
    ...[
      ['initial JavaScript', initialJs],
      ['all JavaScript', allJs],
      ['CSS', css],
    ].map(([label, size]) => `  ${`${label} (${files(size.files)})`.padEnd(44)}${kB(size.raw)}  ${kB(size.gzip)}`),
    '',
    `Meetings page (${MEETINGS_PATH}), ${runs} cold loads signed in as the demo practitioner, ` +
      `${VIEWPORTS.standard.width}x${VIEWPORTS.standard.height}; ms from navigation start:`,
    '                          median     min     max',
    ...[
      ['first byte', 'firstByte'],
      ['DOM ready', 'domReady'],
      ['list rendered', 'rendered'],
      ['interactive', 'interactive'],
    ].map(([label, name]) => {
      const values = column(name);
      return `  ${label.padEnd(22)}${ms(median(values))}  ${ms(Math.min(...values))}  ${ms(Math.max(...values))}`;
    }),
    '',
    'Goals:',
    `  initial JavaScript, gzip        ${kB(initialJs.gzip)}   goal < ${kB(GOAL_INITIAL_JS_GZIP_BYTES).trim()}   ` +
      verdict(initialJs.gzip < GOAL_INITIAL_JS_GZIP_BYTES),
    `  meetings page interactive     ${ms(interactive)} ms   goal < ${GOAL_INTERACTIVE_MS} ms     ` +
      verdict(interactive < GOAL_INTERACTIVE_MS),
  ];
  return lines.join('\n');
}

const runs = Number(args.runs ?? 10);
const sizesOfBundle = bundle(args.dist);
const loads = await pageLoads(runs);
console.log(report(sizesOfBundle, loads, runs));
if (args.out) {
  writeFileSync(join(args.out, 'results.json'), `${JSON.stringify({ bundle: sizesOfBundle, ...loads }, null, 2)}\n`);
}
