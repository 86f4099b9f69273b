import { sql, type Kysely } from 'kysely';
import type { StoreMigration } from './store-migration.js';

/**
 * The audit log (src/audit): append-only entries, the signed checkpoints, and one head row that every
 * append locks, so indexes stay dense across concurrent callers and replicas. Leaf data is `text` on
 * both dialects, never jsonb: the hash covers the exact bytes, and jsonb would re-serialize them.
 */
export const migration0002Audit: StoreMigration = {
  name: '0002_audit',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('audit_entries')
      .addColumn('idx', 'bigint', (c) => c.primaryKey())
      .addColumn('leaf_hash', 'text', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addCheckConstraint('audit_entries_idx_check', sql`idx >= 0`)
      .execute();

    await db.schema
      .createTable('audit_checkpoints')
      .addColumn('size', 'bigint', (c) => c.primaryKey())
      .addColumn('origin', 'text', (c) => c.notNull())
      .addColumn('root', 'text', (c) => c.notNull())
      .addColumn('time', 'bigint', (c) => c.notNull())
      .addColumn('key_id', 'text', (c) => c.notNull())
      .addColumn('signature', 'text', (c) => c.notNull())
      .execute();

    // size and compact_range describe the tree after the last committed append; checkpoint_* and
    // public_key the last signed checkpoint, so deciding "is one due?" needs no extra query.
    await db.schema
      .createTable('audit_head')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('size', 'bigint', (c) => c.notNull())
      .addColumn('compact_range', 'text', (c) => c.notNull())
      .addColumn('checkpoint_size', 'bigint')
      .addColumn('checkpoint_time', 'bigint')
      .addColumn('public_key', 'text')
      .addCheckConstraint('audit_head_single_row', sql`id = 1`)
      .execute();
    await sql`INSERT INTO audit_head (id, size, compact_range) VALUES (1, 0, '[]')`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('audit_head').execute();
    await db.schema.dropTable('audit_checkpoints').execute();
    await db.schema.dropTable('audit_entries').execute();
  },
};
