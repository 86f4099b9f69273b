import type { Kysely } from 'kysely';
import type { StoreMigration } from './store-migration.js';

/**
 * Egress controls (src/egress): proxy tokens (hashed, like API keys) and byte-budget usage in
 * rolling-window slots, so budgets survive a restart. A slot is `window / 60` long.
 */
export const migration0005Egress: StoreMigration = {
  name: '0005_egress',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('egress_tokens')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('identity', 'text', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('revoked_at', 'bigint')
      .execute();
    await db.schema
      .createTable('egress_usage')
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('window', 'text', (c) => c.notNull())
      .addColumn('slot', 'bigint', (c) => c.notNull())
      .addColumn('bytes', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('egress_usage_pk', ['scope', 'window', 'slot'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('egress_usage').execute();
    await db.schema.dropTable('egress_tokens').execute();
  },
};
