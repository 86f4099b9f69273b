import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { HASH_BYTES } from './tree-hash.js';

/**
 * What a checkpoint commits to. The signed bytes follow the C2SP tlog-checkpoint layout (origin,
 * decimal size, base64 root, one line each) with the time as an extension line, so generic
 * signed-note tooling can read it; see docs/audit.md.
 */
export interface CheckpointBody {
  /** Names the log; a checkpoint from another log cannot be replayed as ours. */
  readonly origin: string;
  readonly size: number;
  /** Hex SHA-256 Merkle Tree Hash of the first `size` entries. */
  readonly root: string;
  /** Epoch milliseconds when it was signed. */
  readonly time: number;
}

export interface SignedCheckpoint extends CheckpointBody {
  /** Signed-note key hash: hex of the first 4 bytes of SHA-256(origin ‖ "\n" ‖ 0x01 ‖ public key). */
  readonly keyId: string;
  /** Base64 Ed25519 signature over `checkpointBody(...)`. */
  readonly signature: string;
}

const ED25519_ALGORITHM_BYTE = 0x01;
const ED25519_SIGNATURE_BYTES = 64;
const ORIGIN = /^[\x21-\x7e]{1,255}$/;
const HEX_HASH = /^[0-9a-f]{64}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export function isValidOrigin(origin: string): boolean {
  return ORIGIN.test(origin);
}

/** The exact bytes the log key signs. */
export function checkpointBody(body: CheckpointBody): string {
  const root = Buffer.from(body.root, 'hex').toString('base64');
  return `${body.origin}\n${body.size}\n${root}\ntime ${body.time}\n`;
}

/** The raw 32-byte Ed25519 public key (what signed notes and checkpoint files carry). */
export function rawPublicKey(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') throw new TypeError('not an Ed25519 key');
  return Buffer.from(jwk.x, 'base64url');
}

export function publicKeyFromRaw(raw: Uint8Array): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') }, format: 'jwk' });
}

export function logKeyId(origin: string, publicKey: KeyObject): string {
  const hash = createHash('sha256')
    .update(`${origin}\n`)
    .update(Buffer.from([ED25519_ALGORITHM_BYTE]))
    .update(rawPublicKey(publicKey))
    .digest();
  return hash.subarray(0, 4).toString('hex');
}

export function signCheckpoint(body: CheckpointBody, privateKey: KeyObject, publicKey: KeyObject): SignedCheckpoint {
  const signature = sign(null, Buffer.from(checkpointBody(body)), privateKey).toString('base64');
  return { ...body, keyId: logKeyId(body.origin, publicKey), signature };
}

/**
 * True only for a well-formed checkpoint signed by `publicKey`. The checkpoint may come from the
 * database or a file (attacker-controlled), so its shape is checked before anything is hashed.
 */
export function checkpointSignatureValid(checkpoint: SignedCheckpoint, publicKey: KeyObject): boolean {
  if (describeCheckpointProblem(checkpoint) !== null) return false;
  if (checkpoint.keyId !== logKeyId(checkpoint.origin, publicKey)) return false;
  const signature = Buffer.from(checkpoint.signature, 'base64');
  if (signature.length !== ED25519_SIGNATURE_BYTES) return false;
  return verify(null, Buffer.from(checkpointBody(checkpoint)), publicKey, signature);
}

/** Why a value is not a well-formed SignedCheckpoint, or null when it is. */
export function describeCheckpointProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return 'not an object';
  const c = value as Record<string, unknown>;
  if (typeof c.origin !== 'string' || !isValidOrigin(c.origin)) return 'origin must be 1-255 printable ASCII characters without spaces';
  if (!isCount(c.size)) return 'size must be a non-negative integer';
  if (typeof c.root !== 'string' || !HEX_HASH.test(c.root)) return `root must be ${HASH_BYTES * 2} lowercase hex characters`;
  if (!isCount(c.time)) return 'time must be epoch milliseconds';
  if (typeof c.keyId !== 'string' || !/^[0-9a-f]{8}$/.test(c.keyId)) return 'keyId must be 8 lowercase hex characters';
  if (typeof c.signature !== 'string' || !BASE64.test(c.signature)) return 'signature must be base64';
  return null;
}

/** A plain copy holding only the checkpoint's own fields (jose: copy untrusted input before use). */
export function copyCheckpoint(c: SignedCheckpoint): SignedCheckpoint {
  return { origin: c.origin, size: c.size, root: c.root, time: c.time, keyId: c.keyId, signature: c.signature };
}

/** The checkpoint as a signed note (C2SP signed-note): body, blank line, "— origin base64(keyId ‖ signature)". */
export function formatSignedNote(checkpoint: SignedCheckpoint): string {
  const blob = Buffer.concat([Buffer.from(checkpoint.keyId, 'hex'), Buffer.from(checkpoint.signature, 'base64')]);
  return `${checkpointBody(checkpoint)}\n\u2014 ${checkpoint.origin} ${blob.toString('base64')}\n`;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
