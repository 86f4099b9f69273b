import { randomBytes } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';
import { commitTempFile, createTempFile, discardTempFile } from './atomic-file.js';
import { sealChunk, type ChunkKey } from './chunk-cipher.js';
import { invalidArgumentError, sourceMismatchError, toIoError } from './errors.js';
import {
  chunkCount,
  chunkPlaintextLength,
  DEFAULT_CHUNK_SIZE_BYTES,
  encodeHeader,
  encodeHeaderCore,
  headerCoreDigest,
  NONCE_PREFIX_BYTES,
  parseHeader,
  sealedHeaderSize,
  wrapAad,
  type ArtifactHeader,
} from './header.js';
import { runChunkPipeline, ShortReadError, READS_AHEAD, WRITES_IN_FLIGHT } from './chunk-pipeline.js';
import { fileSink, fileSource, isWritable, iterableSource, streamSink, type ByteSink, type ByteSource } from './io.js';
import { plaintextHash } from './plaintext-hash.js';
import { assertValidKek, generateDataKey, wrapDataKey, type KeyEncryptionKey } from './keys.js';

export interface EncryptProgress {
  readonly plaintextBytes: number;
  readonly totalPlaintextBytes: number;
}

export interface EncryptArtifactOptions {
  readonly source: Readable | AsyncIterable<Uint8Array>;
  /**
   * A FileHandle (open for writing, not appending; the artifact starts at offset 0) gets a single pass: the header slot is
   * reserved and written last. A non-seekable Writable needs `plaintextSha256` up front, because the
   * header (which carries it) must be written first; it is not ended here.
   */
  readonly destination: Writable | FileHandle;
  readonly artifactId: string;
  readonly kek: KeyEncryptionKey;
  readonly plaintextSize: number;
  readonly chunkSize?: number;
  /** Hex SHA-256 the plaintext must have; checked at the end, required for Writable destinations. */
  readonly plaintextSha256?: string;
  readonly onProgress?: (progress: EncryptProgress) => void;
}

export interface EncryptResult {
  readonly header: ArtifactHeader;
  /** Hex SHA-256 of the plaintext, computed while streaming. */
  readonly sha256: string;
  /** Bytes of the artifact written (header + chunks + tags). */
  readonly bytes: number;
}

interface Plan {
  readonly kek: KeyEncryptionKey;
  readonly core: Buffer;
  readonly chunkKey: ChunkKey;
  readonly chunkSize: number;
  readonly plaintextSize: number;
  readonly expectedSha256: Buffer | undefined;
  readonly onProgress: ((progress: EncryptProgress) => void) | undefined;
}

export async function encryptArtifact(options: EncryptArtifactOptions): Promise<EncryptResult> {
  const plan = planArtifact(options);
  const source = iterableSource(options.source, READS_AHEAD + 1);
  try {
    if (isWritable(options.destination)) return await encryptToStream(source, streamSink(options.destination), plan);
    return await encryptToFileHandle(source, options.destination, plan);
  } catch (error) {
    throw toIoError(error);
  } finally {
    plan.chunkKey.dataKey.fill(0);
    await source.close();
  }
}

export interface EncryptFileOptions {
  readonly artifactId: string;
  readonly kek: KeyEncryptionKey;
  readonly chunkSize?: number;
  readonly onProgress?: (progress: EncryptProgress) => void;
}

/**
 * Encrypts a file to `outPath` through `outPath.tmp-*` + fsync + rename, so a crash or kill -9 never
 * leaves a partial artifact at `outPath`.
 */
export async function encryptFile(inPath: string, outPath: string, options: EncryptFileOptions): Promise<EncryptResult> {
  try {
    const input = await open(inPath, 'r');
    try {
      const stat = await input.stat();
      if (!stat.isFile()) throw invalidArgumentError('The input must be a regular file.');
      const plan = planArtifact({ ...options, plaintextSize: stat.size });
      const source = fileSource(input, 0, READS_AHEAD + 1);
      const temp = await createTempFile(outPath);
      try {
        const result = await encryptToFileHandle(source, temp.handle, plan);
        await commitTempFile(temp, outPath);
        return result;
      } catch (error) {
        await discardTempFile(temp);
        throw error;
      } finally {
        plan.chunkKey.dataKey.fill(0);
        await source.close();
      }
    } finally {
      await input.close();
    }
  } catch (error) {
    throw toIoError(error);
  }
}

