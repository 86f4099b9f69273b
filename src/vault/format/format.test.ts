import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, open, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptArtifact, decryptToFile, decryptToStream, encryptArtifact, encryptFile, readArtifactHeader } from './index.js';
import { WORKER_HASH_MIN_BYTES } from './plaintext-hash.js';

const kek = { id: 'kek-test-1', key: randomBytes(32) };
const CHUNK = 64;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bulwark-vault-format-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** Encrypts in memory through the stream API (plaintext SHA-256 known up front). */
async function sealInMemory(plaintext: Buffer, chunkSize: number, artifactId = 'artifact-1'): Promise<Buffer> {
  const parts: Buffer[] = [];
  const destination = new Writable({ write: (chunk: Buffer, _enc, done) => { parts.push(chunk); done(); } });
  await encryptArtifact({
    source: Readable.from([plaintext]),
    destination,
    artifactId,
    kek,
    chunkSize,
    plaintextSize: plaintext.length,
    plaintextSha256: sha256(plaintext),
  });
  return Buffer.concat(parts);
}

async function openInMemory(artifact: Buffer, pieceSize = 7): Promise<Buffer> {
  const out: Buffer[] = [];
  const pieces = [];
  for (let i = 0; i < artifact.length; i += pieceSize) pieces.push(artifact.subarray(i, i + pieceSize));
  await decryptArtifact({ source: Readable.from(pieces), kek, onChunk: (chunk) => void out.push(Buffer.from(chunk)) });
  return Buffer.concat(out);
}

