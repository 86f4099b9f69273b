import { sql, type Kysely } from 'kysely';
import type { StoreMigration } from './store-migration.js';

/**
 * Two-party access (src/access): registered identities, signed requests (access, break-glass, users
 * changes) with their approvals and denials, spent nonces, and break-glass reviews. Signed payloads are
 * `text`, never jsonb: signatures are re-verified at release over exactly what was stored.
 */
export const migration0003Access: StoreMigration = {
  name: '0003_access',
  async up(db: Kysely<unknown>, traits) {
    await db.schema
      .createTable('access_users')
      .addColumn('key_id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('public_key', 'text', (c) => c.notNull())
      .addColumn('roles', traits.jsonType, (c) => c.notNull())
      .addColumn('pools', traits.jsonType, (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('access_requests')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('digest', 'text', (c) => c.notNull().unique())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('signature', 'text', (c) => c.notNull())
      .addColumn('requester_key_id', 'text', (c) => c.notNull())
      .addColumn('artifact_id', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('decided_at', 'bigint')
      .addColumn('grant_expires_at', 'bigint')
      .addColumn('uses', 'integer', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('revoked_at', 'bigint')
      .addColumn('revoked_by', 'text')
      .addColumn('revoke_payload', 'text')
      .addColumn('revoke_signature', 'text')
      .addCheckConstraint('access_requests_kind_check', sql`kind in ('access', 'break_glass', 'users_change')`)
      .addCheckConstraint('access_requests_status_check', sql`status in ('pending', 'approved', 'denied', 'revoked')`)
      .addCheckConstraint('access_requests_uses_check', sql`uses >= 0`)
      .execute();
    await db.schema.createIndex('access_requests_created_idx').on('access_requests').columns(['created_at', 'id']).execute();
    await db.schema
      .createIndex('access_requests_status_created_idx')
      .on('access_requests')
      .columns(['status', 'created_at', 'id'])
      .execute();

    // One decision per approver per request: the primary key is what makes "count each person once" hold.
    await db.schema
      .createTable('access_decisions')
      .addColumn('request_id', 'text', (c) => c.notNull().references('access_requests.id'))
      .addColumn('approver_key_id', 'text', (c) => c.notNull())
      .addColumn('decision', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('signature', 'text', (c) => c.notNull())
      .addColumn('time', 'bigint', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('access_decisions_pk', ['request_id', 'approver_key_id'])
      .addCheckConstraint('access_decisions_decision_check', sql`decision in ('approve', 'deny')`)
      .execute();

    await db.schema
      .createTable('access_nonces')
      .addColumn('nonce', 'text', (c) => c.primaryKey())
      .addColumn('key_id', 'text', (c) => c.notNull())
      .addColumn('used_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('access_reviews')
      .addColumn('request_id', 'text', (c) => c.primaryKey().references('access_requests.id'))
      .addColumn('opened_at', 'bigint', (c) => c.notNull())
      .addColumn('due_at', 'bigint', (c) => c.notNull())
      .addColumn('closed_at', 'bigint')
      .addColumn('closed_by', 'text')
      .addColumn('payload', 'text')
      .addColumn('signature', 'text')
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('access_reviews').execute();
    await db.schema.dropTable('access_nonces').execute();
    await db.schema.dropTable('access_decisions').execute();
    await db.schema.dropTable('access_requests').execute();
    await db.schema.dropTable('access_users').execute();
  },
};
