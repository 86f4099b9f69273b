import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import pg from 'pg';
import { probeService, type ServiceProbe } from './service-gate.js';

/**
 * The PostgreSQL every integration test uses (BULWARK_TEST_POSTGRES_URL, default the machine's
 * `test` database). Like psql, a URL without a user name means the OS user: node-pg would look only
 * at $USER, which is unset in some CI shells.
 */
export function testPostgresUrl(env: NodeJS.ProcessEnv = process.env): string {
  const parsed = new URL(env.BULWARK_TEST_POSTGRES_URL ?? 'postgres://127.0.0.1:5432/test');
  if (parsed.username === '') parsed.username = userInfo().username;
  return parsed.toString();
}

export async function withPgClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

export function probePostgres(url: string): Promise<ServiceProbe> {
  return probeService(() => withPgClient(url, async (client) => void (await client.query('SELECT 1'))));
}

/** Fresh, uniquely named schemas for one test file, all dropped by `dropAll` afterwards. */
export function createTestSchemas(url: string, label: string): { readonly fresh: () => string; readonly dropAll: () => Promise<void> } {
  const runPrefix = `bwk_${label}_${randomBytes(5).toString('hex')}`;
  const schemas: string[] = [];
  let counter = 0;
  return {
    fresh: () => {
      counter += 1;
      const schema = `${runPrefix}_${counter}`;
      schemas.push(schema);
      return schema;
    },
    dropAll: () =>
      withPgClient(url, async (client) => {
        for (const schema of schemas.splice(0)) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      }),
  };
}
