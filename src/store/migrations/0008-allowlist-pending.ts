import type { Kysely } from 'kysely';
import type { StoreMigration } from './store-migration.js';

/**
 * Allowlist changes waiting for their second admin, in the store like every other two-party request
 * (they used to be files under `<home>/allowlist/pending`, invisible to a second replica). One row per
 * change, one row per approver: the primary key is what makes "count each person once" hold, as for
 * access decisions. Signed payloads are `text` so approving re-verifies exactly what was stored.
 */
export const migration0008AllowlistPending: StoreMigration = {
  name: '0008_allowlist_pending',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('allowlist_pending_changes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('digest', 'text', (c) => c.notNull().unique())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('signature', 'text', (c) => c.notNull())
      .addColumn('requester_key_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('allowlist_pending_changes_created_idx').on('allowlist_pending_changes').columns(['created_at', 'id']).execute();
    await db.schema
      .createTable('allowlist_pending_approvals')
      .addColumn('change_id', 'text', (c) => c.notNull().references('allowlist_pending_changes.id').onDelete('cascade'))
      .addColumn('approver_key_id', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('signature', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('allowlist_pending_approvals_pk', ['change_id', 'approver_key_id'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('allowlist_pending_approvals').execute();
    await db.schema.dropTable('allowlist_pending_changes').execute();
  },
};
