import type { Kysely, Selectable } from 'kysely';
import { BulwarkError } from '../core/errors.js';
import { toEpochMs } from '../store/row-decoding.js';
import type { Database } from '../store/types.js';

/** Names are what people type (`bulwark vault get NAME`); ids are what signatures and headers carry. */
export const ARTIFACT_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
/** Labels select approval rules (src/access approval policy), e.g. `frontier-weights`. */
export const ARTIFACT_LABEL_PATTERN = /^[a-z][a-z0-9-]{0,63}$/;
/** Where encrypted objects live, relative to the data folder. */
export const OBJECTS_DIR = 'vault/objects';

export interface ArtifactRecord {
  readonly id: string;
  readonly name: string;
  readonly label: string | null;
  /** Hex SHA-256 of the plaintext. */
  readonly sha256: string;
  /** Plaintext bytes. */
  readonly size: number;
  /** Relative to the data folder. */
  readonly path: string;
  readonly keyId: string;
  readonly createdBy: string | null;
  readonly createdAt: number;
}

export function assertArtifactName(name: string): void {
  if (!ARTIFACT_NAME_PATTERN.test(name)) {
    throw new BulwarkError('VAULT_INVALID_ARGUMENT', 'An artifact name is 1-128 letters, digits, ".", "_" or "-", starting with a letter or digit.');
  }
}

export function assertArtifactLabel(label: string | null): void {
  if (label !== null && !ARTIFACT_LABEL_PATTERN.test(label)) {
    throw new BulwarkError('VAULT_INVALID_ARGUMENT', 'A label is 1-64 lowercase letters, digits or "-", starting with a letter.');
  }
}

function fromRow(row: Selectable<Database['vault_artifacts']>): ArtifactRecord {
  return {
    id: row.id,
    name: row.name,
    label: row.label,
    sha256: row.sha256,
    size: toEpochMs(row.size, 'vault_artifacts.size'),
    path: row.path,
    keyId: row.key_id,
    createdBy: row.created_by,
    createdAt: toEpochMs(row.created_at, 'vault_artifacts.created_at'),
  };
}

/**
 * The artifact registry. It also serves as src/access's ArtifactDirectory port (describe), so a grant
 * is always checked against the plaintext hash the vault actually holds.
 */
export interface ArtifactRegistry {
  findByName(name: string): Promise<ArtifactRecord | null>;
  findById(id: string): Promise<ArtifactRecord | null>;
  /** Oldest first. */
  list(): Promise<ArtifactRecord[]>;
  /** Call only once the encrypted file is complete and renamed into place (invariant 4). */
  register(record: ArtifactRecord): Promise<void>;
  describe(artifactId: string): Promise<{ id: string; sha256: string; label: string | null } | null>;
}

export function createArtifactRegistry(db: Kysely<Database>): ArtifactRegistry {
  const findBy = async (column: 'id' | 'name', value: string): Promise<ArtifactRecord | null> => {
    const row = await db.selectFrom('vault_artifacts').selectAll().where(column, '=', value).executeTakeFirst();
    return row === undefined ? null : fromRow(row);
  };
  return Object.freeze({
    findByName: (name: string) => findBy('name', name),
    findById: (id: string) => findBy('id', id),
    list: async () => (await db.selectFrom('vault_artifacts').selectAll().orderBy('created_at').orderBy('id').execute()).map(fromRow),
    register: async (record: ArtifactRecord) => {
      try {
        await db
          .insertInto('vault_artifacts')
          .values({
            id: record.id,
            name: record.name,
            label: record.label,
            sha256: record.sha256,
            size: record.size,
            path: record.path,
            key_id: record.keyId,
            created_by: record.createdBy,
            created_at: record.createdAt,
          })
          .execute();
      } catch (cause) {
        throw new BulwarkError('VAULT_ARTIFACT_EXISTS', `An artifact named ${record.name} is already registered.`, { cause });
      }
    },
    describe: async (artifactId: string) => {
      const found = await findBy('id', artifactId);
      return found === null ? null : { id: found.id, sha256: found.sha256, label: found.label };
    },
  });
}
