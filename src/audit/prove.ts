import type { Kysely } from 'kysely';
import { BulwarkError } from '../core/errors.js';
import type { Database } from '../store/index.js';
import { corrupt, readEntries, readEntry, readLatestCheckpoint } from './log-store.js';
import {
  generateConsistencyProof,
  generateInclusionProof,
  hashLeaf,
  rootFromLeafHashes,
  verifyConsistency,
  verifyInclusion,
  type Hash,
  type SignedCheckpoint,
} from './verify/index.js';

/** Everything a client needs to check, offline, that an entry is in the signed log. */
export interface InclusionProof {
  readonly index: number;
  /** The entry's canonical JSON leaf data. */
  readonly data: string;
  readonly leafHash: string;
  /** Hex sibling hashes from the leaf up, RFC 6962 §2.1.1. */
  readonly proof: string[];
  /** The checkpoint the proof leads to (tree size = checkpoint.size). */
  readonly checkpoint: SignedCheckpoint;
}

export interface ConsistencyProof {
  readonly fromSize: number;
  readonly fromRoot: string;
  /** Hex hashes, RFC 6962 §2.1.2. */
  readonly proof: string[];
  readonly checkpoint: SignedCheckpoint;
}

const PAGE = 10_000;

function unavailable(why: string): BulwarkError {
  return new BulwarkError('AUDIT_PROOF_UNAVAILABLE', `No proof can be given: ${why}.`);
}

async function latestOrThrow(db: Kysely<Database>): Promise<SignedCheckpoint> {
  const latest = await readLatestCheckpoint(db);
  if (latest === null) throw unavailable('the log has no signed checkpoint yet');
  return latest;
}

/** The stored leaf hashes of the first `size` entries; a gap means rows were deleted. */
async function leafHashesOf(db: Kysely<Database>, size: number): Promise<Hash[]> {
  const hashes: Hash[] = [];
  while (hashes.length < size) {
    const page = await readEntries(db, hashes.length, size, PAGE);
    if (page.length === 0) throw corrupt(`entry ${hashes.length}`);
    for (const entry of page) {
      if (entry.index !== hashes.length || !/^[0-9a-f]{64}$/.test(entry.leafHash)) throw corrupt(`entry ${hashes.length}`);
      hashes.push(Buffer.from(entry.leafHash, 'hex'));
    }
  }
  return hashes;
}

/**
 * Proofs are built from the stored leaf hashes and then checked against the signed root before they
 * are handed out: a proof over tampered rows fails here, as AUDIT_CHAIN_BROKEN, not at the client.
 */
export async function proveInclusion(db: Kysely<Database>, index: number): Promise<InclusionProof> {
  const checkpoint = await latestOrThrow(db);
  if (!Number.isSafeInteger(index) || index < 0) throw unavailable('the entry index must be a non-negative integer');
  const entry = await readEntry(db, index);
  if (index >= checkpoint.size) {
    // Appended but not yet checkpointed is worth a retry; an index past the end of the log is not.
    if (entry === null) throw new BulwarkError('AUDIT_ENTRY_NOT_FOUND', `The audit log has no entry ${index}.`);
    throw unavailable(`entry ${index} is not covered by the latest checkpoint (size ${checkpoint.size})`);
  }
  if (entry === null || hashLeaf(entry.data).toString('hex') !== entry.leafHash) throw corrupt(`entry ${index}`);
  const leaves = await leafHashesOf(db, checkpoint.size);
  const proof = generateInclusionProof(leaves, index, checkpoint.size);
  try {
    verifyInclusion(index, checkpoint.size, Buffer.from(entry.leafHash, 'hex'), proof, Buffer.from(checkpoint.root, 'hex'));
  } catch {
    throw corrupt(`tree up to entry ${checkpoint.size - 1}`);
  }
  return { index, data: entry.data, leafHash: entry.leafHash, proof: proof.map((h) => h.toString('hex')), checkpoint };
}

export async function proveConsistency(db: Kysely<Database>, fromSize: number): Promise<ConsistencyProof> {
  const checkpoint = await latestOrThrow(db);
  if (!Number.isSafeInteger(fromSize) || fromSize < 0 || fromSize > checkpoint.size) {
    throw unavailable(`size ${fromSize} is not between 0 and the latest checkpoint's size ${checkpoint.size}`);
  }
  const leaves = await leafHashesOf(db, checkpoint.size);
  const fromRoot = rootFromLeafHashes(leaves.slice(0, fromSize));
  const proof = generateConsistencyProof(leaves, fromSize, checkpoint.size);
  try {
    verifyConsistency(fromSize, checkpoint.size, proof, fromRoot, Buffer.from(checkpoint.root, 'hex'));
  } catch {
    throw corrupt(`tree up to entry ${checkpoint.size - 1}`);
  }
  return { fromSize, fromRoot: fromRoot.toString('hex'), proof: proof.map((h) => h.toString('hex')), checkpoint };
}
