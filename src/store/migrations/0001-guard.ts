import { sql, type Kysely } from 'kysely';
import type { StoreMigration } from './store-migration.js';

/** API keys of the guard and gateway, and the decision log of every classification. */
export const migration0001Guard: StoreMigration = {
  name: '0001_guard',
  async up(db: Kysely<unknown>, traits) {
    await db.schema
      .createTable('api_keys')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant', 'text', (c) => c.notNull())
      .addColumn('name', 'text')
      .addColumn('key_hash', 'text', (c) => c.notNull().unique())
      .addColumn('prefix', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('revoked_at', 'bigint')
      .execute();

    await db.schema
      .createTable('decisions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('tenant', 'text')
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('input_hash', 'text', (c) => c.notNull())
      .addColumn('input', 'text')
      .addColumn('decision', 'text', (c) => c.notNull())
      .addColumn('flagged', traits.booleanType, (c) => c.notNull())
      .addColumn('categories', traits.jsonType, (c) => c.notNull())
      .addColumn('scores', traits.jsonType, (c) => c.notNull())
      .addColumn('matched_rules', traits.jsonType, (c) => c.notNull())
      .addColumn('model_version', 'text', (c) => c.notNull())
      .addColumn('policy_version', 'text', (c) => c.notNull())
      .addColumn('mode', 'text', (c) => c.notNull())
      .addColumn('latency_ms', 'double precision', (c) => c.notNull())
      .addCheckConstraint('decisions_decision_check', sql`decision in ('allow', 'flag', 'block')`)
      .addCheckConstraint('decisions_mode_check', sql`mode in ('enforce', 'shadow')`)
      .execute();

    // The review queue and the console page through decisions newest first, optionally per tenant
    // or per outcome; each index matches one of those keyset scans.
    await db.schema.createIndex('decisions_created_idx').on('decisions').columns(['created_at', 'id']).execute();
    await db.schema
      .createIndex('decisions_tenant_created_idx')
      .on('decisions')
      .columns(['tenant', 'created_at', 'id'])
      .execute();
    await db.schema
      .createIndex('decisions_decision_created_idx')
      .on('decisions')
      .columns(['decision', 'created_at', 'id'])
      .execute();
    await db.schema.createIndex('decisions_input_hash_idx').on('decisions').column('input_hash').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('decisions').execute();
    await db.schema.dropTable('api_keys').execute();
  },
};
