import { createCipheriv, createDecipheriv } from 'node:crypto';
import { integrityError } from './errors.js';
import { TAG_BYTES } from './keys.js';
import { NONCE_PREFIX_BYTES } from './header.js';

/**
 * STREAM nonce (Hoang–Reyhanitabar–Rogaway–Vizár, "Online Authenticated-Encryption and its
 * Nonce-Reuse Misuse-Resistance", §7; Tink AES-GCM-HKDF streaming): 7-byte random prefix ‖ 4-byte
 * big-endian chunk counter ‖ 1-byte last-chunk flag. The counter stops reordering and dropping; the
 * flag stops truncation at a chunk boundary, since a non-final chunk never authenticates as final.
 */
export function chunkNonce(prefix: Uint8Array, counter: number, last: boolean): Buffer {
  const nonce = Buffer.alloc(NONCE_PREFIX_BYTES + 5);
  nonce.set(prefix, 0);
  nonce.writeUInt32BE(counter, NONCE_PREFIX_BYTES);
  nonce.writeUInt8(last ? 1 : 0, NONCE_PREFIX_BYTES + 4);
  return nonce;
}

export interface ChunkKey {
  readonly dataKey: Uint8Array;
  readonly noncePrefix: Uint8Array;
  /** SHA-256 of the header core: ties every chunk to exactly one header. */
  readonly aad: Uint8Array;
}

/** Returns [ciphertext, tag]; written back to back (writev) they are the chunk's on-disk bytes. */
export function sealChunk(key: ChunkKey, counter: number, last: boolean, plaintext: Uint8Array): Buffer[] {
  const cipher = createCipheriv('aes-256-gcm', key.dataKey, chunkNonce(key.noncePrefix, counter, last), {
    authTagLength: TAG_BYTES,
  });
  cipher.setAAD(key.aad);
  const body = cipher.update(plaintext);
  const tail = cipher.final();
  return tail.length === 0 ? [body, cipher.getAuthTag()] : [body, tail, cipher.getAuthTag()];
}

/**
 * Opens one chunk. GCM's update() hands out plaintext before the tag is checked, so that plaintext
 * stays here until final() succeeds and is wiped if it does not: unauthenticated bytes never leave.
 */
export function openChunk(key: ChunkKey, counter: number, last: boolean, sealed: Uint8Array): Buffer {
  if (sealed.length < TAG_BYTES) throw integrityError();
  const bodyLength = sealed.length - TAG_BYTES;
  const decipher = createDecipheriv('aes-256-gcm', key.dataKey, chunkNonce(key.noncePrefix, counter, last), {
    authTagLength: TAG_BYTES,
  });
  decipher.setAAD(key.aad);
  decipher.setAuthTag(sealed.subarray(bodyLength));
  const plaintext = decipher.update(sealed.subarray(0, bodyLength));
  try {
    decipher.final();
  } catch {
    plaintext.fill(0);
    throw integrityError();
  }
  return plaintext;
}