function planArtifact(options: Omit<EncryptArtifactOptions, 'source' | 'destination'>): Plan {
  assertValidKek(options.kek);
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE_BYTES;
  const noncePrefix = randomBytes(NONCE_PREFIX_BYTES);
  const core = encodeHeaderCore({ ...options, keyId: options.kek.id, chunkSize, noncePrefix });
  return {
    kek: options.kek,
    core,
    chunkKey: { dataKey: generateDataKey(), noncePrefix, aad: headerCoreDigest(core) },
    chunkSize,
    plaintextSize: options.plaintextSize,
    expectedSha256: parseExpectedSha256(options.plaintextSha256),
    onProgress: options.onProgress,
  };
}

function parseExpectedSha256(hex: string | undefined): Buffer | undefined {
  if (hex === undefined) return undefined;
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw invalidArgumentError('plaintextSha256 must be 64 hex characters.');
  return Buffer.from(hex, 'hex');
}

/** Single pass: chunks first (after a reserved header slot), then the header with the SHA-256. */
async function encryptToFileHandle(source: ByteSource, handle: FileHandle, plan: Plan): Promise<EncryptResult> {
  const headerSize = sealedHeaderSize(plan.core);
  const sink = fileSink(handle, headerSize);
  const sha256 = await encryptChunks(source, sink, plan);
  const header = sealHeader(plan, sha256);
  await handle.write(header, 0, header.length, 0);
  return { header: parseHeader(header).header, sha256: sha256.toString('hex'), bytes: sink.position() };
}

/** The header goes first, so the SHA-256 must be known now; the streamed plaintext must match it. */
async function encryptToStream(source: ByteSource, sink: ByteSink, plan: Plan): Promise<EncryptResult> {
  if (plan.expectedSha256 === undefined) {
    throw invalidArgumentError('Encrypting to a stream needs plaintextSha256 up front; pass a FileHandle to hash in one pass.');
  }
  const header = sealHeader(plan, plan.expectedSha256);
  await sink.append([header]);
  const sha256 = await encryptChunks(source, sink, plan);
  const parsed = parseHeader(header).header;
  return { header: parsed, sha256: sha256.toString('hex'), bytes: parsed.ciphertextSize };
}

function sealHeader(plan: Plan, sha256: Buffer): Buffer {
  const wrapped = wrapDataKey(plan.kek, plan.chunkKey.dataKey, wrapAad(plan.core, sha256));
  return encodeHeader(plan.core, sha256, wrapped);
}

/**
 * Reads, seals and hashes chunk by chunk with reads ahead and writes behind (chunk-pipeline.ts), so
 * disk I/O overlaps the cipher while memory stays at a few chunks whatever the file size. The hash
 * gets a copy of each plaintext chunk (into a recycled buffer, so it can be handed to a worker thread
 * and hashed beside the cipher: plaintext-hash.ts), because the source reuses its buffer for a later
 * read. That reuse overwrites the source's plaintext, and the source wipes its buffers on close.
 */
async function encryptChunks(source: ByteSource, sink: ByteSink, plan: Plan): Promise<Buffer> {
  const { chunkSize, plaintextSize } = plan;
  const total = chunkCount(plaintextSize, chunkSize);
  const hash = plaintextHash(plaintextSize);
  try {
    let trailing: number;
    try {
      trailing = await runChunkPipeline(source, {
        total,
        inputLength: (i) => chunkPlaintextLength(i, plaintextSize, chunkSize),
        transform: (i, plaintext) => ({
          sealed: sealChunk(plan.chunkKey, i, i === total - 1, plaintext),
          plaintext: copyInto(hash.take(plaintext.length), plaintext),
        }),
        write: async ({ sealed, plaintext }, i) => {
          await Promise.all([sink.append(sealed), hash.add(i, plaintext)]);
        },
        discard: ({ plaintext }) => plaintext.fill(0),
        written: (i) => plan.onProgress?.({ plaintextBytes: Math.min(plaintextSize, (i + 1) * chunkSize), totalPlaintextBytes: plaintextSize }),
        writesInFlight: WRITES_IN_FLIGHT,
      });
    } catch (error) {
      if (error instanceof ShortReadError) throw sourceMismatchError('The source ended before plaintextSize bytes.');
      throw error;
    }
    if (trailing !== 0) throw sourceMismatchError('The source has more than plaintextSize bytes.');
    const sha256 = await hash.digest();
    if (plan.expectedSha256 !== undefined && !sha256.equals(plan.expectedSha256)) {
      throw sourceMismatchError('The plaintext SHA-256 differs from plaintextSha256.');
    }
    return sha256;
  } finally {
    await hash.close();
  }
}

function copyInto(target: Buffer, source: Buffer): Buffer {
  source.copy(target);
  return target;
}
