// What the harness is pointed at, all from the environment (see README.md).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`set ${name} (see web/e2e/README.md)`);
  return value;
}

export const CHROMIUM_PATH = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';

/** https://127.0.0.1:PORT, without a trailing slash. */
export function baseUrl() {
  return required('E2E_BASE_URL').replace(/\/+$/, '');
}

/** Where screenshots go: E2E_OUTPUT_DIR, else ./e2e-output. */
export function outputDir() {
  return resolve(process.env.E2E_OUTPUT_DIR ?? 'e2e-output');
}

let demo;
/** The demo sign-ins the server wrote: {url, clinic_id, clinic_name, users: [{role, email, password}]}. */
export function demoClinic() {
  demo ??= JSON.parse(readFileSync(required('E2E_DEMO_FILE'), 'utf8'));
  return demo;
}

/** The demo person with this clinic role: {role, email, password}. */
export function demoUser(role) {
  const user = demoClinic().users.find((candidate) => candidate.role === role);
  if (!user) throw new Error(`the demo clinic has no ${role}`);
  return user;
}

/**
 * A second clinic the demo `member` (a clinic role) also belongs to, in `role`:
 * {clinic_id, clinic_name, role, member}; set by tests/test_web.py. Null when not set.
 */
export function secondClinic() {
  const json = process.env.E2E_SECOND_CLINIC;
  return json ? JSON.parse(json) : null;
}