describe('vault artifact round trip', () => {
  for (const size of [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 5 * CHUNK, 5 * CHUNK + 17]) {
    it(`restores ${size} bytes through encryptFile / decryptToFile`, async () => {
      const plaintext = randomBytes(size);
      const [inPath, sealedPath, outPath] = ['in', 'sealed', 'out'].map((n) => join(dir, `${n}-${size}`)) as [string, string, string];
      await writeFile(inPath, plaintext);
      const sealed = await encryptFile(inPath, sealedPath, { artifactId: 'weights-7b', kek, chunkSize: CHUNK });
      expect(sealed.sha256).toBe(sha256(plaintext));
      expect((await stat(sealedPath)).size).toBe(sealed.bytes);
      expect(await readArtifactHeader(sealedPath)).toEqual(sealed.header);
      const opened = await decryptToFile(sealedPath, outPath, kek, { expectedArtifactId: 'weights-7b' });
      expect(opened.sha256).toBe(sealed.sha256);
      expect(await readFile(outPath)).toEqual(plaintext);
      expect((await stat(outPath)).mode & 0o777).toBe(0o600);
    });
  }

  it('streams a Readable into a FileHandle in one pass and back out to a Writable', async () => {
    const plaintext = randomBytes(3 * CHUNK + 5);
    const sealedPath = join(dir, 'handle.vault');
    const handle = await open(sealedPath, 'w');
    const result = await encryptArtifact({ source: Readable.from([plaintext.subarray(0, 10), plaintext.subarray(10)]), destination: handle, artifactId: 'a', kek, chunkSize: CHUNK, plaintextSize: plaintext.length });
    await handle.close();
    const received: Buffer[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _enc, done) => { received.push(Buffer.from(chunk)); done(); } });
    const opened = await decryptToStream(sealedPath, sink, kek);
    expect(Buffer.concat(received)).toEqual(plaintext);
    expect(opened.sha256).toBe(result.sha256);
  });

  it('uses a fresh data key and nonce prefix per artifact', async () => {
    const plaintext = randomBytes(100);
    const [a, b] = [await sealInMemory(plaintext, CHUNK), await sealInMemory(plaintext, CHUNK)];
    expect(a.length).toBe(b.length);
    expect(a.equals(b)).toBe(false);
  });

  it('holds for random sizes, chunk sizes and input splits (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), fc.integer({ min: 1, max: 97 }), fc.integer({ min: 1, max: 50 }), async (bytes, chunkSize, pieceSize) => {
        const plaintext = Buffer.from(bytes);
        const artifact = await sealInMemory(plaintext, chunkSize);
        const header = await readArtifactHeader(artifact);
        expect(artifact.length).toBe(header.ciphertextSize);
        expect(await openInMemory(artifact, pieceSize)).toEqual(plaintext);
      }),
      { numRuns: 150 },
    );
  });

  it('refuses a source that is shorter or longer than plaintextSize, or whose hash differs', async () => {
    const plaintext = randomBytes(100);
    const run = (size: number, sha?: string) => encryptArtifact({
      source: Readable.from([plaintext]), destination: new Writable({ write: (_c, _e, done) => done() }),
      artifactId: 'a', kek, chunkSize: CHUNK, plaintextSize: size, plaintextSha256: sha ?? sha256(plaintext),
    });
    await expect(run(101)).rejects.toMatchObject({ code: 'VAULT_SOURCE_MISMATCH' });
    await expect(run(99)).rejects.toMatchObject({ code: 'VAULT_SOURCE_MISMATCH' });
    await expect(run(100, sha256(Buffer.from('other')))).rejects.toMatchObject({ code: 'VAULT_SOURCE_MISMATCH' });
  });

  it('rejects unusable options up front', async () => {
    const base = { source: Readable.from([]), destination: new Writable(), artifactId: 'a', kek, plaintextSize: 0, plaintextSha256: sha256(Buffer.alloc(0)) };
    await expect(encryptArtifact({ ...base, kek: { id: 'k', key: randomBytes(16) } })).rejects.toMatchObject({ code: 'VAULT_INVALID_ARGUMENT' });
    await expect(encryptArtifact({ ...base, artifactId: 'has space' })).rejects.toMatchObject({ code: 'VAULT_INVALID_ARGUMENT' });
    await expect(encryptArtifact({ ...base, chunkSize: 0 })).rejects.toMatchObject({ code: 'VAULT_INVALID_ARGUMENT' });
    await expect(encryptArtifact({ ...base, plaintextSha256: undefined })).rejects.toMatchObject({ code: 'VAULT_INVALID_ARGUMENT' });
  });

  it('restores an artifact large enough to be hashed on the worker thread', async () => {
    const plaintext = randomBytes(WORKER_HASH_MIN_BYTES + 5);
    const [inPath, sealedPath, outPath] = ['big-in', 'big.vault', 'big-out'].map((n) => join(dir, n)) as [string, string, string];
    await writeFile(inPath, plaintext);
    const sealed = await encryptFile(inPath, sealedPath, { artifactId: 'big', kek });
    const opened = await decryptToFile(sealedPath, outPath, kek, { expectedPlaintextSha256: sealed.sha256 });
    expect(opened.sha256).toBe(sha256(plaintext));
    expect((await readFile(outPath)).equals(plaintext)).toBe(true);
    await Promise.all([inPath, sealedPath, outPath].map((path) => rm(path)));
  });

  // The per-chunk tags stop outsiders; this check stops a buggy or malicious writer holding the KEK.
  it('refuses an artifact whose writer put a wrong plaintext SHA-256 in the header, on both hash paths', async () => {
    for (const size of [5 * CHUNK, WORKER_HASH_MIN_BYTES]) {
      const plaintext = randomBytes(size);
      const parts: Buffer[] = [];
      const destination = new Writable({ write: (chunk: Buffer, _enc, done) => { parts.push(chunk); done(); } });
      const lying = encryptArtifact({ source: Readable.from([plaintext]), destination, artifactId: 'liar', kek, plaintextSize: size, plaintextSha256: sha256(Buffer.from('other')) });
      await expect(lying).rejects.toMatchObject({ code: 'VAULT_SOURCE_MISMATCH' });
      const caseDir = await mkdtemp(join(dir, 'liar-'));
      await writeFile(join(caseDir, 'liar.vault'), Buffer.concat(parts));
      await expect(decryptToFile(join(caseDir, 'liar.vault'), join(caseDir, 'out.bin'), kek)).rejects.toMatchObject({ code: 'VAULT_INTEGRITY' });
      expect(await readdir(caseDir)).toEqual(['liar.vault']);
      await rm(caseDir, { recursive: true });
    }
  });

  it('leaves no temp file behind when encryption fails', async () => {
    const outDir = await mkdtemp(join(dir, 'fail-'));
    await expect(encryptFile(join(outDir, 'missing'), join(outDir, 'out.vault'), { artifactId: 'a', kek })).rejects.toMatchObject({ code: 'VAULT_IO_FAILED' });
    await expect(encryptFile(outDir, join(outDir, 'out.vault'), { artifactId: 'a', kek })).rejects.toMatchObject({ code: 'VAULT_INVALID_ARGUMENT' });
    expect(await readdir(outDir)).toEqual([]);
  });
});
