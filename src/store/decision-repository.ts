import type { Kysely, Selectable } from 'kysely';
import type { DialectTraits } from './dialect-traits.js';
import {
  toBoolean,
  toEpochMs,
  toNumberRecord,
  toOneOf,
  toJsonObject,
  toStringArray,
} from './row-decoding.js';
import { BulwarkError } from '../core/errors.js';
import type { RowWriter } from './sqlite-row-writer.js';
import { guardStoreCall } from './store-errors.js';
import { groupCommit } from './group-commit.js';
import type {
  Database,
  Decision,
  DecisionDetails,
  DecisionListQuery,
  DecisionMode,
  DecisionRecord,
  DecisionRepository,
  DecisionsTable,
} from './types.js';

export const DEFAULT_DECISION_LIST_LIMIT = 50;
export const MAX_DECISION_LIST_LIMIT = 1000;
const MAX_DECISION_BATCH = 500;

const DECISIONS: readonly Decision[] = ['allow', 'flag', 'block'];
const MODES: readonly DecisionMode[] = ['enforce', 'shadow'];

function toRecord(row: Selectable<DecisionsTable>): DecisionRecord {
  return {
    id: row.id,
    createdAt: toEpochMs(row.created_at, 'decisions.created_at'),
    tenant: row.tenant,
    source: row.source,
    inputHash: row.input_hash,
    input: row.input,
    decision: toOneOf(row.decision, DECISIONS, 'decisions.decision'),
    flagged: toBoolean(row.flagged, 'decisions.flagged'),
    categories: toStringArray(row.categories, 'decisions.categories'),
    scores: toNumberRecord(row.scores, 'decisions.scores'),
    matchedRules: toStringArray(row.matched_rules, 'decisions.matched_rules'),
    modelVersion: row.model_version,
    policyVersion: row.policy_version,
    mode: toOneOf(row.mode, MODES, 'decisions.mode'),
    latencyMs: Number(row.latency_ms),
    ...(row.details === null || row.details === undefined ? {} : { details: toDetails(row.details) }),
  };
}

/** Details are written by this module only; still, a row of the wrong shape fails loudly. */
function toDetails(value: unknown): DecisionDetails {
  const parsed = toJsonObject(value, 'decisions.details');
  const { risk, exempted, exemptionId } = parsed;
  const riskOk = risk === undefined || (typeof risk === 'object' && risk !== null && !Array.isArray(risk));
  if (!riskOk || (exempted !== undefined && typeof exempted !== 'boolean') || (exemptionId !== undefined && typeof exemptionId !== 'string')) {
    throw new BulwarkError('INTERNAL', 'Stored value in column decisions.details has an unexpected shape.');
  }
  return parsed;
}

/**
 * PostgreSQL text cannot hold U+0000 and the input is attacker-controlled, so a NUL would turn a
 * decision into a failed write. Both dialects store U+FFFD instead; `inputHash` (computed by the caller
 * over the original) stays exact evidence.
 */
function toStorableInput(input: string | null): string | null {
  return input === null ? null : input.replaceAll('\u0000', '\uFFFD');
}

function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_DECISION_LIST_LIMIT;
  return Math.min(MAX_DECISION_LIST_LIMIT, Math.max(1, Math.floor(limit)));
}

async function listDecisions(db: Kysely<Database>, query: DecisionListQuery): Promise<DecisionRecord[]> {
  let q = db.selectFrom('decisions').selectAll();
  if (query.tenant !== undefined) q = q.where('tenant', '=', query.tenant);
  if (query.decision !== undefined) q = q.where('decision', '=', query.decision);
  if (query.before !== undefined) {
    const cursor = await db
      .selectFrom('decisions')
      .select(['created_at', 'id'])
      .where('id', '=', query.before)
      .executeTakeFirst();
    if (cursor === undefined) return [];
    // Keyset on (created_at, id): stable under concurrent inserts, unlike OFFSET.
    const at = toEpochMs(cursor.created_at, 'decisions.created_at');
    q = q.where((eb) =>
      eb.or([eb('created_at', '<', at), eb.and([eb('created_at', '=', at), eb('id', '<', cursor.id)])]),
    );
  }
  const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(clampLimit(query.limit)).execute();
  return rows.map(toRecord);
}

function toRow(r: DecisionRecord, traits: DialectTraits) {
  return {
    id: r.id,
    created_at: r.createdAt,
    tenant: r.tenant,
    source: r.source,
    input_hash: r.inputHash,
    input: toStorableInput(r.input),
    decision: r.decision,
    flagged: traits.encodeBoolean(r.flagged),
    categories: JSON.stringify(r.categories),
    scores: JSON.stringify(r.scores),
    matched_rules: JSON.stringify(r.matchedRules),
    model_version: r.modelVersion,
    policy_version: r.policyVersion,
    mode: r.mode,
    latency_ms: r.latencyMs,
    details: r.details === undefined ? null : JSON.stringify(r.details),
  };
}

/**
 * Group commit (group-commit.ts): every caller still waits until its own record is durable (a
 * decision that is not in the log did not happen), but under load a whole batch shares one fsync.
 * Records of one event-loop turn share the first batch; a bad record (a duplicate id) fails only its
 * own caller.
 */
function createBatchedInsert(
  db: Kysely<Database>,
  traits: DialectTraits,
  writer: RowWriter | undefined,
): { insert: (record: DecisionRecord) => Promise<void>; drained: () => Promise<void> } {
  const insertRows = (records: readonly DecisionRecord[]) =>
    guardStoreCall(async () => {
      const rows = records.map((r) => toRow(r, traits));
      if (writer) await writer.insert('decisions', rows);
      else await db.insertInto('decisions').values(rows).execute();
      return records.map(() => undefined);
    });
  // Bounded so one statement stays under SQLite's bound-parameter limit.
  const batches = groupCommit(insertRows, { maxGroup: MAX_DECISION_BATCH, waitForTurn: true });
  return { insert: batches.submit, drained: batches.drained };
}

/**
 * `writer`: where inserts go instead of `db` (SQLite files: a writer thread, see sqlite-row-writer.ts).
 * `drained` resolves once every record handed to `insert` so far has been written (or has failed):
 * the store awaits it on close, so a clean shutdown loses no decision still waiting for its batch.
 */
export function createDecisionRepository(db: Kysely<Database>, traits: DialectTraits, writer?: RowWriter): DecisionRepository & { drained(): Promise<void> } {
  const { insert, drained } = createBatchedInsert(db, traits, writer);
  return {
    insert,
    drained,

    list: (query = {}) => guardStoreCall(() => listDecisions(db, query)),

    get: (id) =>
      guardStoreCall(async () => {
        const row = await db.selectFrom('decisions').selectAll().where('id', '=', id).executeTakeFirst();
        return row === undefined ? null : toRecord(row);
      }),

    count: () =>
      guardStoreCall(async () => {
        const row = await db
          .selectFrom('decisions')
          .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
          .executeTakeFirstOrThrow();
        return Number(row.n);
      }),
  };
}
