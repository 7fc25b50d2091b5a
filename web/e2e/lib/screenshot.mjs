import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { outputDir } from './env.mjs';

/** Saves a full-page PNG as <E2E_OUTPUT_DIR>/<name>.png and returns its path. */
export async function screenshot(page, name) {
  const dir = outputDir();
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
