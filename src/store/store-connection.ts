import type { Kysely } from 'kysely';
import type { DialectTraits } from './dialect-traits.js';
import type { RowWriter } from './sqlite-row-writer.js';
import type { Database } from './types.js';

/** What a dialect adapter hands to `openStore`: a database handle plus what differs about it. */
export interface StoreConnection {
  readonly db: Kysely<Database>;
  readonly traits: DialectTraits;
  /**
   * Where Kysely keeps its migration bookkeeping; undefined means the connection's default. When set,
   * the Migrator also creates this schema if missing (tolerating replicas racing to create it).
   */
  readonly migrationTableSchema?: string;
  /** Decision inserts off the main thread (SQLite files); unset, they go through `db`. */
  readonly decisionWriter?: RowWriter;
}
