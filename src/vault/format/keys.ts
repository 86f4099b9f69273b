import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { integrityError, invalidArgumentError } from './errors.js';

/** A key-encryption key handed in by key custody (Shamir unseal is a later task). */
export interface KeyEncryptionKey {
  /** Public name of the KEK, stored in the artifact header so the right KEK can be found. */
  readonly id: string;
  /** 32 bytes of AES-256 key material. Owned by the caller; never copied into an artifact. */
  readonly key: Uint8Array;
}

/** A data key sealed under a KEK: AES-256-GCM with its own random 96-bit nonce. */
export interface WrappedDataKey {
  readonly nonce: Uint8Array;
  /** 32 bytes of ciphertext followed by the 16-byte GCM tag. */
  readonly sealed: Uint8Array;
}

export const DATA_KEY_BYTES = 32;
export const WRAP_NONCE_BYTES = 12;
export const TAG_BYTES = 16;
export const WRAPPED_KEY_BYTES = DATA_KEY_BYTES + TAG_BYTES;
export const MAX_ID_BYTES = 255;

/**
 * Ids end up in the header and on operators' terminals, so they are printable ASCII without spaces:
 * no encoding ambiguity, no terminal escape injection from an attacker-supplied header.
 */
const ID_PATTERN = /^[\x21-\x7e]{1,255}$/;

export function isValidId(id: string): boolean {
  return ID_PATTERN.test(id);
}

export function assertValidKek(kek: KeyEncryptionKey): void {
  if (!isValidId(kek.id)) throw invalidArgumentError('The KEK id must be 1-255 printable ASCII characters without spaces.');
  if (!(kek.key instanceof Uint8Array) || kek.key.length !== DATA_KEY_BYTES) {
    throw invalidArgumentError(`The KEK must be exactly ${DATA_KEY_BYTES} bytes.`);
  }
}

export function generateDataKey(): Buffer {
  return randomBytes(DATA_KEY_BYTES);
}

/** Seals `dataKey` under the KEK. `aad` binds the sealed key to the header fields it travels with. */
export function wrapDataKey(kek: KeyEncryptionKey, dataKey: Uint8Array, aad: Uint8Array): WrappedDataKey {
  assertValidKek(kek);
  if (dataKey.length !== DATA_KEY_BYTES) throw invalidArgumentError(`A data key must be ${DATA_KEY_BYTES} bytes.`);
  const nonce = randomBytes(WRAP_NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', kek.key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const sealed = Buffer.concat([cipher.update(dataKey), cipher.final(), cipher.getAuthTag()]);
  return { nonce, sealed };
}

/**
 * Opens a sealed data key. Any failure (wrong KEK, edited header, edited nonce or key) is the same
 * VAULT_INTEGRITY error. The returned buffer belongs to the caller, who zeroes it when done.
 */
export function unwrapDataKey(kek: KeyEncryptionKey, wrapped: WrappedDataKey, aad: Uint8Array): Buffer {
  assertValidKek(kek);
  if (wrapped.nonce.length !== WRAP_NONCE_BYTES || wrapped.sealed.length !== WRAPPED_KEY_BYTES) throw integrityError();
  const decipher = createDecipheriv('aes-256-gcm', kek.key, wrapped.nonce, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(wrapped.sealed.subarray(DATA_KEY_BYTES));
  const key = decipher.update(wrapped.sealed.subarray(0, DATA_KEY_BYTES));
  try {
    decipher.final();
  } catch {
    key.fill(0);
    throw integrityError();
  }
  return key;
}
