import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { outputDir } from './env.mjs';

/** Saves a full-page PNG as <E2E_OUTPUT_DIR>/<name>.png and returns its path; "/" in name makes a folder. */
export async function screenshot(page, name) {
  const safeName = name
    .split('/')
    .map((part) => part.replace(/[^\w.-]+/g, '-'))
    .join('/');
  const path = join(outputDir(), `${safeName}.png`);
  await mkdir(dirname(path), { recursive: true });
  await page.screenshot({ path, fullPage: true });
  return path;
}
