import type { KeyObject } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { systemClock, type Clock } from '../core/clock.js';
import { BulwarkError, isBulwarkError } from '../core/errors.js';
import type { Database, Store } from '../store/index.js';
import { groupCommit } from '../store/group-commit.js';
import { guardStoreCall } from '../store/store-errors.js';
import { leafSuffix, parseLeaf, serializeLeaf, type AuditEvent, type AuditEventType } from './events.js';
import { loadOrCreateLogKey, type LogKey } from './log-key.js';
import {
  insertCheckpoint,
  insertEntries,
  lockHead,
  readCheckpoints,
  readLatestCheckpoint,
  readLatestEndingWith,
  saveHead,
  type HeadState,
} from './log-store.js';
import { hashLeaf, isValidOrigin, rawPublicKey, signCheckpoint, type SignedCheckpoint, type StoredEntry } from './verify/index.js';
import { proveConsistency, proveInclusion, type ConsistencyProof, type InclusionProof } from './prove.js';
import { exportEntries, verifyStoredLog } from './read-log.js';
import type { LogVerification } from './verify/index.js';

/** Sign a checkpoint at least every this many entries… */
export const DEFAULT_AUDIT_CHECKPOINT_EVERY_ENTRIES = 1_000;
/** …or when an append comes this long after the last one (and on the server's timer, see checkpoint()). */
export const DEFAULT_AUDIT_CHECKPOINT_INTERVAL_MS = 60_000;
export const DEFAULT_AUDIT_ORIGIN = 'bulwark/audit';

export interface AuditLogOptions {
  /** Path of the 0600 PEM log key; created on first use. */
  readonly keyFile: string;
  /** Names this log inside every checkpoint. */
  readonly origin?: string;
  readonly checkpointEveryEntries?: number;
  readonly checkpointIntervalMs?: number;
  /** Checkpoint times only; each event carries its own time. */
  readonly clock?: Clock;
}

export interface AppendedEntry {
  readonly index: number;
  /** Hex SHA-256(0x00 ‖ leaf data). */
  readonly leafHash: string;
}

export interface AuditLog {
  /**
   * Records one event; resolves once it committed (concurrent calls share one transaction, in arrival
   * order). Throws AUDIT_APPEND_FAILED on any failure; callers deny the action (fail closed).
   */
  append(event: AuditEvent): Promise<AppendedEntry>;
  /** Records several events atomically with consecutive indexes: all or none. */
  appendMany(events: readonly AuditEvent[]): Promise<AppendedEntry[]>;
  /** Signs the current tree unless the latest checkpoint already covers it; returns the latest checkpoint. */
  checkpoint(): Promise<SignedCheckpoint>;
  latestCheckpoint(): Promise<SignedCheckpoint | null>;
  /** Every stored checkpoint, smallest size first. */
  checkpoints(): Promise<SignedCheckpoint[]>;
  /** Inclusion proof of entry `index` against the latest checkpoint. */
  proveInclusion(index: number): Promise<InclusionProof>;
  /** Consistency proof from an earlier checkpoint size to the latest checkpoint. */
  proveConsistency(fromSize: number): Promise<ConsistencyProof>;
  /** Every stored entry in index order, paged from the database. */
  entries(): AsyncIterable<StoredEntry>;
  /** The newest entry of one type, read without verifying the log (for decisions such as "record this change?"). */
  latest(type: AuditEventType): Promise<(AuditEvent & { index: number }) | null>;
  /** Recomputes the whole log against its checkpoints, `publicKey` and an optional saved checkpoint. */
  verify(publicKey: KeyObject, trusted?: SignedCheckpoint): Promise<LogVerification>;
  /** The log key's public half (base64 of the raw 32 bytes); creates the key if needed. */
  publicKey(): string;
}

interface Settings {
  readonly origin: string;
  readonly every: number;
  readonly intervalMs: number;
  readonly clock: Clock;
}

function settingsFrom(options: AuditLogOptions): Settings {
  const origin = options.origin ?? DEFAULT_AUDIT_ORIGIN;
  const every = options.checkpointEveryEntries ?? DEFAULT_AUDIT_CHECKPOINT_EVERY_ENTRIES;
  const intervalMs = options.checkpointIntervalMs ?? DEFAULT_AUDIT_CHECKPOINT_INTERVAL_MS;
  const problems = [
    ...(isValidOrigin(origin) ? [] : [{ path: 'audit.origin', message: '1-255 printable ASCII characters without spaces' }]),
    ...(Number.isSafeInteger(every) && every >= 1 ? [] : [{ path: 'audit.checkpointEveryEntries', message: 'a positive integer' }]),
    ...(Number.isSafeInteger(intervalMs) && intervalMs >= 1 ? [] : [{ path: 'audit.checkpointIntervalMs', message: 'a positive integer' }]),
  ];
  if (problems.length > 0) throw new BulwarkError('CONFIG_INVALID', 'The audit log options are invalid.', { problems });
  return Object.freeze({ origin, every, intervalMs, clock: options.clock ?? systemClock });
}

function appendFailed(cause: unknown): BulwarkError {
  if (isBulwarkError(cause) && cause.code === 'AUDIT_APPEND_FAILED') return cause;
  const why = isBulwarkError(cause) ? ` (${cause.code}: ${cause.message})` : '';
  return new BulwarkError('AUDIT_APPEND_FAILED', `The audit log could not record the event${why}.`, { cause });
}

