import type { Kysely } from 'kysely';
import type { DialectTraits } from '../dialect-traits.js';

/**
 * One schema change that runs unchanged on SQLite and PostgreSQL. Migrations take `Kysely<unknown>`
 * because they describe the schema as it was when they were written, not today's `Database`.
 */
export interface StoreMigration {
  /** `NNNN_module`; applied in name order and never renamed once released. */
  readonly name: string;
  up(db: Kysely<unknown>, traits: DialectTraits): Promise<void>;
  down?(db: Kysely<unknown>, traits: DialectTraits): Promise<void>;
}
