import type { Kysely, Transaction } from 'kysely';
import { BulwarkError } from '../core/errors.js';
import type { Database } from '../store/index.js';
import type { SignedCheckpoint, StoredEntry } from './verify/index.js';
import { CompactRange } from './verify/index.js';

/** Rows of the audit tables, read defensively: the database is the thing this log guards against. */
export interface HeadState {
  readonly range: CompactRange;
  readonly checkpointSize: number | null;
  readonly checkpointTime: number | null;
  /** Base64 raw Ed25519 key pinned by the first checkpoint. */
  readonly publicKey: string | null;
}

type Db = Kysely<Database> | Transaction<Database>;

export function corrupt(what: string): BulwarkError {
  return new BulwarkError('AUDIT_CHAIN_BROKEN', `The audit log's ${what} is corrupt; run bulwark audit verify.`);
}

function toCount(value: number | string | bigint | null, what: string): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (value === null || !Number.isSafeInteger(n) || n < 0) throw corrupt(what);
  return n;
}

function toNullableCount(value: number | string | null, what: string): number | null {
  return value === null ? null : toCount(value, what);
}

function parseRange(json: string, size: number): CompactRange {
  let hashes: unknown;
  try {
    hashes = JSON.parse(json);
  } catch {
    throw corrupt('head');
  }
  if (!Array.isArray(hashes) || !hashes.every((h) => typeof h === 'string' && /^[0-9a-f]{64}$/.test(h))) throw corrupt('head');
  const range = CompactRange.restore(size, (hashes as string[]).map((h) => Buffer.from(h, 'hex')));
  if (range === null) throw corrupt('head');
  return range;
}

/**
 * Reads the head row while taking its row lock. A self-assignment UPDATE locks the row on PostgreSQL
 * exactly as SELECT … FOR UPDATE would (a second replica waits here until our commit, then sees the
 * new head), and it is valid SQLite, where BEGIN IMMEDIATE already holds the write lock. One
 * statement for both dialects, so shared code never branches on the dialect's name.
 */
export async function lockHead(trx: Transaction<Database>): Promise<HeadState> {
  const row = await trx
    .updateTable('audit_head')
    .set((eb) => ({ compact_range: eb.ref('compact_range') }))
    .where('id', '=', 1)
    .returningAll()
    .executeTakeFirst();
  if (row === undefined) throw corrupt('head');
  return decodeHead(row);
}

export async function readHead(db: Db): Promise<HeadState> {
  const row = await db.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirst();
  if (row === undefined) throw corrupt('head');
  return decodeHead(row);
}

function decodeHead(row: {
  size: number | string;
  compact_range: string;
  checkpoint_size: number | string | null;
  checkpoint_time: number | string | null;
  public_key: string | null;
}): HeadState {
  return {
    range: parseRange(row.compact_range, toCount(row.size, 'head')),
    checkpointSize: toNullableCount(row.checkpoint_size, 'head'),
    checkpointTime: toNullableCount(row.checkpoint_time, 'head'),
    publicKey: row.public_key,
  };
}

export async function saveHead(trx: Transaction<Database>, head: HeadState): Promise<void> {
  await trx
    .updateTable('audit_head')
    .set({
      size: head.range.size,
      compact_range: JSON.stringify(head.range.subtrees().map((h) => h.toString('hex'))),
      checkpoint_size: head.checkpointSize,
      checkpoint_time: head.checkpointTime,
      public_key: head.publicKey,
    })
    .where('id', '=', 1)
    .execute();
}

/** Rows per INSERT: 3 parameters each, far below SQLite's and PostgreSQL's bind limits. */
const INSERT_CHUNK = 500;

export async function insertEntries(trx: Transaction<Database>, entries: readonly StoredEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += INSERT_CHUNK) {
    const rows = entries.slice(i, i + INSERT_CHUNK).map((e) => ({ idx: e.index, leaf_hash: e.leafHash, data: e.data }));
    await trx.insertInto('audit_entries').values(rows).execute();
  }
}

export async function insertCheckpoint(trx: Transaction<Database>, c: SignedCheckpoint): Promise<void> {
  await trx
    .insertInto('audit_checkpoints')
    .values({ size: c.size, origin: c.origin, root: c.root, time: c.time, key_id: c.keyId, signature: c.signature })
    .execute();
}

type CheckpointRow = { size: number | string; origin: string; root: string; time: number | string; key_id: string; signature: string };

function decodeCheckpoint(row: CheckpointRow): SignedCheckpoint {
  return {
    origin: row.origin,
    size: toCount(row.size, 'checkpoint table'),
    root: row.root,
    time: toCount(row.time, 'checkpoint table'),
    keyId: row.key_id,
    signature: row.signature,
  };
}

export async function readCheckpoints(db: Db): Promise<SignedCheckpoint[]> {
  const rows = await db.selectFrom('audit_checkpoints').selectAll().orderBy('size').execute();
  return rows.map(decodeCheckpoint);
}

export async function readLatestCheckpoint(db: Db): Promise<SignedCheckpoint | null> {
  const row = await db.selectFrom('audit_checkpoints').selectAll().orderBy('size', 'desc').limit(1).executeTakeFirst();
  return row === undefined ? null : decodeCheckpoint(row);
}

/** Entries with from ≤ index < to, in index order, at most `limit`. Gaps stay gaps for the verifier to name. */
export async function readEntries(db: Db, from: number, to: number, limit: number): Promise<StoredEntry[]> {
  const rows = await db
    .selectFrom('audit_entries')
    .select(['idx', 'leaf_hash', 'data'])
    .where('idx', '>=', from)
    .where('idx', '<', to)
    .orderBy('idx')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ index: toCount(r.idx, 'entry table'), leafHash: r.leaf_hash, data: r.data }));
}

/**
 * The newest entry whose leaf data ends with `suffix` (`leafSuffix` in events.ts). LIKE without an
 * escape (SQLite has no default one): `_` matches any character, so callers parse what they get. A
 * scan, not an index: for rare lookups such as the server's start-up policy check.
 */
export async function readLatestEndingWith(db: Db, suffix: string): Promise<StoredEntry | null> {
  const row = await db
    .selectFrom('audit_entries')
    .select(['idx', 'leaf_hash', 'data'])
    .where('data', 'like', `%${suffix}`)
    .orderBy('idx', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row === undefined ? null : { index: toCount(row.idx, 'entry table'), leafHash: row.leaf_hash, data: row.data };
}

export async function readEntry(db: Db, index: number): Promise<StoredEntry | null> {
  const [entry] = await readEntries(db, index, index + 1, 1);
  return entry ?? null;
}
