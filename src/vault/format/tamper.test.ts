import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTEGRITY_MESSAGE } from './errors.js';
import { decryptArtifact, decryptToFile, decryptToStream, encryptFile, readArtifactHeader, type ArtifactHeader, type DecryptOptions } from './index.js';

/** 4 full chunks and a 5-byte final chunk: small enough to tamper with at every byte. */
const CHUNK = 16;
const PLAINTEXT = randomBytes(4 * CHUNK + 5);
const kek = { id: 'kek-test-1', key: randomBytes(32) };
let dir: string;
let artifact: Buffer;
let sibling: Buffer; // same KEK, same id and geometry, encrypted separately
let header: ArtifactHeader;

async function seal(plaintext: Buffer, artifactId: string): Promise<Buffer> {
  const [inPath, outPath] = [join(dir, `${artifactId}.in`), join(dir, `${artifactId}-${Math.random()}.vault`)];
  await writeFile(inPath, plaintext);
  await encryptFile(inPath, outPath, { artifactId, kek, chunkSize: CHUNK });
  return readFile(outPath);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bulwark-vault-tamper-'));
  artifact = await seal(PLAINTEXT, 'artifact-a');
  sibling = await seal(PLAINTEXT, 'artifact-a');
  header = await readArtifactHeader(artifact);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** [start, end) of chunk i (ciphertext ‖ tag) inside the artifact. */
function chunkRange(i: number): [number, number] {
  const start = header.headerSize + i * (CHUNK + 16);
  return [start, Math.min(start + CHUNK + 16, artifact.length)];
}
const chunk = (bytes: Buffer, i: number): Buffer => bytes.subarray(...chunkRange(i));

/** decryptToFile must throw VAULT_INTEGRITY with the fixed message and leave nothing behind. */
async function expectRejected(tampered: Buffer, kekUsed = kek, options: DecryptOptions = {}): Promise<void> {
  const caseDir = await mkdtemp(join(dir, 'case-'));
  const inPath = join(caseDir, 'artifact.vault');
  await writeFile(inPath, tampered);
  await expect(decryptToFile(inPath, join(caseDir, 'plain.bin'), kekUsed, options)).rejects.toMatchObject({
    code: 'VAULT_INTEGRITY',
    message: INTEGRITY_MESSAGE,
  });
  expect(await readdir(caseDir)).toEqual(['artifact.vault']);
  await rm(caseDir, { recursive: true });
}

describe('tampering is detected (VAULT_INTEGRITY, no output file)', () => {
  it('the untouched artifact decrypts (control)', async () => {
    const caseDir = await mkdtemp(join(dir, 'ok-'));
    await writeFile(join(caseDir, 'a.vault'), artifact);
    await decryptToFile(join(caseDir, 'a.vault'), join(caseDir, 'plain.bin'), kek, { expectedArtifactId: 'artifact-a', expectedPlaintextSha256: header.plaintextSha256 });
    expect((await readdir(caseDir)).sort()).toEqual(['a.vault', 'plain.bin']);
  });

  it('a flipped bit anywhere: every byte position, low and high bit', async () => {
    for (let position = 0; position < artifact.length; position += 1) {
      for (const mask of [0x01, 0x80]) {
        const tampered = Buffer.from(artifact);
        tampered[position]! ^= mask;
        await expectRejected(tampered);
      }
    }
  });

  it('truncation at every length: chunk boundaries, mid-chunk, inside the header, empty file', async () => {
    for (let length = 0; length < artifact.length; length += 1) await expectRejected(artifact.subarray(0, length));
  });

  it('dropping the final chunk', async () => {
    await expectRejected(artifact.subarray(0, chunkRange(4)[0]));
  });

  it('appending: a copy of a chunk, a chunk of another artifact, one stray byte', async () => {
    await expectRejected(Buffer.concat([artifact, chunk(artifact, 1)]));
    await expectRejected(Buffer.concat([artifact, chunk(sibling, 4)]));
    await expectRejected(Buffer.concat([artifact, Buffer.from([0])]));
  });

  it('reordering: two chunks swapped', async () => {
    await expectRejected(Buffer.concat([artifact.subarray(0, chunkRange(1)[0]), chunk(artifact, 2), chunk(artifact, 1), artifact.subarray(chunkRange(3)[0])]));
  });

  it('splicing: a chunk, or the whole header, from another artifact under the same KEK', async () => {
    for (let i = 0; i < 5; i += 1) {
      const [start, end] = chunkRange(i);
      await expectRejected(Buffer.concat([artifact.subarray(0, start), sibling.subarray(start, end), artifact.subarray(end)]));
    }
    await expectRejected(Buffer.concat([sibling.subarray(0, header.headerSize), artifact.subarray(header.headerSize)]));
  });

  it('edits to each header field', async () => {
    const idOffset = 32;
    const keyIdOffset = idOffset + header.artifactId.length + 1;
    const sealedOffset = keyIdOffset + header.keyId.length;
    const edits: Record<string, (b: Buffer) => void> = {
      magic: (b) => void (b[1] = 0x58),
      version: (b) => b.writeUInt16BE(2, 8),
      headerSize: (b) => b.writeUInt16BE(header.headerSize + 1, 10),
      chunkSize: (b) => b.writeUInt32BE(CHUNK * 2, 12),
      plaintextSizeSmaller: (b) => b.writeBigUInt64BE(BigInt(PLAINTEXT.length - 5), 16),
      plaintextSizeHuge: (b) => b.writeBigUInt64BE(2n ** 63n, 16),
      noncePrefix: (b) => void (b[24] = b[24]! ^ 1),
      artifactId: (b) => void b.write('artifact-b', idOffset, 'latin1'),
      artifactIdLength: (b) => void (b[31] = 9),
      keyId: (b) => void b.write('kek-test-2', keyIdOffset, 'latin1'),
      plaintextSha256: (b) => void (b[sealedOffset] = b[sealedOffset]! ^ 1),
      wrapNonce: (b) => void (b[sealedOffset + 32] = b[sealedOffset + 32]! ^ 1),
      wrappedKey: (b) => void (b[sealedOffset + 44] = b[sealedOffset + 44]! ^ 1),
    };
    for (const edit of Object.values(edits)) {
      const tampered = Buffer.from(artifact);
      edit(tampered);
      await expectRejected(tampered);
    }
  });

  it('the wrong KEK, under the same id or another', async () => {
    await expectRejected(artifact, { id: kek.id, key: randomBytes(32) });
    await expectRejected(artifact, { id: 'kek-other', key: randomBytes(32) });
  });

  it('an authentic artifact of another id, or of another content than the pinned hash', async () => {
    await expectRejected(artifact, kek, { expectedArtifactId: 'artifact-b' });
    await expectRejected(artifact, kek, { expectedPlaintextSha256: '0'.repeat(64) });
  });
});

describe('no unauthenticated plaintext is ever emitted', () => {
  it('onChunk sees exactly the verified chunks before a tampered one', async () => {
    for (let bad = 0; bad < 5; bad += 1) {
      const tampered = Buffer.from(artifact);
      tampered[chunkRange(bad)[0]]! ^= 1;
      const emitted: Buffer[] = [];
      const run = decryptArtifact({ source: Readable.from([tampered]), kek, onChunk: (c) => void emitted.push(Buffer.from(c)) });
      await expect(run).rejects.toMatchObject({ code: 'VAULT_INTEGRITY' });
      expect(Buffer.concat(emitted)).toEqual(PLAINTEXT.subarray(0, bad * CHUNK));
    }
  });

  it('decryptToStream writes only the verified prefix, then throws', async () => {
    const tampered = Buffer.from(artifact);
    tampered[chunkRange(3)[1] - 1]! ^= 1; // last tag byte of chunk 3
    const inPath = join(dir, 'stream-tampered.vault');
    await writeFile(inPath, tampered);
    const received: Buffer[] = [];
    const sink = new Writable({ write: (c: Buffer, _e, done) => { received.push(Buffer.from(c)); done(); } });
    await expect(decryptToStream(inPath, sink, kek)).rejects.toMatchObject({ code: 'VAULT_INTEGRITY' });
    expect(Buffer.concat(received)).toEqual(PLAINTEXT.subarray(0, 3 * CHUNK));
  });
});

describe('readArtifactHeader parses attacker-controlled bytes defensively', () => {
  it('names an unknown version or foreign file VAULT_FORMAT_UNSUPPORTED', async () => {
    const future = Buffer.from(artifact);
    future.writeUInt16BE(2, 8);
    await expect(readArtifactHeader(future)).rejects.toMatchObject({ code: 'VAULT_FORMAT_UNSUPPORTED' });
    await expect(readArtifactHeader(Buffer.from('PK\x03\x04 not a vault artifact at all, just a zip'))).rejects.toMatchObject({ code: 'VAULT_FORMAT_UNSUPPORTED' });
  });

  it('fails with a vault error, never a crash, on any mutation of the header', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat({ max: 200 }), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }), fc.nat({ max: 300 }), async (writes, cut) => {
        const bytes = Buffer.from(artifact.subarray(0, cut));
        for (const [at, value] of writes) if (at < bytes.length) bytes[at] = value;
        const outcome = await readArtifactHeader(bytes).then(() => 'ok', (e: { code?: string }) => e.code);
        expect(['ok', 'VAULT_INTEGRITY', 'VAULT_FORMAT_UNSUPPORTED']).toContain(outcome);
      }),
      { numRuns: 500 },
    );
  });
});
