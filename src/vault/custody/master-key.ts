import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { KeyEncryptionKey } from '../format/index.js';

export const MASTER_KEY_BYTES = 32;

/** Domain labels: each use of the master key gets its own, so one output never doubles as another. */
const VERIFIER_LABEL = 'bulwark/v1/vault-master-key-check';
const KEK_SALT = 'bulwark/v1/vault-artifact-kek';

export function generateMasterKey(): Buffer {
  return randomBytes(MASTER_KEY_BYTES);
}

/** A public name for the key; random, so it says nothing about the key. */
export function newMasterKeyId(): string {
  return `mk-${randomBytes(8).toString('hex')}`;
}

/**
 * What the database keeps instead of the key: HMAC-SHA256 of a fixed label. It proves a reconstructed
 * key is the right one (wrong or forged shares combine to some other value) and reveals nothing.
 */
export function masterKeyVerifier(masterKey: Uint8Array): string {
  return createHmac('sha256', masterKey).update(VERIFIER_LABEL).digest('hex');
}

export function verifierMatches(masterKey: Uint8Array, stored: string): boolean {
  const actual = Buffer.from(masterKeyVerifier(masterKey), 'hex');
  const expected = Buffer.from(stored, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * Per-artifact KEK = HKDF-SHA256(master, info = artifact id ‖ key id) (RFC 5869). One artifact's
 * KEK, if it ever leaked, opens only that artifact. The caller zeroes `key` when done.
 */
export function deriveArtifactKek(masterKey: Uint8Array, keyId: string, artifactId: string): KeyEncryptionKey {
  const info = `${artifactId}\n${keyId}`;
  const key = Buffer.from(hkdfSync('sha256', masterKey, KEK_SALT, info, MASTER_KEY_BYTES));
  return { id: keyId, key };
}
