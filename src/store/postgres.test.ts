import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { isBulwarkError } from '../core/errors.js';
import { STORE_MIGRATIONS } from './migrations/index.js';
import { openStore, type OpenStoreOptions } from './open-store.js';
import { registerStoreContract, sampleDecision } from './store.contract.js';
import { createTestSchemas, probePostgres, testPostgresUrl, withPgClient } from './testing/postgres-test-db.js';
import { describeWithService } from './testing/service-gate.js';
import type { StorageConfig } from './types.js';

const url = testPostgresUrl();
const testSchemas = createTestSchemas(url, 'test');
const freshSchema = testSchemas.fresh;
const dropSchemas = testSchemas.dropAll;
const withClient = <T>(use: (client: pg.Client) => Promise<T>): Promise<T> => withPgClient(url, use);

const config = (schema: string): StorageConfig => ({ driver: 'postgres', postgres: { url, schema, poolSize: 4 } });

const probe = await probePostgres(url);

describeWithService(`postgres store (${url})`, 'PostgreSQL', probe, process.env.CI === 'true', () => {
  registerStoreContract({
    dialect: 'postgres',
    open: async (options?: OpenStoreOptions) => {
      const schema = freshSchema();
      const reopen = () => openStore(config(schema), options);
      return { store: await reopen(), reopen };
    },
    cleanup: dropSchemas,
  });

  describe('postgres adapter', () => {
    it('creates its tables in the configured schema, isolated from other schemas', async () => {
      const [a, b] = [freshSchema(), freshSchema()];
      const storeA = await openStore(config(a));
      const storeB = await openStore(config(b));
      try {
        const record = sampleDecision();
        await storeA.decisions.insert(record);
        expect(await storeB.decisions.get(record.id)).toBeNull();
        const tables = await withClient(async (client) => {
          const result = await client.query<{ table_name: string }>(
            'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
            [a],
          );
          return result.rows.map((r) => r.table_name);
        });
        // Each module's migration adds tables; every one of them must land in the configured schema.
        expect(tables).toEqual(
          expect.arrayContaining(['api_keys', 'audit_checkpoints', 'audit_entries', 'audit_head', 'decisions', 'kysely_migration', 'kysely_migration_lock']),
        );
      } finally {
        await Promise.all([storeA.close(), storeB.close()]);
        await dropSchemas();
      }
    });

    it('replicas starting together on an empty schema migrate once and all open', async () => {
      const schema = freshSchema();
      const stores = await Promise.all([1, 2, 3].map(() => openStore(config(schema))));
      try {
        const applied = await withClient((client) => client.query(`SELECT name FROM "${schema}".kysely_migration`));
        expect(applied.rowCount).toBe(STORE_MIGRATIONS.length);
        await Promise.all(stores.map((s) => s.ping()));
      } finally {
        await Promise.all(stores.map((s) => s.close()));
        await dropSchemas();
      }
    });

    it('uses jsonb, boolean and bigint columns for decisions', async () => {
      const schema = freshSchema();
      const store = await openStore(config(schema));
      try {
        const types = await withClient(async (client) => {
          const result = await client.query<{ column_name: string; data_type: string }>(
            `SELECT column_name, data_type FROM information_schema.columns
             WHERE table_schema = $1 AND table_name = 'decisions' AND column_name = ANY($2) ORDER BY column_name`,
            [schema, ['created_at', 'flagged', 'scores']],
          );
          return result.rows.map((r) => [r.column_name, r.data_type]);
        });
        expect(types).toEqual([['created_at', 'bigint'], ['flagged', 'boolean'], ['scores', 'jsonb']]);
      } finally {
        await store.close();
        await dropSchemas();
      }
    });
  });
});

describe('postgres adapter without a server', () => {
  it('reports STORE_UNAVAILABLE when nothing listens', async () => {
    const error: unknown = await openStore({ driver: 'postgres', postgres: { url: 'postgres://127.0.0.1:1/test' } }).catch(
      (e: unknown) => e,
    );
    expect(isBulwarkError(error) && error.code).toBe('STORE_UNAVAILABLE');
  });

  it('rejects a schema name that is not a plain identifier', async () => {
    const error: unknown = await openStore(config('x"; DROP SCHEMA public; --')).catch((e: unknown) => e);
    expect(isBulwarkError(error) && error.code).toBe('CONFIG_INVALID');
  });
});
