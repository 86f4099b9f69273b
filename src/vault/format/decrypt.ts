import { timingSafeEqual } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';
import { commitTempFile, createTempFile, discardTempFile } from './atomic-file.js';
import { openChunk, type ChunkKey } from './chunk-cipher.js';
import { integrityError, isVaultError, toIoError } from './errors.js';
import {
  chunkCount,
  chunkPlaintextLength,
  FIXED_PREFIX_BYTES,
  headerCoreDigest,
  MAX_HEADER_BYTES,
  parseFixedPrefix,
  parseHeader,
  wrapAad,
  type ArtifactHeader,
  type ParsedHeader,
} from './header.js';
import { READS_AHEAD, runChunkPipeline, ShortReadError, WRITES_IN_FLIGHT } from './chunk-pipeline.js';
import { fileSink, fileSource, iterableSource, streamSink, type ByteSource } from './io.js';
import { plaintextHash } from './plaintext-hash.js';
import { TAG_BYTES, unwrapDataKey, type KeyEncryptionKey } from './keys.js';

export interface DecryptProgress {
  readonly plaintextBytes: number;
  readonly totalPlaintextBytes: number;
}

export interface DecryptOptions {
  /** Rejects an authentic artifact of another id: stops whole-artifact substitution under one KEK. */
  readonly expectedArtifactId?: string;
  /**
   * Hex plaintext SHA-256 pinned by the registry. Rejects an authentic but different artifact of the
   * same id (rollback to an older checkpoint), which the format alone cannot tell apart.
   */
  readonly expectedPlaintextSha256?: string;
  /** Called after each verified chunk has been delivered. */
  readonly onProgress?: (progress: DecryptProgress) => void;
}

export interface DecryptArtifactOptions extends DecryptOptions {
  readonly source: Readable | AsyncIterable<Uint8Array>;
  readonly kek: KeyEncryptionKey;
  /**
   * Receives each chunk's plaintext, in order, only after that chunk authenticated; calls never overlap.
   * Once the returned promise settles the buffer goes to the SHA-256 and is wiped (or detached, when a
   * worker thread hashes): copy what you keep. If decryption later fails, what was delivered so far is
   * an authentic prefix, not the artifact: discard it.
   */
  readonly onChunk: (plaintext: Buffer) => void | Promise<void>;
}

export interface DecryptResult {
  readonly header: ArtifactHeader;
  /** Hex SHA-256 of the plaintext, verified against the authenticated header. */
  readonly sha256: string;
  /** Plaintext bytes delivered. */
  readonly bytes: number;
}

export async function decryptArtifact(options: DecryptArtifactOptions): Promise<DecryptResult> {
  const source = iterableSource(options.source, READS_AHEAD + 1);
  try {
    return await decryptSource(source, options.kek, options, { onChunk: options.onChunk, inFlight: 1 });
  } catch (error) {
    throw toIoError(error);
  } finally {
    await source.close();
  }
}

/**
 * Decrypts to `outPath` through a 0600 temp file in the same directory, renamed only after the last
 * chunk and the plaintext SHA-256 verify. On any failure the temp file is deleted: no file at
 * `outPath` ever holds unauthenticated or partial plaintext.
 */
export async function decryptToFile(inPath: string, outPath: string, kek: KeyEncryptionKey, options: DecryptOptions = {}): Promise<DecryptResult> {
  try {
    const input = await open(inPath, 'r');
    try {
      const source = fileSource(input, 0, READS_AHEAD + 1);
      const temp = await createTempFile(outPath);
      try {
        const sink = fileSink(temp.handle);
        const result = await decryptSource(source, kek, options, { onChunk: (chunk) => sink.append([chunk]), inFlight: WRITES_IN_FLIGHT });
        await commitTempFile(temp, outPath);
        return result;
      } catch (error) {
        await discardTempFile(temp);
        throw error;
      } finally {
        await source.close();
      }
    } finally {
      await input.close();
    }
  } catch (error) {
    throw toIoError(error);
  }
}

/**
 * Writes each chunk to `destination` only after it authenticates; does not end the stream. On
 * failure the stream has received an authentic prefix only, and the caller must exit non-zero.
 */
export async function decryptToStream(inPath: string, destination: Writable, kek: KeyEncryptionKey, options: DecryptOptions = {}): Promise<DecryptResult> {
  try {
    const input = await open(inPath, 'r');
    try {
      const source = fileSource(input, 0, READS_AHEAD + 1);
      const sink = streamSink(destination);
      try {
        return await decryptSource(source, kek, options, { onChunk: (chunk) => sink.append([chunk]), inFlight: WRITES_IN_FLIGHT });
      } finally {
        await source.close();
      }
    } finally {
      await input.close();
    }
  } catch (error) {
    throw toIoError(error);
  }
}

