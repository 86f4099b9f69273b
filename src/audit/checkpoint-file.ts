import type { KeyObject } from 'node:crypto';
import { BulwarkError } from '../core/errors.js';
import {
  copyCheckpoint,
  describeCheckpointProblem,
  formatSignedNote,
  publicKeyFromRaw,
  rawPublicKey,
  type SignedCheckpoint,
} from './verify/index.js';

export const CHECKPOINT_FILE_FORMAT = 'bulwark-audit-checkpoint/v1';

/** What `bulwark audit checkpoint --out` writes: the checkpoint, the key that signed it, and the same as a signed note. */
export interface CheckpointFile {
  readonly format: typeof CHECKPOINT_FILE_FORMAT;
  readonly checkpoint: SignedCheckpoint;
  /** Base64 of the raw 32-byte Ed25519 public key. */
  readonly publicKey: string;
  /** C2SP signed-note text, for generic transparency-log tooling. */
  readonly note: string;
}

export function toCheckpointFile(checkpoint: SignedCheckpoint, publicKey: KeyObject): CheckpointFile {
  return {
    format: CHECKPOINT_FILE_FORMAT,
    checkpoint: copyCheckpoint(checkpoint),
    publicKey: rawPublicKey(publicKey).toString('base64'),
    note: formatSignedNote(checkpoint),
  };
}

function unusable(why: string): BulwarkError {
  return new BulwarkError('CLI_USAGE', `The checkpoint file is not usable: ${why}.`);
}

/**
 * Reads a saved checkpoint file. Its signature is not checked here: the verifier checks it against
 * the key the caller trusts, which is only the file's own key when nothing better is known.
 */
export function parseCheckpointFile(text: string): { checkpoint: SignedCheckpoint; publicKey: KeyObject } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw unusable('not JSON');
  }
  if (typeof value !== 'object' || value === null) throw unusable('not a JSON object');
  const file = value as Record<string, unknown>;
  if (file.format !== CHECKPOINT_FILE_FORMAT) throw unusable(`format must be "${CHECKPOINT_FILE_FORMAT}"`);
  const problem = describeCheckpointProblem(file.checkpoint);
  if (problem !== null) throw unusable(`checkpoint ${problem}`);
  const raw = typeof file.publicKey === 'string' ? Buffer.from(file.publicKey, 'base64') : Buffer.alloc(0);
  if (raw.length !== 32) throw unusable('publicKey must be a base64 32-byte Ed25519 key');
  return { checkpoint: copyCheckpoint(file.checkpoint as SignedCheckpoint), publicKey: publicKeyFromRaw(raw) };
}
