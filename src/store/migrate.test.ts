import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { isBulwarkError } from '../core/errors.js';
import { checkMigrationList, migrateToLatest } from './migrate.js';
import { STORE_MIGRATIONS, type StoreMigration } from './migrations/index.js';
import { connectSqlite } from './sqlite-connection.js';

const createTable = (name: string, table: string): StoreMigration => ({
  name,
  up: async (db) => {
    await db.schema.createTable(table).addColumn('id', 'text', (c) => c.primaryKey()).execute();
  },
});

function codeOf(run: () => unknown): unknown {
  try {
    run();
    return undefined;
  } catch (error) {
    return isBulwarkError(error) ? error.code : error;
  }
}

async function tableNames(db: Kysely<unknown>): Promise<string[]> {
  const result = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'kysely%' ORDER BY name`.execute(db);
  return result.rows.map((r) => r.name);
}

describe('migration list', () => {
  it('the shipped list is well-formed and starts with 0001_guard', () => {
    expect(() => checkMigrationList(STORE_MIGRATIONS)).not.toThrow();
    expect(STORE_MIGRATIONS[0]?.name).toBe('0001_guard');
  });

  it('rejects duplicate, out-of-order and malformed names before touching the database', () => {
    expect(codeOf(() => checkMigrationList([createTable('0002_b', 'b'), createTable('0001_a', 'a')]))).toBe('STORE_MIGRATION_FAILED');
    expect(codeOf(() => checkMigrationList([createTable('0001_a', 'a'), createTable('0001_a', 'b')]))).toBe('STORE_MIGRATION_FAILED');
    expect(codeOf(() => checkMigrationList([createTable('1_a', 'a')]))).toBe('STORE_MIGRATION_FAILED');
  });
});

describe('migrateToLatest', () => {
  it('a failing migration raises STORE_MIGRATION_FAILED naming it and applies none of its batch', async () => {
    const { db, traits } = connectSqlite({ path: ':memory:' });
    const untyped = db as unknown as Kysely<unknown>;
    try {
      await migrateToLatest(untyped, traits, [createTable('0001_a', 'a')]);
      const broken: StoreMigration = {
        name: '0003_broken',
        up: async (d) => {
          await sql`THIS IS NOT SQL`.execute(d);
        },
      };
      const error: unknown = await migrateToLatest(untyped, traits, [createTable('0001_a', 'a'), createTable('0002_b', 'b'), broken]).catch(
        (e: unknown) => e,
      );
      expect(isBulwarkError(error) && error.code).toBe('STORE_MIGRATION_FAILED');
      expect(isBulwarkError(error) && error.message).toContain('0003_broken');
      expect(await tableNames(untyped)).toEqual(['a']);
    } finally {
      await db.destroy();
    }
  });
});
