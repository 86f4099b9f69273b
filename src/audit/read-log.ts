import type { KeyObject } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../store/index.js';
import { guardStoreCall } from '../store/store-errors.js';
import { readCheckpoints, readEntries, readHead } from './log-store.js';
import { LogVerifier, type LogVerification, type SignedCheckpoint, type StoredEntry } from './verify/index.js';

/** Rows per query when streaming the log: bounded memory for logs of any length. */
export const AUDIT_READ_PAGE_ENTRIES = 10_000;

/** Every stored entry in index order, as stored (gaps included). */
export async function* exportEntries(db: Kysely<Database>, pageSize = AUDIT_READ_PAGE_ENTRIES): AsyncGenerator<StoredEntry> {
  let from = 0;
  for (;;) {
    const page = await guardStoreCall(() => readEntries(db, from, Number.MAX_SAFE_INTEGER, pageSize));
    yield* page;
    if (page.length < pageSize) return;
    from = page[page.length - 1]!.index + 1;
  }
}

/**
 * Streams the stored log through the pure verifier, then holds it against the head row. Read order
 * matters while appends continue: checkpoints first, then the head, then entries below the head's
 * size, so every checkpoint read is covered by the entries read.
 */
export async function verifyStoredLog(db: Kysely<Database>, publicKey: KeyObject, trusted?: SignedCheckpoint): Promise<LogVerification> {
  const checkpoints = await readCheckpoints(db);
  const head = await readHead(db);
  const verifier = new LogVerifier(checkpoints, publicKey, trusted);
  let from = 0;
  while (verifier.problem === null && from < head.range.size) {
    const page = await readEntries(db, from, head.range.size, AUDIT_READ_PAGE_ENTRIES);
    for (const entry of page) if (verifier.add(entry) !== null) break;
    if (page.length < AUDIT_READ_PAGE_ENTRIES) break;
    from = page[page.length - 1]!.index + 1;
  }
  return checkAgainstHead(verifier.finish(), head.range.size, head.range.root().toString('hex'));
}

/** The head row is not signed, but it disagreeing with the entries still shows tampering past the last checkpoint. */
function checkAgainstHead(result: LogVerification, headSize: number, headRoot: string): LogVerification {
  if (!result.ok) return result;
  if (result.size < headSize) {
    const message = `the log head records ${headSize} entries but only ${result.size} exist: entries ${result.size}..${headSize - 1} were deleted`;
    return { ok: false, problem: { index: result.size, reason: 'truncated', message } };
  }
  if (result.root !== headRoot) {
    const message = `entries ${result.signedSize}..${result.size - 1} (not yet signed) do not match the log head`;
    return { ok: false, problem: { index: result.signedSize, reason: 'root-mismatch', message } };
  }
  return result;
}