/** The leaves for `events` placed after the head, and the head's range advanced past them. */
function placeEvents(head: HeadState, events: readonly AuditEvent[]): StoredEntry[] {
  return events.map((event) => {
    const index = head.range.size;
    const data = serializeLeaf(event, index);
    const leaf = hashLeaf(data);
    head.range.append(leaf);
    return { index, leafHash: leaf.toString('hex'), data };
  });
}

/** At most this many waiting appends share one transaction (bounds its size and the time it holds the head lock). */
const MAX_GROUP_COMMIT = 1_000;

export function createAuditLog(store: Store, options: AuditLogOptions): AuditLog {
  return new StoreAuditLog(store.db, settingsFrom(options), options.keyFile);
}

class StoreAuditLog implements AuditLog {
  readonly #db: Kysely<Database>;
  readonly #settings: Settings;
  readonly #keyFile: string;
  #key: LogKey | undefined;
  /**
   * Group commit (store/group-commit.ts): appends that arrive while a commit runs go together in the
   * next transaction, so N concurrent events cost one fsync instead of N (one per event capped the
   * server at ~4,000 appends/s on this machine's disk). A lone append still commits at once.
   */
  readonly #appends = groupCommit((events: readonly AuditEvent[]) => this.appendMany(events), { maxGroup: MAX_GROUP_COMMIT, waitForTurn: false });

  constructor(db: Kysely<Database>, settings: Settings, keyFile: string) {
    this.#db = db;
    this.#settings = settings;
    this.#keyFile = keyFile;
  }

  append(event: AuditEvent): Promise<AppendedEntry> {
    return this.#appends.submit(event);
  }

  async appendMany(events: readonly AuditEvent[]): Promise<AppendedEntry[]> {
    if (events.length === 0) return [];
    try {
      return await this.#db.transaction().execute(async (trx) => {
        const head = await lockHead(trx);
        const entries = placeEvents(head, events);
        await insertEntries(trx, entries);
        const signed = this.#isCheckpointDue(head) ? await this.#signAndStore(trx, head) : head;
        await saveHead(trx, signed);
        return entries.map((e) => ({ index: e.index, leafHash: e.leafHash }));
      });
    } catch (error) {
      throw appendFailed(error);
    }
  }

  async checkpoint(): Promise<SignedCheckpoint> {
    return guardStoreCall(() => this.#db.transaction().execute((trx) => this.#checkpointIn(trx)));
  }

  async #checkpointIn(trx: Transaction<Database>): Promise<SignedCheckpoint> {
    const head = await lockHead(trx);
    const latest = head.checkpointSize === head.range.size ? await readLatestCheckpoint(trx) : null;
    if (latest !== null && latest.size === head.range.size) return latest;
    await saveHead(trx, await this.#signAndStore(trx, head));
    return (await readLatestCheckpoint(trx))!;
  }

  latestCheckpoint(): Promise<SignedCheckpoint | null> {
    return guardStoreCall(() => readLatestCheckpoint(this.#db));
  }

  checkpoints(): Promise<SignedCheckpoint[]> {
    return guardStoreCall(() => readCheckpoints(this.#db));
  }

  proveInclusion(index: number): Promise<InclusionProof> {
    return guardStoreCall(() => proveInclusion(this.#db, index));
  }

  proveConsistency(fromSize: number): Promise<ConsistencyProof> {
    return guardStoreCall(() => proveConsistency(this.#db, fromSize));
  }

  entries(): AsyncIterable<StoredEntry> {
    return exportEntries(this.#db);
  }

  async latest(type: AuditEventType): Promise<(AuditEvent & { index: number }) | null> {
    const entry = await guardStoreCall(() => readLatestEndingWith(this.#db, leafSuffix(type)));
    const event = entry === null ? null : parseLeaf(entry.data);
    return event?.type === type ? event : null;
  }

  verify(publicKey: KeyObject, trusted?: SignedCheckpoint): Promise<LogVerification> {
    return guardStoreCall(() => verifyStoredLog(this.#db, publicKey, trusted));
  }

  publicKey(): string {
    return rawPublicKey(this.#logKey().publicKey).toString('base64');
  }

  /** Every N entries or T ms (RFC 6962 §3.5's STH, on our cadence); the very first append signs too. */
  #isCheckpointDue(head: HeadState): boolean {
    if (head.checkpointSize === null || head.checkpointTime === null) return true;
    if (head.range.size - head.checkpointSize >= this.#settings.every) return true;
    return this.#settings.clock.now() - head.checkpointTime >= this.#settings.intervalMs;
  }

  /** Signs the head's tree inside the append's transaction, so an entry and its checkpoint commit together. */
  async #signAndStore(trx: Transaction<Database>, head: HeadState): Promise<HeadState> {
    const key = this.#logKey();
    const publicKey = rawPublicKey(key.publicKey).toString('base64');
    // Threat: a replica (or a replaced key file) signing with another key would leave checkpoints
    // that no verifier accepts; refuse before writing one.
    if (head.publicKey !== null && head.publicKey !== publicKey) {
      throw new BulwarkError('AUDIT_KEY_MISMATCH', `The audit log key at ${this.#keyFile} is not the key that signed this log's checkpoints.`);
    }
    const time = this.#settings.clock.now();
    const body = { origin: this.#settings.origin, size: head.range.size, root: head.range.root().toString('hex'), time };
    await insertCheckpoint(trx, signCheckpoint(body, key.privateKey, key.publicKey));
    return { ...head, checkpointSize: body.size, checkpointTime: time, publicKey };
  }

  #logKey(): LogKey {
    return (this.#key ??= loadOrCreateLogKey(this.#keyFile));
  }
}
