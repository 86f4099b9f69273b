import type { Kysely, Selectable } from 'kysely';
import { toEpochMs, toNullableEpochMs, toOneOf, toStringArray } from '../store/row-decoding.js';
import { guardStoreCall } from '../store/store-errors.js';
import type { AccessDecisionsTable, AccessRequestsTable, AccessReviewsTable, AccessUsersTable, Database } from '../store/types.js';
import { USER_ROLES, type UserRole } from './payloads.js';
import type { AccessUser, RequestKind, RequestListQuery, StoredStatus } from './records.js';

/**
 * Plain queries over the access tables. Every function takes the handle to run on, so the service can
 * compose several in one transaction. Rows are decoded defensively (store/row-decoding.ts).
 */
type Db = Kysely<Database>;

const KINDS: readonly RequestKind[] = ['access', 'break_glass', 'users_change'];
const STATUSES: readonly StoredStatus[] = ['pending', 'approved', 'denied', 'revoked'];
const DECISIONS = ['approve', 'deny'] as const;
export const DEFAULT_REQUEST_LIST_LIMIT = 50;
export const MAX_REQUEST_LIST_LIMIT = 1000;

export interface StoredRequest {
  readonly id: string;
  readonly kind: RequestKind;
  readonly digest: string;
  readonly payloadText: string;
  readonly signature: string;
  readonly requesterKeyId: string;
  readonly artifactId: string | null;
  readonly status: StoredStatus;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly decidedAt: number | null;
  readonly grantExpiresAt: number | null;
  readonly uses: number;
  readonly revokedAt: number | null;
  readonly revokedBy: string | null;
}

export interface StoredDecision {
  readonly requestId: string;
  readonly approverKeyId: string;
  readonly decision: (typeof DECISIONS)[number];
  readonly payloadText: string;
  readonly signature: string;
  readonly time: number;
}

export interface StoredReview {
  readonly requestId: string;
  readonly openedAt: number;
  readonly dueAt: number;
  readonly closedAt: number | null;
  readonly closedBy: string | null;
  readonly payloadText: string | null;
}

function toUser(row: Selectable<AccessUsersTable>): AccessUser {
  return {
    keyId: row.key_id,
    name: row.name,
    publicKey: row.public_key,
    roles: toStringArray(row.roles, 'access_users.roles').map((r) => toOneOf(r, USER_ROLES, 'access_users.roles')),
    pools: toStringArray(row.pools, 'access_users.pools'),
    createdAt: toEpochMs(row.created_at, 'access_users.created_at'),
    updatedAt: toEpochMs(row.updated_at, 'access_users.updated_at'),
  };
}

function toRequest(row: Selectable<AccessRequestsTable>): StoredRequest {
  return {
    id: row.id,
    kind: toOneOf(row.kind, KINDS, 'access_requests.kind'),
    digest: row.digest,
    payloadText: row.payload,
    signature: row.signature,
    requesterKeyId: row.requester_key_id,
    artifactId: row.artifact_id,
    status: toOneOf(row.status, STATUSES, 'access_requests.status'),
    createdAt: toEpochMs(row.created_at, 'access_requests.created_at'),
    expiresAt: toEpochMs(row.expires_at, 'access_requests.expires_at'),
    decidedAt: toNullableEpochMs(row.decided_at, 'access_requests.decided_at'),
    grantExpiresAt: toNullableEpochMs(row.grant_expires_at, 'access_requests.grant_expires_at'),
    uses: toEpochMs(row.uses, 'access_requests.uses'),
    revokedAt: toNullableEpochMs(row.revoked_at, 'access_requests.revoked_at'),
    revokedBy: row.revoked_by,
  };
}

function toDecision(row: Selectable<AccessDecisionsTable>): StoredDecision {
  return {
    requestId: row.request_id,
    approverKeyId: row.approver_key_id,
    decision: toOneOf(row.decision, DECISIONS, 'access_decisions.decision'),
    payloadText: row.payload,
    signature: row.signature,
    time: toEpochMs(row.time, 'access_decisions.time'),
  };
}

function toReview(row: Selectable<AccessReviewsTable>): StoredReview {
  return {
    requestId: row.request_id,
    openedAt: toEpochMs(row.opened_at, 'access_reviews.opened_at'),
    dueAt: toEpochMs(row.due_at, 'access_reviews.due_at'),
    closedAt: toNullableEpochMs(row.closed_at, 'access_reviews.closed_at'),
    closedBy: row.closed_by,
    payloadText: row.payload,
  };
}

// --- users -----------------------------------------------------------------------------------------

export const getUser = (db: Db, keyId: string): Promise<AccessUser | null> =>
  guardStoreCall(async () => {
    const row = await db.selectFrom('access_users').selectAll().where('key_id', '=', keyId).executeTakeFirst();
    return row === undefined ? null : toUser(row);
  });

