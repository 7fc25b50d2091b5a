// Fails when src/api/schema.d.ts is not what docs/openapi.yaml generates, so a stale client fails the tests.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const committed = 'src/api/schema.d.ts';
const dir = mkdtempSync(join(tmpdir(), 'consilium-api-'));
const fresh = join(dir, 'schema.d.ts');
try {
  execFileSync('npx', ['openapi-typescript', '../docs/openapi.yaml', '-o', fresh], { stdio: 'ignore' });
  if (readFileSync(fresh, 'utf8') !== readFileSync(committed, 'utf8')) {
    console.error(
      `${committed} is stale: docs/openapi.yaml changed. Run "npm run api:generate" and commit the result.`,
    );
    process.exit(1);
  }
  console.log(`${committed} matches docs/openapi.yaml`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
