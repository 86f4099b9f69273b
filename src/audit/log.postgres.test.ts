import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openStore, type StorageConfig, type Store } from '../store/index.js';
import { describeWithService, probeService } from '../store/testing/service-gate.js';
import { loadOrCreateLogKey } from './log-key.js';
import { createAuditLog } from './log.js';
import { registerAuditLogContract, sampleEvent } from './log.contract.js';

/** Like psql, a URL without a user name means the OS user (node-pg looks only at $USER). */
function withDefaultUser(raw: string): string {
  const parsed = new URL(raw);
  if (parsed.username === '') parsed.username = userInfo().username;
  return parsed.toString();
}

const url = withDefaultUser(process.env.BULWARK_TEST_POSTGRES_URL ?? 'postgres://127.0.0.1:5432/test');
const runPrefix = `bwk_audit_${randomBytes(5).toString('hex')}`;
const keyRoot = mkdtempSync(join(tmpdir(), 'bulwark-audit-pg-'));
let counter = 0;
const schemas: string[] = [];
const schemaOf = new WeakMap<object, string>();

function freshSchema(): string {
  const schema = `${runPrefix}_${(counter += 1)}`;
  schemas.push(schema);
  return schema;
}

const config = (schema: string): StorageConfig => ({ driver: 'postgres', postgres: { url, schema, poolSize: 4 } });

async function openIn(schema: string): Promise<Store> {
  const store = await openStore(config(schema));
  schemaOf.set(store, schema);
  return store;
}

async function withClient<T>(use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

async function cleanup(): Promise<void> {
  rmSync(keyRoot, { recursive: true, force: true });
  await withClient(async (client) => {
    for (const schema of schemas.splice(0)) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  });
}

const probe = await probeService(() => withClient(async (client) => void (await client.query('SELECT 1'))));

describeWithService(`audit log on PostgreSQL (${url})`, 'PostgreSQL', probe, process.env.CI === 'true', () => {
  registerAuditLogContract({
    openStore: () => openIn(freshSchema()),
    reopen: (store) => openIn(schemaOf.get(store)!),
    keyDir: () => keyRoot,
    cleanup,
  });

  describe('replicas', () => {
    it('three replicas appending at once get dense indexes from one head row lock, and the log verifies', async () => {
      const schema = freshSchema();
      const keyFile = join(keyRoot, 'replicas', 'audit-log-key.pem');
      const stores = await Promise.all([1, 2, 3].map(() => openIn(schema)));
      try {
        const logs = stores.map((s) => createAuditLog(s, { keyFile, checkpointEveryEntries: 5 }));
        const appends = logs.flatMap((log, r) => [
          ...Array.from({ length: 30 }, (_, i) => log.append(sampleEvent(r * 1000 + i))),
          log.appendMany(Array.from({ length: 5 }, (_, i) => sampleEvent(r * 1000 + 500 + i))),
        ]);
        const indexes = (await Promise.all(appends)).flat().map((a) => a.index);
        expect(indexes.sort((a, b) => a - b)).toEqual(Array.from({ length: 105 }, (_, i) => i));
        expect(await logs[0]!.verify(loadOrCreateLogKey(keyFile).publicKey)).toMatchObject({ ok: true, size: 105 });
      } finally {
        await Promise.all(stores.map((s) => s.close()));
      }
    });

    it('stores leaf data as text, byte for byte (not jsonb, which would re-serialize it)', async () => {
      const schema = freshSchema();
      const store = await openIn(schema);
      try {
        const types = await withClient(async (client) => {
          const result = await client.query<{ column_name: string; data_type: string }>(
            `SELECT column_name, data_type FROM information_schema.columns
             WHERE table_schema = $1 AND table_name = 'audit_entries' ORDER BY column_name`,
            [schema],
          );
          return result.rows.map((r) => [r.column_name, r.data_type]);
        });
        expect(types).toEqual([['data', 'text'], ['idx', 'bigint'], ['leaf_hash', 'text']]);
      } finally {
        await store.close();
      }
    });
  });
});
