// Plain HTTPS requests to the server, without a browser page.
import { request } from 'playwright-core';
import { baseUrl } from './env.mjs';

/** A request context on E2E_BASE_URL (relative paths work), disposed after the test. */
export async function openHttp(t) {
  const http = await request.newContext({ ignoreHTTPSErrors: true, baseURL: baseUrl() });
  t.after(() => http.dispose());
  return http;
}
