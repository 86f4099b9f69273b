import { sql, type Kysely } from 'kysely';
import type { StoreMigration } from './store-migration.js';

/**
 * Binary allowlisting (src/allowlist): the allowlisted program identities, and every applied change
 * with its signed request and approvals. Signed payloads are `text`, never jsonb, so the stored bytes
 * are the signed bytes and can be re-verified later.
 */
export const migration0007Allowlist: StoreMigration = {
  name: '0007_allowlist',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('allowlist_entries')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('owner', 'text', (c) => c.notNull())
      .addColumn('path_pattern', 'text')
      .addColumn('signer', 'text')
      .addColumn('path', 'text')
      .addColumn('size', 'bigint')
      .addColumn('added_by', 'text', (c) => c.notNull())
      .addColumn('approved_by', 'text', (c) => c.notNull())
      .addColumn('change_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addCheckConstraint('allowlist_entries_kind_check', sql`kind in ('file', 'oci-image')`)
      .execute();
    await db.schema.createIndex('allowlist_entries_sha256_idx').on('allowlist_entries').column('sha256').execute();

    // The digest is unique: a signed change applies once, however often it is replayed.
    await db.schema
      .createTable('allowlist_changes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('digest', 'text', (c) => c.notNull().unique())
      .addColumn('op', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('signature', 'text', (c) => c.notNull())
      .addColumn('requester_key_id', 'text', (c) => c.notNull())
      .addColumn('approvals', 'text', (c) => c.notNull())
      .addColumn('applied_at', 'bigint', (c) => c.notNull())
      .addCheckConstraint('allowlist_changes_op_check', sql`op in ('add', 'remove')`)
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('allowlist_changes').execute();
    await db.schema.dropTable('allowlist_entries').execute();
  },
};
