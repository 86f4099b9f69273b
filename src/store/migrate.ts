import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { BulwarkError } from '../core/errors.js';
import type { DialectTraits } from './dialect-traits.js';
import type { StoreMigration } from './migrations/index.js';

const MIGRATION_NAME = /^\d{4}_[a-z][a-z0-9_]*$/;

/** Names must be unique, well-formed and listed in the order they apply, or nothing runs. */
export function checkMigrationList(migrations: readonly StoreMigration[]): void {
  const problems: { path: string; message: string }[] = [];
  migrations.forEach((m, i) => {
    if (!MIGRATION_NAME.test(m.name)) problems.push({ path: m.name, message: 'expected a name like 0001_module' });
    const previous = migrations[i - 1];
    if (previous !== undefined && previous.name >= m.name) {
      problems.push({ path: m.name, message: `must sort after ${previous.name} and be unique` });
    }
  });
  if (problems.length > 0) {
    throw new BulwarkError('STORE_MIGRATION_FAILED', 'The migration list is malformed.', { problems });
  }
}

function providerFor(migrations: readonly StoreMigration[], traits: DialectTraits): MigrationProvider {
  const entries = migrations.map((m): [string, Migration] => {
    const down = m.down?.bind(m);
    return [
      m.name,
      {
        up: (db) => m.up(db, traits),
        ...(down === undefined ? {} : { down: (db: Kysely<unknown>) => down(db, traits) }),
      },
    ];
  });
  return { getMigrations: () => Promise.resolve(Object.fromEntries(entries)) };
}

/**
 * Apply every pending migration, each in its own transaction, under Kysely's migration lock so that
 * replicas starting together do not race. A database that already holds a migration this build does
 * not know (a downgrade) is refused rather than run against a schema the code does not understand.
 */
export async function migrateToLatest(
  db: Kysely<unknown>,
  traits: DialectTraits,
  migrations: readonly StoreMigration[],
  migrationTableSchema?: string,
): Promise<void> {
  checkMigrationList(migrations);
  const migrator = new Migrator({
    db,
    provider: providerFor(migrations, traits),
    ...(migrationTableSchema === undefined ? {} : { migrationTableSchema }),
  });
  let outcome: Awaited<ReturnType<Migrator['migrateToLatest']>>;
  try {
    outcome = await migrator.migrateToLatest();
  } catch (cause) {
    throw new BulwarkError('STORE_MIGRATION_FAILED', 'Database migrations could not run.', { cause });
  }
  if (outcome.error === undefined) return;
  const failed = outcome.results?.find((r) => r.status === 'Error');
  const where = failed === undefined ? '' : ` (${failed.migrationName})`;
  throw new BulwarkError('STORE_MIGRATION_FAILED', `A database migration failed${where}.`, {
    cause: outcome.error,
    problems: failed === undefined ? [] : [{ path: failed.migrationName, message: 'migration failed' }],
  });
}
