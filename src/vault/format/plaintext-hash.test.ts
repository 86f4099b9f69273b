import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { plaintextHash, WORKER_HASH_MIN_BYTES } from './plaintext-hash.js';

const wipedOrDetached = (chunk: Buffer): boolean => chunk.length === 0 || chunk.every((byte) => byte === 0);

describe.each([
  ['on the main thread', 1000],
  ['on the worker', WORKER_HASH_MIN_BYTES],
])('plaintext SHA-256 %s', (_where, totalBytes) => {
  it('hashes chunks in index order whatever order they arrive in, and wipes each', async () => {
    const chunks = Array.from({ length: 9 }, (_, i) => randomBytes(1000 + i));
    const expected = createHash('sha256').update(Buffer.concat(chunks)).digest();
    const given = chunks.map((chunk) => Buffer.from(chunk));
    const hash = plaintextHash(totalBytes);
    try {
      for (const index of [1, 0, 2, 5, 3, 4, 8, 7, 6]) await hash.add(index, given[index]!);
      expect(await hash.digest()).toEqual(expected);
    } finally {
      await hash.close();
    }
    expect(given.every(wipedOrDetached)).toBe(true);
  });

  it('wipes chunks still waiting for an earlier one when closed after a failure', async () => {
    const hash = plaintextHash(totalBytes);
    const waiting = randomBytes(4096);
    await hash.add(1, waiting);
    await hash.close();
    expect(wipedOrDetached(waiting)).toBe(true);
  });
});