export const listUsers = (db: Db): Promise<AccessUser[]> =>
  guardStoreCall(async () => (await db.selectFrom('access_users').selectAll().orderBy('name').execute()).map(toUser));

export const findUserByName = (db: Db, name: string): Promise<AccessUser | null> =>
  guardStoreCall(async () => {
    const row = await db.selectFrom('access_users').selectAll().where('name', '=', name).executeTakeFirst();
    return row === undefined ? null : toUser(row);
  });

export const insertUser = (db: Db, user: AccessUser): Promise<void> =>
  guardStoreCall(async () => {
    await db
      .insertInto('access_users')
      .values({
        key_id: user.keyId,
        name: user.name,
        public_key: user.publicKey,
        roles: JSON.stringify([...user.roles].sort()),
        pools: JSON.stringify([...user.pools].sort()),
        created_at: user.createdAt,
        updated_at: user.updatedAt,
      })
      .execute();
  });

export const updateUser = (db: Db, keyId: string, roles: readonly UserRole[], pools: readonly string[], now: number): Promise<boolean> =>
  guardStoreCall(async () => {
    const result = await db
      .updateTable('access_users')
      .set({ roles: JSON.stringify([...roles].sort()), pools: JSON.stringify([...pools].sort()), updated_at: now })
      .where('key_id', '=', keyId)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  });

export const deleteUser = (db: Db, keyId: string): Promise<boolean> =>
  guardStoreCall(async () => (await db.deleteFrom('access_users').where('key_id', '=', keyId).executeTakeFirst()).numDeletedRows > 0n);

// --- nonces ----------------------------------------------------------------------------------------

export const isNonceUsed = (db: Db, nonce: string): Promise<boolean> =>
  guardStoreCall(async () => (await db.selectFrom('access_nonces').select('nonce').where('nonce', '=', nonce).executeTakeFirst()) !== undefined);

/** False when the nonce was already spent (the caller raises ACCESS_REPLAY). */
export const spendNonce = (db: Db, nonce: string, keyId: string, now: number): Promise<boolean> =>
  guardStoreCall(async () => {
    const result = await db
      .insertInto('access_nonces')
      .values({ nonce, key_id: keyId, used_at: now })
      .onConflict((oc) => oc.column('nonce').doNothing())
      .executeTakeFirst();
    return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
  });

// --- requests --------------------------------------------------------------------------------------

export interface NewRequestRow {
  readonly id: string;
  readonly kind: RequestKind;
  readonly digest: string;
  readonly payloadText: string;
  readonly signature: string;
  readonly requesterKeyId: string;
  readonly artifactId: string | null;
  readonly status: StoredStatus;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly decidedAt: number | null;
  readonly grantExpiresAt: number | null;
}

export const insertRequest = (db: Db, r: NewRequestRow): Promise<void> =>
  guardStoreCall(async () => {
    await db
      .insertInto('access_requests')
      .values({
        id: r.id,
        kind: r.kind,
        digest: r.digest,
        payload: r.payloadText,
        signature: r.signature,
        requester_key_id: r.requesterKeyId,
        artifact_id: r.artifactId,
        status: r.status,
        created_at: r.createdAt,
        expires_at: r.expiresAt,
        decided_at: r.decidedAt,
        grant_expires_at: r.grantExpiresAt,
        uses: 0,
        version: 0,
        revoked_at: null,
        revoked_by: null,
        revoke_payload: null,
        revoke_signature: null,
      })
      .execute();
  });

export const getRequest = (db: Db, id: string): Promise<StoredRequest | null> =>
  guardStoreCall(async () => {
    const row = await db.selectFrom('access_requests').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? null : toRequest(row);
  });

export const isDigestKnown = (db: Db, digest: string): Promise<boolean> =>
  guardStoreCall(async () => (await db.selectFrom('access_requests').select('id').where('digest', '=', digest).executeTakeFirst()) !== undefined);

/** Newest first. `expired` is a pending request past its window, so it is filtered after decoding. */
export const listRequests = (db: Db, query: RequestListQuery, now: number): Promise<StoredRequest[]> =>
  guardStoreCall(async () => {
    let q = db.selectFrom('access_requests').selectAll();
    if (query.kind !== undefined) q = q.where('kind', '=', query.kind);
    if (query.status === 'expired') q = q.where('status', '=', 'pending').where('expires_at', '<=', now);
    else if (query.status === 'pending') q = q.where('status', '=', 'pending').where('expires_at', '>', now);
    else if (query.status !== undefined) q = q.where('status', '=', query.status);
    const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(clampLimit(query.limit)).execute();
    return rows.map(toRequest);
  });

function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_REQUEST_LIST_LIMIT;
  return Math.min(MAX_REQUEST_LIST_LIMIT, Math.max(1, Math.floor(limit)));
}

