import { createHash } from 'node:crypto';
import { integrityError, invalidArgumentError, unsupportedFormatError } from './errors.js';
import { isValidId, MAX_ID_BYTES, TAG_BYTES, WRAP_NONCE_BYTES, WRAPPED_KEY_BYTES, type WrappedDataKey } from './keys.js';

/**
 * Header layout, format version 1 (docs/vault-format.md §Header). All integers big-endian.
 * The "core" is every field fixed before the first chunk is encrypted; chunk AADs bind its digest.
 * The sealed part (plaintext SHA-256, wrap nonce, wrapped key) is written last and is authenticated
 * by the key wrap, whose AAD is core ‖ SHA-256.
 */
export const MAGIC = Buffer.from([0x89, 0x42, 0x57, 0x56, 0x41, 0x55, 0x4c, 0x54]); // \x89BWVAULT
export const FORMAT_VERSION = 1;
export const NONCE_PREFIX_BYTES = 7;
export const SHA256_BYTES = 32;
/** Bytes up to and including the artifact-id length: enough to learn the version and header length. */
export const FIXED_PREFIX_BYTES = 32;
const SEALED_BYTES = SHA256_BYTES + WRAP_NONCE_BYTES + WRAPPED_KEY_BYTES;
const MIN_HEADER_BYTES = FIXED_PREFIX_BYTES + 1 + 1 + 1 + SEALED_BYTES;
/** Attacker-controlled length: never read or allocate more than this for a header. */
export const MAX_HEADER_BYTES = FIXED_PREFIX_BYTES + MAX_ID_BYTES + 1 + MAX_ID_BYTES + SEALED_BYTES;

export const DEFAULT_CHUNK_SIZE_BYTES = 1024 * 1024;
export const MIN_CHUNK_SIZE_BYTES = 1;
/** Bounds decryption memory even for an authentic header: a few buffers of this size are live. */
export const MAX_CHUNK_SIZE_BYTES = 16 * 1024 * 1024;
/** The STREAM counter is 32 bits (nonce = prefix ‖ counter ‖ last flag). */
export const MAX_CHUNKS = 2 ** 32;

/** What a header says. Parsed from an untrusted file it is NOT authenticated until decryption unwraps the key. */
export interface ArtifactHeader {
  readonly version: number;
  readonly artifactId: string;
  readonly keyId: string;
  readonly chunkSize: number;
  readonly plaintextSize: number;
  /** Lower-case hex SHA-256 of the whole plaintext. */
  readonly plaintextSha256: string;
  readonly headerSize: number;
  /** Total artifact size implied by the header: header + plaintext + one 16-byte tag per chunk. */
  readonly ciphertextSize: number;
}

/** The header with the raw pieces decryption needs. */
export interface ParsedHeader {
  readonly header: ArtifactHeader;
  readonly core: Buffer;
  readonly noncePrefix: Buffer;
  readonly plaintextSha256: Buffer;
  readonly wrapped: WrappedDataKey;
}

export interface HeaderCoreFields {
  readonly artifactId: string;
  readonly keyId: string;
  readonly chunkSize: number;
  readonly plaintextSize: number;
  readonly noncePrefix: Uint8Array;
}

export function chunkCount(plaintextSize: number, chunkSize: number): number {
  // An empty artifact is one final, empty chunk, so "no chunks" can never authenticate.
  return plaintextSize === 0 ? 1 : Math.ceil(plaintextSize / chunkSize);
}

/** Plaintext bytes in chunk `index`: every chunk is full except the last, which holds the rest. */
export function chunkPlaintextLength(index: number, plaintextSize: number, chunkSize: number): number {
  const total = chunkCount(plaintextSize, chunkSize);
  return index < total - 1 ? chunkSize : plaintextSize - (total - 1) * chunkSize;
}

export function assertValidGeometry(plaintextSize: number, chunkSize: number): void {
  if (!Number.isSafeInteger(chunkSize) || chunkSize < MIN_CHUNK_SIZE_BYTES || chunkSize > MAX_CHUNK_SIZE_BYTES) {
    throw invalidArgumentError(`chunkSize must be an integer from ${MIN_CHUNK_SIZE_BYTES} to ${MAX_CHUNK_SIZE_BYTES} bytes.`);
  }
  if (!Number.isSafeInteger(plaintextSize) || plaintextSize < 0) {
    throw invalidArgumentError('plaintextSize must be a non-negative safe integer.');
  }
  if (chunkCount(plaintextSize, chunkSize) > MAX_CHUNKS) {
    throw invalidArgumentError('The artifact would need more than 2^32 chunks; use a larger chunkSize.');
  }
}

