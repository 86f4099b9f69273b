import type { Kysely, Selectable } from 'kysely';
import { canonicalize } from '../access/canonical-json.js';
import { toEpochMs, toOneOf, toStringArray } from '../store/row-decoding.js';
import { guardStoreCall } from '../store/store-errors.js';
import type { AllowlistEntriesTable, Database } from '../store/types.js';
import type { AllowlistEntry } from './allowlist.js';
import { ENTRY_KINDS, type AllowlistChangePayload } from './changes.js';

function toEntry(row: Selectable<AllowlistEntriesTable>): AllowlistEntry {
  return {
    id: row.id,
    kind: toOneOf(row.kind, ENTRY_KINDS, 'allowlist_entries.kind'),
    sha256: row.sha256,
    name: row.name,
    owner: row.owner,
    pathPattern: row.path_pattern,
    signer: row.signer,
    path: row.path,
    size: row.size === null ? null : toEpochMs(row.size, 'allowlist_entries.size'),
    addedBy: row.added_by,
    approvedBy: toStringArray(row.approved_by, 'allowlist_entries.approved_by'),
    changeId: row.change_id,
    createdAt: toEpochMs(row.created_at, 'allowlist_entries.created_at'),
  };
}

/** Oldest first. */
export async function readEntries(db: Kysely<Database>): Promise<AllowlistEntry[]> {
  const rows = await guardStoreCall(() => db.selectFrom('allowlist_entries').selectAll().orderBy('created_at').orderBy('id').execute());
  return rows.map(toEntry);
}

export async function readEntry(db: Kysely<Database>, id: string): Promise<AllowlistEntry | null> {
  const row = await guardStoreCall(() => db.selectFrom('allowlist_entries').selectAll().where('id', '=', id).executeTakeFirst());
  return row === undefined ? null : toEntry(row);
}

export async function findEntriesBySha256(db: Kysely<Database>, sha256: string): Promise<AllowlistEntry[]> {
  const rows = await guardStoreCall(() =>
    db.selectFrom('allowlist_entries').selectAll().where('sha256', '=', sha256).orderBy('created_at').orderBy('id').execute(),
  );
  return rows.map(toEntry);
}

export async function isChangeApplied(db: Kysely<Database>, digest: string): Promise<boolean> {
  const row = await guardStoreCall(() => db.selectFrom('allowlist_changes').select('id').where('digest', '=', digest).executeTakeFirst());
  return row !== undefined;
}

export interface StoredChange {
  readonly id: string;
  readonly digest: string;
  readonly payload: AllowlistChangePayload;
  readonly signature: string;
  readonly approvals: readonly unknown[];
  readonly appliedAt: number;
}

/** False when a change with this digest was applied meanwhile (the unique digest decides the race). */
export async function insertChange(trx: Kysely<Database>, change: StoredChange): Promise<boolean> {
  const rows = await trx
    .insertInto('allowlist_changes')
    .values({
      id: change.id,
      digest: change.digest,
      op: change.payload.op,
      payload: canonicalize(change.payload),
      signature: change.signature,
      requester_key_id: change.payload.requesterKeyId,
      approvals: JSON.stringify(change.approvals),
      applied_at: change.appliedAt,
    })
    .onConflict((oc) => oc.column('digest').doNothing())
    .returning('id')
    .execute();
  return rows.length === 1;
}

export async function insertEntry(trx: Kysely<Database>, entry: AllowlistEntry): Promise<void> {
  await trx
    .insertInto('allowlist_entries')
    .values({
      id: entry.id,
      kind: entry.kind,
      sha256: entry.sha256,
      name: entry.name,
      owner: entry.owner,
      path_pattern: entry.pathPattern,
      signer: entry.signer,
      path: entry.path,
      size: entry.size,
      added_by: entry.addedBy,
      approved_by: JSON.stringify(entry.approvedBy),
      change_id: entry.changeId,
      created_at: entry.createdAt,
    })
    .execute();
}

export async function deleteEntry(trx: Kysely<Database>, id: string): Promise<boolean> {
  const rows = await trx.deleteFrom('allowlist_entries').where('id', '=', id).returning('id').execute();
  return rows.length === 1;
}
