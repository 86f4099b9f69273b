import type { Kysely, Selectable } from 'kysely';
import { canonicalize } from '../access/canonical-json.js';
import type { SignedEnvelope } from '../access/payloads.js';
import { BulwarkError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { toEpochMs } from '../store/row-decoding.js';
import { guardStoreCall } from '../store/store-errors.js';
import type { AllowlistPendingChangesTable, Database } from '../store/types.js';
import type { AllowlistChangePayload } from './changes.js';

/**
 * Allowlist change requests waiting for their second admin, kept in the store beside the access
 * requests (DESIGN: state that must survive a restart or be shared lives in the store), so every
 * replica sees the same queue. Nothing here is trusted: approving re-verifies every signature through
 * AllowlistService.applyApprovedChange.
 */
export interface PendingChange {
  readonly id: string;
  readonly digest: string;
  readonly change: SignedEnvelope<AllowlistChangePayload>;
  /** Oldest first; at most one per approver. */
  readonly approvals: readonly SignedEnvelope<unknown>[];
  readonly createdAt: number;
}

export interface PendingChangeStore {
  /** Queues a validated change; the same signed change (by digest) is queued once. */
  add(input: { digest: string; change: SignedEnvelope<AllowlistChangePayload>; now: number }): Promise<PendingChange>;
  get(id: string): Promise<PendingChange>;
  /** Oldest first. */
  list(): Promise<PendingChange[]>;
  /** Records the approver's approval (a second one by the same key replaces the first); returns the change with every approval. */
  addApproval(input: { id: string; approverKeyId: string; approval: SignedEnvelope<unknown>; now: number }): Promise<PendingChange>;
  /** Drops the change and its approvals once applied. */
  remove(id: string): Promise<void>;
}

const MAX_ID_CHARS = 64;

export function createPendingChangeStore(db: Kysely<Database>): PendingChangeStore {
  async function read(id: string): Promise<PendingChange> {
    if (id.length > MAX_ID_CHARS) throw notFound();
    const row = await guardStoreCall(() => db.selectFrom('allowlist_pending_changes').selectAll().where('id', '=', id).executeTakeFirst());
    if (row === undefined) throw notFound();
    return withApprovals(db, row);
  }
  return {
    async add({ digest, change, now }) {
      await guardStoreCall(() =>
        db
          .insertInto('allowlist_pending_changes')
          .values({
            id: newId('alr', now),
            digest,
            payload: canonicalize(change.payload),
            signature: change.signature,
            requester_key_id: change.payload.requesterKeyId,
            created_at: now,
          })
          .onConflict((oc) => oc.column('digest').doNothing())
          .execute(),
      );
      const row = await guardStoreCall(() => db.selectFrom('allowlist_pending_changes').selectAll().where('digest', '=', digest).executeTakeFirstOrThrow());
      return withApprovals(db, row);
    },
    get: read,
    async list() {
      const rows = await guardStoreCall(() => db.selectFrom('allowlist_pending_changes').selectAll().orderBy('created_at').orderBy('id').execute());
      return Promise.all(rows.map((row) => withApprovals(db, row)));
    },
    async addApproval({ id, approverKeyId, approval, now }) {
      await read(id);
      const values = { payload: canonicalize(approval.payload), signature: approval.signature, created_at: now };
      try {
        await guardStoreCall(() =>
          db
            .insertInto('allowlist_pending_approvals')
            .values({ change_id: id, approver_key_id: approverKeyId, ...values })
            .onConflict((oc) => oc.columns(['change_id', 'approver_key_id']).doUpdateSet(values))
            .execute(),
        );
      } catch (error) {
        // The change was applied (and removed) by a concurrent approval between the read and the insert.
        if (error instanceof BulwarkError) throw error;
        await read(id);
        throw error;
      }
      return read(id);
    },
    async remove(id) {
      await guardStoreCall(() =>
        db.transaction().execute(async (trx) => {
          await trx.deleteFrom('allowlist_pending_approvals').where('change_id', '=', id).execute();
          await trx.deleteFrom('allowlist_pending_changes').where('id', '=', id).execute();
        }),
      );
    },
  };
}

async function withApprovals(db: Kysely<Database>, row: Selectable<AllowlistPendingChangesTable>): Promise<PendingChange> {
  const approvals = await guardStoreCall(() =>
    db.selectFrom('allowlist_pending_approvals').select(['payload', 'signature']).where('change_id', '=', row.id).orderBy('created_at').orderBy('approver_key_id').execute(),
  );
  return {
    id: row.id,
    digest: row.digest,
    change: { payload: JSON.parse(row.payload) as AllowlistChangePayload, signature: row.signature },
    approvals: approvals.map((a) => ({ payload: JSON.parse(a.payload) as unknown, signature: a.signature })),
    createdAt: toEpochMs(row.created_at, 'allowlist_pending_changes.created_at'),
  };
}

function notFound(): BulwarkError {
  return new BulwarkError('ALLOWLIST_CHANGE_NOT_FOUND', 'No pending allowlist change with that id.');
}
