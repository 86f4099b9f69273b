import { sql, type Kysely } from 'kysely';
import { systemClock, type Clock } from '../core/clock.js';
import { createApiKeyRepository } from './api-key-repository.js';
import { createDecisionRepository } from './decision-repository.js';
import { createExemptionRepository } from './exemption-repository.js';
import { migrateToLatest } from './migrate.js';
import { createPolicyReleaseRepository } from './policy-release-repository.js';
import { STORE_MIGRATIONS } from './migrations/index.js';
import { connectPostgres, DEFAULT_POSTGRES_SCHEMA } from './postgres-connection.js';
import { POLICY_RELEASE_CHANNEL, releaseNotificationPayload } from './policy-release-notifications.js';
import { connectSqlite } from './sqlite-connection.js';
import type { StoreConnection } from './store-connection.js';
import { unavailable } from './store-errors.js';
import type { Database, StorageConfig, Store } from './types.js';

export interface OpenStoreOptions {
  /** Source of createdAt/revokedAt for keys; decisions carry their own timestamps. */
  clock?: Clock;
  /** Errors raised outside any call (an idle PostgreSQL connection dropping); log them. */
  onBackgroundError?: (error: Error) => void;
}

function connect(config: StorageConfig, options: OpenStoreOptions): StoreConnection {
  switch (config.driver) {
    case 'sqlite':
      return connectSqlite(config.sqlite);
    case 'postgres':
      return connectPostgres(config.postgres, options.onBackgroundError ?? (() => undefined));
  }
}

async function pingDatabase(db: Kysely<Database>): Promise<void> {
  try {
    await sql`SELECT 1`.execute(db);
  } catch (cause) {
    throw unavailable(cause);
  }
}

async function pingAndMigrate(connection: StoreConnection): Promise<void> {
  await pingDatabase(connection.db);
  // Migrations describe past schemas, so they see the database untyped.
  const untyped = connection.db as unknown as Kysely<unknown>;
  await migrateToLatest(untyped, connection.traits, STORE_MIGRATIONS, connection.migrationTableSchema);
}

/** Connect, bring the schema up to date, and return the repositories. Nothing is served before this resolves. */
export async function openStore(config: StorageConfig, options: OpenStoreOptions = {}): Promise<Store> {
  const connection = connect(config, options);
  const { db, traits } = connection;
  try {
    await pingAndMigrate(connection);
  } catch (error) {
    await connection.decisionWriter?.close().catch(() => undefined);
    await db.destroy().catch(() => undefined);
    throw error;
  }
  let closing: Promise<void> | undefined;
  const decisions = createDecisionRepository(db, traits, connection.decisionWriter);
  return Object.freeze({
    dialect: traits.dialect,
    db,
    apiKeys: createApiKeyRepository(db, options.clock ?? systemClock),
    decisions,
    exemptions: createExemptionRepository(db, options.clock ?? systemClock),
    policyReleases: createPolicyReleaseRepository(db, options.clock ?? systemClock, releaseNotifier(config, db)),
    ping: () => pingDatabase(db),
    close: () => (closing ??= closeConnection(connection, () => decisions.drained())),
  });
}

/** On PostgreSQL, a new release is announced to every replica's listener (policy-release-notifications.ts). */
function releaseNotifier(config: StorageConfig, db: Kysely<Database>): ((seq: number) => Promise<void>) | undefined {
  if (config.driver !== 'postgres') return undefined;
  const schema = config.postgres.schema ?? DEFAULT_POSTGRES_SCHEMA;
  return async (seq) => {
    await sql`SELECT pg_notify(${POLICY_RELEASE_CHANNEL}, ${releaseNotificationPayload(schema, seq)})`.execute(db);
  };
}

/** Decisions already handed to `insert` are written first: a clean shutdown loses none. */
async function closeConnection(connection: StoreConnection, decisionsDrained: () => Promise<void>): Promise<void> {
  await decisionsDrained();
  await connection.decisionWriter?.close();
  await connection.db.destroy();
}
