import { CompiledQuery, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { BulwarkError } from '../core/errors.js';
import { POSTGRES_TRAITS } from './dialect-traits.js';
import type { StoreConnection } from './store-connection.js';
import { unavailable } from './store-errors.js';
import type { Database } from './types.js';

export const DEFAULT_POSTGRES_SCHEMA = 'public';
export const DEFAULT_POSTGRES_POOL_SIZE = 10;
/** Fail start-up (and requests) quickly when the server is down instead of hanging. */
export const DEFAULT_POSTGRES_CONNECT_TIMEOUT_MS = 5_000;

// The same rule as config's storageConfigSchema, re-checked here because the name is embedded in
// `SET search_path` and a store may be opened without going through config.
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export interface PostgresOptions {
  url: string;
  schema?: string;
  poolSize?: number;
}

function checkSchemaName(schema: string): void {
  if (!SCHEMA_NAME.test(schema)) {
    throw new BulwarkError('CONFIG_INVALID', 'The PostgreSQL schema name is not valid.', {
      problems: [{ path: 'storage.postgres.schema', message: 'lowercase letters, digits and _, at most 63, not starting with a digit' }],
    });
  }
}

function createPool(options: PostgresOptions, onBackgroundError: (error: Error) => void): pg.Pool {
  try {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? DEFAULT_POSTGRES_POOL_SIZE,
      connectionTimeoutMillis: DEFAULT_POSTGRES_CONNECT_TIMEOUT_MS,
    });
    // An idle client losing its socket emits 'error' on the pool; unhandled, it would kill the process.
    // The next query then fails and surfaces as STORE_UNAVAILABLE.
    pool.on('error', onBackgroundError);
    return pool;
  } catch (cause) {
    throw unavailable(cause);
  }
}

export function connectPostgres(
  options: PostgresOptions,
  onBackgroundError: (error: Error) => void,
): StoreConnection {
  const schema = options.schema ?? DEFAULT_POSTGRES_SCHEMA;
  checkSchemaName(schema);
  const pool = createPool(options, onBackgroundError);
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({
      pool,
      onCreateConnection: async (connection) => {
        await connection.executeQuery(CompiledQuery.raw(`SET search_path TO "${schema}"`));
      },
    }),
  });
  return {
    db,
    traits: POSTGRES_TRAITS,
    // Explicit, because Kysely otherwise finds a migration table in *any* schema and skips creating
    // ours. The Migrator creates the schema; search_path resolves it once it exists.
    migrationTableSchema: schema,
  };
}