/**
 * Parses a header without a key, for inspection. Attacker-controlled: at most MAX_HEADER_BYTES are read
 * and every length is checked. The result is NOT authenticated; only decryption authenticates it.
 */
export async function readArtifactHeader(input: string | Uint8Array): Promise<ArtifactHeader> {
  if (typeof input !== 'string') return parseHeader(input).header;
  try {
    const handle = await open(input, 'r');
    try {
      return parseHeader(await fileSource(handle).read(MAX_HEADER_BYTES)).header;
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw toIoError(error);
  }
}

/** Where verified plaintext goes, and how many deliveries may be outstanding (1: a caller's callback). */
interface Delivery {
  readonly onChunk: (plaintext: Buffer) => void | Promise<void>;
  readonly inFlight: number;
}

async function decryptSource(
  source: ByteSource,
  kek: KeyEncryptionKey,
  options: DecryptOptions,
  delivery: Delivery,
): Promise<DecryptResult> {
  const parsed = await readHeaderFrom(source);
  const dataKey = unwrapDataKey(kek, parsed.wrapped, wrapAad(parsed.core, parsed.plaintextSha256));
  try {
    assertExpected(parsed.header, options);
    const key: ChunkKey = { dataKey, noncePrefix: parsed.noncePrefix, aad: headerCoreDigest(parsed.core) };
    const sha256 = await decryptChunks(source, parsed.header, key, delivery, options.onProgress);
    if (!timingSafeEqual(sha256, parsed.plaintextSha256)) throw integrityError();
    return { header: parsed.header, sha256: sha256.toString('hex'), bytes: parsed.header.plaintextSize };
  } finally {
    dataKey.fill(0);
  }
}

function assertExpected(header: ArtifactHeader, options: DecryptOptions): void {
  if (options.expectedArtifactId !== undefined && header.artifactId !== options.expectedArtifactId) throw integrityError();
  const pinned = options.expectedPlaintextSha256?.toLowerCase();
  if (pinned !== undefined && pinned !== header.plaintextSha256) throw integrityError();
}

/** An unknown version or bad magic is reported like any other failure on the decrypt path: no oracle. */
async function readHeaderFrom(source: ByteSource): Promise<ParsedHeader> {
  try {
    const prefix = await source.read(FIXED_PREFIX_BYTES);
    const headerSize = parseFixedPrefix(prefix);
    const rest = await source.read(headerSize - FIXED_PREFIX_BYTES);
    return parseHeader(Buffer.concat([prefix, rest]));
  } catch (error) {
    if (isVaultError(error, 'VAULT_FORMAT_UNSUPPORTED')) throw integrityError();
    throw error;
  }
}

/**
 * Chunks are read ahead and delivered behind the one being opened (chunk-pipeline.ts); a chunk is
 * handed on only after its tag verified, and nothing is read or delivered after a failed chunk.
 */
async function decryptChunks(source: ByteSource, header: ArtifactHeader, key: ChunkKey, delivery: Delivery, onProgress: DecryptOptions['onProgress']): Promise<Buffer> {
  const { chunkSize, plaintextSize } = header;
  const total = chunkCount(plaintextSize, chunkSize);
  const plaintextLength = (i: number): number => chunkPlaintextLength(i, plaintextSize, chunkSize);
  const hash = plaintextHash(plaintextSize);
  try {
    let trailing: number;
    try {
      trailing = await runChunkPipeline(source, {
        total,
        inputLength: (i) => plaintextLength(i) + TAG_BYTES,
        transform: (i, sealed) => openChunk(key, i, i === total - 1, sealed, hash.take(plaintextLength(i))),
        write: (plaintext, i) => deliver(delivery.onChunk, plaintext, (delivered) => hash.add(i, delivered)),
        discard: (plaintext) => plaintext.fill(0),
        written: (i) => onProgress?.({ plaintextBytes: Math.min(plaintextSize, (i + 1) * chunkSize), totalPlaintextBytes: plaintextSize }),
        writesInFlight: delivery.inFlight,
      });
    } catch (error) {
      if (error instanceof ShortReadError) throw integrityError();
      throw error;
    }
    // Appended bytes after the final chunk are an attack too (the final flag and size already match).
    if (trailing !== 0) throw integrityError();
    return await hash.digest();
  } finally {
    await hash.close();
  }
}

/** Hands a verified chunk to the caller, then to the hash, which wipes it; wiped here if delivery fails. */
async function deliver(onChunk: (plaintext: Buffer) => void | Promise<void>, plaintext: Buffer, hashed: (plaintext: Buffer) => Promise<void>): Promise<void> {
  try {
    await onChunk(plaintext);
  } catch (error) {
    plaintext.fill(0);
    throw error;
  }
  await hashed(plaintext);
}
