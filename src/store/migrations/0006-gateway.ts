import type { Kysely } from 'kysely';
import type { StoreMigration } from './store-migration.js';

/**
 * Gateway: trusted-access exemptions, and a `details` document on decisions (conversation risk,
 * exemption) so a reviewer sees why a turn was flagged or let through. Older rows have no details.
 */
export const migration0006Gateway: StoreMigration = {
  name: '0006_gateway',
  async up(db: Kysely<unknown>, traits) {
    await db.schema.alterTable('decisions').addColumn('details', traits.jsonType).execute();
    await db.schema
      .createTable('gateway_exemptions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant', 'text', (c) => c.notNull())
      // Null: every account of the tenant.
      .addColumn('account', 'text')
      .addColumn('categories', traits.jsonType, (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('granted_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('revoked_at', 'bigint')
      .addColumn('revoked_by', 'text')
      .execute();
    await db.schema.createIndex('gateway_exemptions_tenant_idx').on('gateway_exemptions').columns(['tenant', 'expires_at']).execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('gateway_exemptions').execute();
    await db.schema.alterTable('decisions').dropColumn('details').execute();
  },
};
