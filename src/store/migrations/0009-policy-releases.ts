import type { Kysely } from 'kysely';
import type { StoreMigration } from './store-migration.js';

/**
 * Guard policies released to a fleet (`bulwark policy promote --publish`): replicas started with
 * `guard.policySource: store` put the newest release in force. `seq` is dense from 1 and assigned by
 * the publisher as the release it replaces plus one, so the primary key refuses a second release built
 * on the same predecessor (two promotions racing): the later one must be gated again.
 */
export const migration0009PolicyReleases: StoreMigration = {
  name: '0009_policy_releases',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('policy_releases')
      .addColumn('seq', 'bigint', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('version', 'text', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('published_by', 'text', (c) => c.notNull())
      .addColumn('published_at', 'bigint', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('policy_releases').execute();
  },
};
