import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openStore, type StorageConfig, type Store } from '../store/index.js';
import { createTestSchemas, probePostgres, testPostgresUrl, withPgClient } from '../store/testing/postgres-test-db.js';
import { describeWithService } from '../store/testing/service-gate.js';
import { loadOrCreateLogKey } from './log-key.js';
import { createAuditLog } from './log.js';
import { registerAuditLogContract, sampleEvent } from './log.contract.js';

const url = testPostgresUrl();
const testSchemas = createTestSchemas(url, 'audit');
const freshSchema = testSchemas.fresh;
const keyRoot = mkdtempSync(join(tmpdir(), 'bulwark-audit-pg-'));
const schemaOf = new WeakMap<object, string>();
const withClient = <T>(use: (client: pg.Client) => Promise<T>): Promise<T> => withPgClient(url, use);

const config = (schema: string): StorageConfig => ({ driver: 'postgres', postgres: { url, schema, poolSize: 4 } });

async function openIn(schema: string): Promise<Store> {
  const store = await openStore(config(schema));
  schemaOf.set(store, schema);
  return store;
}

async function cleanup(): Promise<void> {
  rmSync(keyRoot, { recursive: true, force: true });
  await testSchemas.dropAll();
}

const probe = await probePostgres(url);

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
