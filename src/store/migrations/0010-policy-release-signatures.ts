import type { Kysely } from 'kysely';
import type { StoreMigration } from './store-migration.js';

/**
 * Who signed each policy release, and the Ed25519 signature over it (server/policy-release-signature.ts).
 * Servers put a release in force only when a key in `guard.policySigners` signed exactly that number and
 * text, so a direct write to this table cannot set the fleet's policy. Nullable because releases made
 * before signing existed have neither; servers refuse those.
 */
export const migration0010PolicyReleaseSignatures: StoreMigration = {
  name: '0010_policy_release_signatures',
  async up(db: Kysely<unknown>) {
    // One column per statement: SQLite's ALTER TABLE adds one at a time.
    await db.schema.alterTable('policy_releases').addColumn('signer_key_id', 'text').execute();
    await db.schema.alterTable('policy_releases').addColumn('signature', 'text').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('policy_releases').dropColumn('signature').execute();
    await db.schema.alterTable('policy_releases').dropColumn('signer_key_id').execute();
  },
};
