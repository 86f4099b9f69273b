import { sql, type Kysely } from 'kysely';
import type { StoreMigration } from './store-migration.js';

/**
 * The weights vault (src/vault): the keyring row (a verifier of the master key, never the key) and
 * the artifact registry. A registry row is written only after its encrypted file is complete and
 * renamed into place (DESIGN invariant 4), so every row names a whole artifact.
 */
export const migration0004Vault: StoreMigration = {
  name: '0004_vault',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('vault_keyring')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('key_id', 'text', (c) => c.notNull())
      .addColumn('verifier', 'text', (c) => c.notNull())
      .addColumn('shares', 'integer', (c) => c.notNull())
      .addColumn('threshold', 'integer', (c) => c.notNull())
      .addColumn('provider', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('rekeyed_at', 'bigint')
      .addCheckConstraint('vault_keyring_single_row', sql`id = 1`)
      .execute();

    await db.schema
      .createTable('vault_artifacts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('label', 'text')
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('size', 'bigint', (c) => c.notNull())
      .addColumn('path', 'text', (c) => c.notNull())
      .addColumn('key_id', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('vault_artifacts').execute();
    await db.schema.dropTable('vault_keyring').execute();
  },
};
