import type { Kysely, Selectable } from 'kysely';
import type { Clock } from '../core/clock.js';
import { constantTimeEqual, sha256Hex } from '../core/hash.js';
import { newId, newSecret } from '../core/ids.js';
import { toEpochMs, toNullableEpochMs } from './row-decoding.js';
import { guardStoreCall } from './store-errors.js';
import type { ApiKeyRepository, ApiKeySummary, ApiKeysTable, CreatedApiKey, Database } from './types.js';

export const API_KEY_PREFIX = 'bwk';
/** `bwk_` plus 8 of the 43 secret characters: enough to tell keys apart, far too few to guess the rest. */
export const API_KEY_DISPLAY_PREFIX_CHARS = 12;
/** Keys are 47 characters; anything much longer is not ours and is rejected before hashing. */
const MAX_PRESENTED_KEY_CHARS = 256;

function toSummary(row: Selectable<ApiKeysTable>): ApiKeySummary {
  return {
    id: row.id,
    tenant: row.tenant,
    name: row.name,
    prefix: row.prefix,
    createdAt: toEpochMs(row.created_at, 'api_keys.created_at'),
    revokedAt: toNullableEpochMs(row.revoked_at, 'api_keys.revoked_at'),
  };
}

/**
 * The key lookup runs on every gateway request. Building and compiling it through Kysely each time
 * cost twice what SQLite took to answer it, so it is compiled once and run with each hash bound.
 */
type KeyRow = Pick<Selectable<ApiKeysTable>, 'id' | 'tenant' | 'key_hash'>;

function compileKeyLookup(db: Kysely<Database>): (hash: string) => Promise<KeyRow | undefined> {
  const compiled = db.selectFrom('api_keys').select(['id', 'tenant', 'key_hash']).where('key_hash', '=', '').where('revoked_at', 'is', null).compile();
  if (compiled.parameters.length !== 1) throw new Error('api key lookup: expected exactly one bound parameter');
  return async (hash) => (await db.executeQuery<KeyRow>({ ...compiled, parameters: [hash] })).rows[0];
}

export function createApiKeyRepository(db: Kysely<Database>, clock: Clock): ApiKeyRepository {
  const lookupKey = compileKeyLookup(db);
  return {
    create: ({ tenant, name }) =>
      guardStoreCall(async (): Promise<CreatedApiKey> => {
        const createdAt = clock.now();
        const key = newSecret(API_KEY_PREFIX);
        const row = {
          id: newId('key', createdAt),
          tenant,
          name: name ?? null,
          key_hash: sha256Hex(key),
          prefix: key.slice(0, API_KEY_DISPLAY_PREFIX_CHARS),
          created_at: createdAt,
          revoked_at: null,
        };
        await db.insertInto('api_keys').values(row).execute();
        return { id: row.id, tenant, name: row.name, key, createdAt };
      }),

    authenticate: (key) =>
      guardStoreCall(async () => {
        // Presented keys are attacker-controlled: bound the work before touching the database.
        if (typeof key !== 'string' || key.length === 0 || key.length > MAX_PRESENTED_KEY_CHARS) return null;
        if (!key.startsWith(`${API_KEY_PREFIX}_`)) return null;
        const hash = sha256Hex(key);
        const row = await lookupKey(hash);
        // The index lookup is not constant-time; re-check so the accept decision is.
        if (row === undefined || !constantTimeEqual(row.key_hash, hash)) return null;
        return { id: row.id, tenant: row.tenant };
      }),

    list: () =>
      guardStoreCall(async () => {
        const rows = await db.selectFrom('api_keys').selectAll().orderBy('created_at').orderBy('id').execute();
        return rows.map(toSummary);
      }),

    revoke: (id) =>
      guardStoreCall(async () => {
        const result = await db
          .updateTable('api_keys')
          .set({ revoked_at: clock.now() })
          .where('id', '=', id)
          .where('revoked_at', 'is', null)
          .executeTakeFirst();
        return result.numUpdatedRows > 0n;
      }),
  };
}