/**
 * Takes the request's row lock (PostgreSQL; SQLite's BEGIN IMMEDIATE already holds the file) while it
 * is still pending. Concurrent deciders then see each other's decisions instead of racing past them.
 */
export const lockPending = (db: Db, id: string): Promise<boolean> =>
  guardStoreCall(async () => {
    const result = await db
      .updateTable('access_requests')
      .set((eb) => ({ version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  });

export const markDecided = (db: Db, id: string, status: 'approved' | 'denied', at: number, grantExpiresAt: number | null): Promise<void> =>
  guardStoreCall(async () => {
    await db
      .updateTable('access_requests')
      .set({ status, decided_at: at, grant_expires_at: grantExpiresAt })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .execute();
  });

export interface RevocationRow {
  readonly at: number;
  readonly by: string;
  readonly payloadText: string;
  readonly signature: string;
}

/** False when the request was no longer pending or approved (denied or already revoked). */
export const revokeRequest = (db: Db, id: string, r: RevocationRow): Promise<boolean> =>
  guardStoreCall(async () => {
    const result = await db
      .updateTable('access_requests')
      .set({ status: 'revoked', revoked_at: r.at, revoked_by: r.by, revoke_payload: r.payloadText, revoke_signature: r.signature })
      .where('id', '=', id)
      .where('status', 'in', ['pending', 'approved'])
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  });

/**
 * Consumes one use in a single conditional UPDATE, atomic on both dialects: two concurrent releases
 * of a single-use grant cannot both see `uses < 1`. Returns the new use count, or null when none is left
 * (or the grant stopped being approved meanwhile).
 */
export const reserveUse = (db: Db, id: string, maxUses: number): Promise<number | null> =>
  guardStoreCall(async () => {
    const row = await db
      .updateTable('access_requests')
      .set((eb) => ({ uses: eb('uses', '+', 1) }))
      .where('id', '=', id)
      .where('status', '=', 'approved')
      .where('uses', '<', maxUses)
      .returning('uses')
      .executeTakeFirst();
    return row === undefined ? null : toEpochMs(row.uses, 'access_requests.uses');
  });

/** Gives back a use reserved by a release that then failed to be audited. */
export const returnUse = (db: Db, id: string): Promise<void> =>
  guardStoreCall(async () => {
    await db
      .updateTable('access_requests')
      .set((eb) => ({ uses: eb('uses', '-', 1) }))
      .where('id', '=', id)
      .where('uses', '>', 0)
      .execute();
  });

// --- decisions -------------------------------------------------------------------------------------

/** False when this approver already decided on this request. */
export const insertDecision = (db: Db, d: StoredDecision, now: number): Promise<boolean> =>
  guardStoreCall(async () => {
    const result = await db
      .insertInto('access_decisions')
      .values({
        request_id: d.requestId,
        approver_key_id: d.approverKeyId,
        decision: d.decision,
        payload: d.payloadText,
        signature: d.signature,
        time: d.time,
        created_at: now,
      })
      .onConflict((oc) => oc.columns(['request_id', 'approver_key_id']).doNothing())
      .executeTakeFirst();
    return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
  });

export const listDecisions = (db: Db, requestId: string): Promise<StoredDecision[]> =>
  guardStoreCall(async () =>
    (await db.selectFrom('access_decisions').selectAll().where('request_id', '=', requestId).orderBy('time').orderBy('approver_key_id').execute()).map(
      toDecision,
    ),
  );

// --- reviews ---------------------------------------------------------------------------------------

export const insertReview = (db: Db, requestId: string, openedAt: number, dueAt: number): Promise<void> =>
  guardStoreCall(async () => {
    await db
      .insertInto('access_reviews')
      .values({ request_id: requestId, opened_at: openedAt, due_at: dueAt, closed_at: null, closed_by: null, payload: null, signature: null })
      .execute();
  });

export const getReview = (db: Db, requestId: string): Promise<StoredReview | null> =>
  guardStoreCall(async () => {
    const row = await db.selectFrom('access_reviews').selectAll().where('request_id', '=', requestId).executeTakeFirst();
    return row === undefined ? null : toReview(row);
  });

export const listReviews = (db: Db): Promise<StoredReview[]> =>
  guardStoreCall(async () => (await db.selectFrom('access_reviews').selectAll().orderBy('opened_at', 'desc').execute()).map(toReview));

/** False when the review was already closed. */
export const closeReview = (db: Db, requestId: string, at: number, by: string, payloadText: string, signature: string): Promise<boolean> =>
  guardStoreCall(async () => {
    const result = await db
      .updateTable('access_reviews')
      .set({ closed_at: at, closed_by: by, payload: payloadText, signature })
      .where('request_id', '=', requestId)
      .where('closed_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  });