export function encodeHeaderCore(fields: HeaderCoreFields): Buffer {
  for (const [name, id] of [['artifactId', fields.artifactId], ['keyId', fields.keyId]] as const) {
    if (!isValidId(id)) throw invalidArgumentError(`${name} must be 1-255 printable ASCII characters without spaces.`);
  }
  assertValidGeometry(fields.plaintextSize, fields.chunkSize);
  if (fields.noncePrefix.length !== NONCE_PREFIX_BYTES) throw invalidArgumentError('The nonce prefix must be 7 bytes.');
  const artifactId = Buffer.from(fields.artifactId, 'latin1');
  const keyId = Buffer.from(fields.keyId, 'latin1');
  const core = Buffer.alloc(FIXED_PREFIX_BYTES + artifactId.length + 1 + keyId.length);
  MAGIC.copy(core, 0);
  core.writeUInt16BE(FORMAT_VERSION, 8);
  core.writeUInt16BE(core.length + SEALED_BYTES, 10);
  core.writeUInt32BE(fields.chunkSize, 12);
  core.writeBigUInt64BE(BigInt(fields.plaintextSize), 16);
  core.set(fields.noncePrefix, 24);
  core.writeUInt8(artifactId.length, 31);
  artifactId.copy(core, 32);
  core.writeUInt8(keyId.length, 32 + artifactId.length);
  keyId.copy(core, 33 + artifactId.length);
  return core;
}

/** The digest every chunk's AAD carries. */
export function headerCoreDigest(core: Uint8Array): Buffer {
  return createHash('sha256').update(core).digest();
}

/** AAD of the key wrap: core ‖ plaintext SHA-256, so editing any of them breaks the unwrap. */
export function wrapAad(core: Uint8Array, plaintextSha256: Uint8Array): Buffer {
  return Buffer.concat([core, plaintextSha256]);
}

export function encodeHeader(core: Buffer, plaintextSha256: Uint8Array, wrapped: WrappedDataKey): Buffer {
  return Buffer.concat([core, plaintextSha256, wrapped.nonce, wrapped.sealed]);
}

export function sealedHeaderSize(core: Uint8Array): number {
  return core.length + SEALED_BYTES;
}

/**
 * Checks magic and version, then returns the declared header length. Attacker-controlled: the length
 * is bounded before anyone allocates or reads on its word.
 */
export function parseFixedPrefix(prefix: Uint8Array): number {
  const bytes = Buffer.from(prefix.buffer, prefix.byteOffset, prefix.byteLength);
  if (bytes.length < MAGIC.length || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw unsupportedFormatError('Not a Bulwark vault artifact (bad magic).');
  }
  if (bytes.length < FIXED_PREFIX_BYTES) throw integrityError();
  const version = bytes.readUInt16BE(8);
  if (version !== FORMAT_VERSION) throw unsupportedFormatError(`Unsupported vault artifact format version ${version}.`);
  const headerSize = bytes.readUInt16BE(10);
  if (headerSize < MIN_HEADER_BYTES || headerSize > MAX_HEADER_BYTES) throw integrityError();
  return headerSize;
}

/** Parses a complete header. Every length is checked against the bytes actually present. */
export function parseHeader(input: Uint8Array): ParsedHeader {
  // Copy untrusted input into our own buffer before checking it, so it cannot change underneath us.
  const bytes = Buffer.from(input.subarray(0, MAX_HEADER_BYTES));
  const headerSize = parseFixedPrefix(bytes);
  if (bytes.length < headerSize) throw integrityError();
  const artifactIdLength = bytes.readUInt8(31);
  const keyIdOffset = 32 + artifactIdLength;
  if (keyIdOffset + 1 > headerSize) throw integrityError();
  const keyIdLength = bytes.readUInt8(keyIdOffset);
  const coreSize = keyIdOffset + 1 + keyIdLength;
  if (coreSize + SEALED_BYTES !== headerSize) throw integrityError();
  const artifactId = bytes.toString('latin1', 32, keyIdOffset);
  const keyId = bytes.toString('latin1', keyIdOffset + 1, coreSize);
  if (!isValidId(artifactId) || !isValidId(keyId)) throw integrityError();
  const chunkSize = bytes.readUInt32BE(12);
  const plaintextSize = Number(bytes.readBigUInt64BE(16));
  try {
    assertValidGeometry(plaintextSize, chunkSize);
  } catch {
    throw integrityError();
  }
  const sealed = bytes.subarray(0, headerSize);
  const sha = sealed.subarray(coreSize, coreSize + SHA256_BYTES);
  const nonceStart = coreSize + SHA256_BYTES;
  const chunks = chunkCount(plaintextSize, chunkSize);
  return {
    header: {
      version: FORMAT_VERSION,
      artifactId,
      keyId,
      chunkSize,
      plaintextSize,
      plaintextSha256: sha.toString('hex'),
      headerSize,
      ciphertextSize: headerSize + plaintextSize + chunks * TAG_BYTES,
    },
    core: sealed.subarray(0, coreSize),
    noncePrefix: sealed.subarray(24, 24 + NONCE_PREFIX_BYTES),
    plaintextSha256: sha,
    wrapped: {
      nonce: sealed.subarray(nonceStart, nonceStart + WRAP_NONCE_BYTES),
      sealed: sealed.subarray(nonceStart + WRAP_NONCE_BYTES),
    },
  };
}
