import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  type SqliteDatabase,
  type SqliteDialectConfig,
} from 'kysely';
import { SQLITE_TRAITS } from './dialect-traits.js';
import { createSqliteRowWriter } from './sqlite-row-writer.js';
import type { StoreConnection } from './store-connection.js';
import { unavailable } from './store-errors.js';
import type { Database } from './types.js';

export const SQLITE_MEMORY_PATH = ':memory:';
/** How long a writer waits for another process's lock before SQLITE_BUSY (e.g. CLI next to server). */
export const DEFAULT_SQLITE_BUSY_TIMEOUT_MS = 5_000;
/** Prepared statements kept per connection; Kysely's query shapes are few, batch inserts vary in size. */
const STATEMENT_CACHE_SIZE = 128;

function openFile(path: string): BetterSqlite3.Database {
  try {
    if (path !== SQLITE_MEMORY_PATH) mkdirSync(dirname(path), { recursive: true });
    const database = new BetterSqlite3(path);
    // WAL lets readers run beside the single writer. synchronous=FULL fsyncs the WAL on every commit,
    // so a committed record survives kill -9 and power loss (DESIGN invariant 4), not just a crash.
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = FULL');
    database.pragma('foreign_keys = ON');
    database.pragma(`busy_timeout = ${DEFAULT_SQLITE_BUSY_TIMEOUT_MS}`);
    return database;
  } catch (cause) {
    throw unavailable(cause);
  }
}

/**
 * Kysely prepares every query anew; compiling the SQL was a third of a key lookup's cost on the
 * gateway's hot path. Statements are reused by their SQL text, least recently used dropped first.
 * A statement still being iterated (a streamed select) is busy, so that caller gets a fresh one.
 * SQLite re-prepares a cached statement by itself after a schema change.
 */
function withStatementCache(database: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => database.close(),
    prepare: (sql) => {
      const cached = cache.get(sql);
      if (cached !== undefined && !cached.busy) {
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = database.prepare(sql);
      if (cached !== undefined) return statement;
      cache.set(sql, statement);
      if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      return statement;
    },
  };
}

/**
 * `BEGIN IMMEDIATE` takes the file's write lock up front. With Kysely's plain `BEGIN`, a transaction
 * that reads then writes fails with SQLITE_BUSY_SNAPSHOT when another process (a CLI next to the
 * server, a second replica starting) wrote in between; IMMEDIATE waits busy_timeout instead.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('BEGIN IMMEDIATE'));
  }
}

/**
 * SQLite does roll back DDL; Kysely's adapter just says it does not, which makes the Migrator run
 * migrations outside a transaction and leave a half-applied one behind on failure (invariant 4).
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class DurableSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

export function connectSqlite(config: { path: string }): StoreConnection {
  const database = openFile(config.path);
  const db = new Kysely<Database>({ dialect: new DurableSqliteDialect({ database: withStatementCache(database) }) });
  // An in-memory database is private to its connection: no second connection can write to it.
  if (config.path === SQLITE_MEMORY_PATH) return { db, traits: SQLITE_TRAITS };
  return { db, traits: SQLITE_TRAITS, decisionWriter: createSqliteRowWriter(config.path, DEFAULT_SQLITE_BUSY_TIMEOUT_MS) };
}
