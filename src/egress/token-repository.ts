import type { Kysely } from 'kysely';
import type { Clock } from '../core/clock.js';
import { constantTimeEqual, sha256Hex } from '../core/hash.js';
import { newId, newSecret } from '../core/ids.js';
import { guardStoreCall } from '../store/store-errors.js';
import type { Database } from '../store/types.js';

export const EGRESS_TOKEN_PREFIX = 'bwe';
/** Tokens are 47 characters; longer input is attacker noise and is rejected before hashing. */
const MAX_PRESENTED_TOKEN_CHARS = 256;

export interface CreatedEgressToken {
  readonly id: string;
  readonly identity: string;
  /** The plaintext token, returned once; only its hash is stored. */
  readonly token: string;
}

export interface EgressTokenRepository {
  create(identity: string): Promise<CreatedEgressToken>;
  /** True only when `token` is an active token of exactly `identity`. */
  authenticate(identity: string, token: string): Promise<boolean>;
  revoke(id: string): Promise<boolean>;
}

export function createEgressTokenRepository(db: Kysely<Database>, clock: Clock): EgressTokenRepository {
  return {
    create: (identity) =>
      guardStoreCall(async () => {
        const createdAt = clock.now();
        const token = newSecret(EGRESS_TOKEN_PREFIX);
        const id = newId('egt', createdAt);
        await db.insertInto('egress_tokens').values({ id, identity, token_hash: sha256Hex(token), created_at: createdAt, revoked_at: null }).execute();
        return { id, identity, token };
      }),

    authenticate: (identity, token) =>
      guardStoreCall(async () => {
        if (token.length === 0 || token.length > MAX_PRESENTED_TOKEN_CHARS || !token.startsWith(`${EGRESS_TOKEN_PREFIX}_`)) return false;
        const hash = sha256Hex(token);
        const row = await db
          .selectFrom('egress_tokens')
          .select(['identity', 'token_hash'])
          .where('token_hash', '=', hash)
          .where('revoked_at', 'is', null)
          .executeTakeFirst();
        // The index lookup is not constant-time; the accept decision is.
        if (row === undefined) return false;
        return constantTimeEqual(row.token_hash, hash) && constantTimeEqual(row.identity, identity);
      }),

    revoke: (id) =>
      guardStoreCall(async () => {
        const result = await db.updateTable('egress_tokens').set({ revoked_at: clock.now() }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
        return result.numUpdatedRows > 0n;
      }),
  };
}
