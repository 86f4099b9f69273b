import type { KeyObject } from 'node:crypto';
import { checkpointSignatureValid, copyCheckpoint, type SignedCheckpoint } from './checkpoint.js';
import { CompactRange, leafHashHex } from './tree-hash.js';

/** One row of the log as stored: its position, the leaf hash recorded with it, and the leaf data. */
export interface StoredEntry {
  readonly index: number;
  /** Lowercase hex SHA-256(0x00 ‖ data). */
  readonly leafHash: string;
  /** The canonical JSON leaf data; it carries its own index (see docs/audit.md). */
  readonly data: string;
}

export type LogProblemReason =
  /** The data no longer hashes to the leaf hash stored with it. */
  | 'edited'
  /** An index is absent: a row was deleted. */
  | 'missing'
  /** A row holds the entry recorded for another index: rows were moved or renumbered. */
  | 'reordered'
  /** The leaf data is not an audit record this verifier understands. */
  | 'malformed'
  /** A checkpoint is not signed by the log key (or names another log). */
  | 'bad-signature'
  /** The entries do not produce the root that a validly signed checkpoint commits to. */
  | 'root-mismatch'
  /** The entries disagree with the trusted checkpoint saved earlier: history was rewritten. */
  | 'inconsistent'
  /** A signed checkpoint covers more entries than exist: the tail was deleted. */
  | 'truncated';

export interface LogProblem {
  /**
   * The first entry that is not proven good. For 'root-mismatch', 'inconsistent' and 'bad-signature'
   * the change lies somewhere from here up to `checkpointSize`; signatures cannot say where exactly.
   */
  readonly index: number;
  readonly reason: LogProblemReason;
  readonly message: string;
  readonly checkpointSize?: number;
}

export type LogVerification =
  | {
      readonly ok: true;
      readonly size: number;
      /** Hex root of all `size` entries. */
      readonly root: string;
      /** Entries covered by a verified checkpoint; the rest are intact but not yet signed. */
      readonly signedSize: number;
      readonly checkpointsVerified: number;
    }
  | { readonly ok: false; readonly problem: LogProblem };

const LEAF_FORMAT_VERSION = 1;

/**
 * Verifies a log streamed in index order with constant memory: every leaf hash recomputed from its
 * data, each entry's own recorded index checked against its position, the tree root compared at
 * every checkpoint size, every checkpoint signature checked, and the tree at the trusted
 * checkpoint's size compared with it. The first problem wins; later input is ignored.
 */
export class LogVerifier {
  readonly #publicKey: KeyObject;
  readonly #pending: { checkpoint: SignedCheckpoint; trusted: boolean }[];
  readonly #origin: string | undefined;
  readonly #range = CompactRange.empty();
  #signedSize = 0;
  #verified = 0;
  #problem: LogProblem | null = null;

  constructor(checkpoints: readonly SignedCheckpoint[], publicKey: KeyObject, trusted?: SignedCheckpoint) {
    this.#publicKey = publicKey;
    const stored = checkpoints.map((c) => ({ checkpoint: copyCheckpoint(c), trusted: false }));
    const saved = trusted === undefined ? [] : [{ checkpoint: copyCheckpoint(trusted), trusted: true }];
    // At equal sizes the stored checkpoint goes first, so a rewritten log is named 'root-mismatch'
    // against its own signatures before 'inconsistent' against the saved one.
    this.#pending = [...stored, ...saved].sort((a, b) => a.checkpoint.size - b.checkpoint.size);
    this.#origin = trusted?.origin ?? checkpoints[0]?.origin;
    this.#settle();
  }

  get problem(): LogProblem | null {
    return this.#problem;
  }

