// axe-core injected through the DevTools protocol, which the page's CSP does not govern.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const AXE_TAGS = ['wcag2a', 'wcag2aa'];
const FAILING_IMPACTS = new Set(['serious', 'critical']);
let axeSource;

function describe(violation) {
  const where = violation.nodes.map(
    (node) => `      ${node.target.join(' ')}: ${node.failureSummary.replace(/\n/g, ' ')}`,
  );
  return `  [${violation.impact}] ${violation.id}: ${violation.help} (${violation.helpUrl})\n${where.join('\n')}`;
}

/** Runs axe (WCAG 2 A and AA) on the page as it is now; throws listing every serious or critical violation. */
export async function checkA11y(page, pageName) {
  axeSource ??= await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  const results = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }),
    AXE_TAGS,
  );
  const failing = results.violations.filter((violation) => FAILING_IMPACTS.has(violation.impact));
  if (failing.length) {
    const report = failing.map(describe).join('\n');
    console.log(`accessibility violations on ${pageName}:\n${report}`);
    throw new Error(`${failing.length} serious or critical accessibility violation(s) on ${pageName}:\n${report}`);
  }
  return results;
}
