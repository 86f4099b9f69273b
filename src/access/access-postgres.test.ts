import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import pg from 'pg';
import { openStore } from '../store/open-store.js';
import { describeWithService, probeService } from '../store/testing/service-gate.js';
import { registerAccessContract } from './access.contract.js';

/** Like psql, a URL without a user name means the OS user ($USER is unset in some CI shells). */
function withDefaultUser(raw: string): string {
  const parsed = new URL(raw);
  if (parsed.username === '') parsed.username = userInfo().username;
  return parsed.toString();
}

const url = withDefaultUser(process.env.BULWARK_TEST_POSTGRES_URL ?? 'postgres://127.0.0.1:5432/test');
const runPrefix = `bwk_access_${randomBytes(5).toString('hex')}`;
let counter = 0;
const schemas: string[] = [];

async function withClient<T>(use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

const probe = await probeService(() => withClient(async (client) => void (await client.query('SELECT 1'))));

describeWithService(`access on postgres (${url})`, 'PostgreSQL', probe, process.env.CI === 'true', () => {
  registerAccessContract({
    dialect: 'postgres',
    open: () => {
      const schema = `${runPrefix}_${(counter += 1)}`;
      schemas.push(schema);
      return openStore({ driver: 'postgres', postgres: { url, schema, poolSize: 8 } });
    },
    cleanup: () =>
      withClient(async (client) => {
        for (const schema of schemas.splice(0)) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      }),
  });
});