  /** Feeds the next entry; returns the first problem found so far. */
  add(entry: StoredEntry): LogProblem | null {
    if (this.#problem !== null) return this.#problem;
    const expected = this.#range.size;
    const leafHash = leafHashHex(entry.data);
    const problem = checkEntry(entry, expected, leafHash);
    if (problem !== null) return (this.#problem = problem);
    this.#range.append(Buffer.from(leafHash, 'hex'));
    this.#settle();
    return this.#problem;
  }

  finish(): LogVerification {
    const size = this.#range.size;
    const beyond = this.#pending[0];
    if (this.#problem === null && beyond !== undefined) this.#problem = this.#checkBeyondEnd(beyond, size);
    if (this.#problem !== null) return { ok: false, problem: this.#problem };
    return {
      ok: true,
      size,
      root: this.#range.root().toString('hex'),
      signedSize: this.#signedSize,
      checkpointsVerified: this.#verified,
    };
  }

  /** Checks every checkpoint whose size the stream has now reached. */
  #settle(): void {
    const size = this.#range.size;
    while (this.#problem === null && this.#pending[0] !== undefined && this.#pending[0].checkpoint.size === size) {
      const { checkpoint, trusted } = this.#pending.shift()!;
      this.#problem = this.#checkCheckpoint(checkpoint, trusted);
      if (this.#problem === null && !trusted) {
        this.#signedSize = size;
        this.#verified += 1;
      }
    }
  }

  #checkCheckpoint(checkpoint: SignedCheckpoint, trusted: boolean): LogProblem | null {
    const which = trusted ? 'the saved checkpoint' : `the checkpoint at size ${checkpoint.size}`;
    const at = { index: this.#signedSize, checkpointSize: checkpoint.size };
    if (!this.#signedByLogKey(checkpoint)) {
      return { ...at, reason: 'bad-signature', message: `${which} is not signed by the log key for this log` };
    }
    if (this.#range.root().toString('hex') === checkpoint.root) return null;
    return trusted
      ? { ...at, reason: 'inconsistent', message: `entries ${rangeText(at.index, checkpoint.size)} differ from ${which}: history was rewritten` }
      : { ...at, reason: 'root-mismatch', message: `entries ${rangeText(at.index, checkpoint.size)} do not match ${which}` };
  }

  #checkBeyondEnd(next: { checkpoint: SignedCheckpoint; trusted: boolean }, size: number): LogProblem {
    const { checkpoint, trusted } = next;
    const which = trusted ? 'the saved checkpoint' : `a checkpoint`;
    if (!this.#signedByLogKey(checkpoint)) {
      return { index: this.#signedSize, checkpointSize: checkpoint.size, reason: 'bad-signature', message: `${which} at size ${checkpoint.size} is not signed by the log key for this log` };
    }
    return {
      index: size,
      checkpointSize: checkpoint.size,
      reason: 'truncated',
      message: `${which} signs ${checkpoint.size} entries but only ${size} exist: entries ${rangeText(size, checkpoint.size)} were deleted`,
    };
  }

  #signedByLogKey(checkpoint: SignedCheckpoint): boolean {
    return checkpoint.origin === this.#origin && checkpointSignatureValid(checkpoint, this.#publicKey);
  }
}

/** The per-entry checks: position, data against hash, recorded index against position. */
function checkEntry(entry: StoredEntry, expected: number, leafHash: string): LogProblem | null {
  if (entry.index > expected) {
    return { index: expected, reason: 'missing', message: `entry ${expected} is missing (the next stored entry is ${entry.index})` };
  }
  if (entry.index < expected) {
    return { index: expected, reason: 'reordered', message: `entry ${entry.index} appears again after entry ${expected - 1}` };
  }
  if (leafHash !== entry.leafHash) {
    return { index: expected, reason: 'edited', message: `entry ${expected} was edited: its data does not match its leaf hash` };
  }
  const recorded = recordsIndex(entry.data, expected) ? expected : recordedIndex(entry.data);
  if (recorded === null) {
    return { index: expected, reason: 'malformed', message: `entry ${expected} is not a version ${LEAF_FORMAT_VERSION} audit record` };
  }
  if (recorded !== expected) {
    return { index: expected, reason: 'reordered', message: `entry ${expected} holds the record written as entry ${recorded} (rows moved or renumbered)` };
  }
  return null;
}

/**
 * Fast path for the common case, without parsing: canonical leaf data has sorted keys, so the
 * top-level "index" is the last `,"index":` in the text (only strings and numbers follow it, and a
 * quote inside a JSON string is always escaped) and the text ends with the version. A miss falls
 * back to a full parse. Only the reason named depends on this; detection rests on the hashes.
 */
function recordsIndex(data: string, expected: number): boolean {
  const at = data.lastIndexOf(INDEX_KEY);
  return at > 0 && data.endsWith(VERSION_TAIL) && data.startsWith(`${expected},`, at + INDEX_KEY.length);
}

const INDEX_KEY = ',"index":';
const VERSION_TAIL = `,"v":${LEAF_FORMAT_VERSION}}`;

/** The index a leaf records about itself; the data is attacker-controlled, so any surprise is null. */
function recordedIndex(data: string): number | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { v, index } = parsed as { v?: unknown; index?: unknown };
  if (v !== LEAF_FORMAT_VERSION || typeof index !== 'number' || !Number.isSafeInteger(index)) return null;
  return index;
}

function rangeText(from: number, to: number): string {
  return to - from <= 1 ? `${from}` : `${from}..${to - 1}`;
}

/** Verifies a whole log held in memory; see LogVerifier. */
export function verifyLog(
  entries: Iterable<StoredEntry>,
  checkpoints: readonly SignedCheckpoint[],
  publicKey: KeyObject,
  trusted?: SignedCheckpoint,
): LogVerification {
  const verifier = new LogVerifier(checkpoints, publicKey, trusted);
  for (const entry of entries) if (verifier.add(entry) !== null) break;
  return verifier.finish();
}
