import { createDecipheriv, createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { chunkNonce } from './chunk-cipher.js';
import { decryptArtifact, readArtifactHeader } from './index.js';

/**
 * A fixed format-v1 artifact (KEK = bytes 0..31, id "kek-golden"; chunk size 16). It pins the byte
 * layout: if it stops decrypting, the format changed and FORMAT_VERSION must move with it.
 */
const GOLDEN = Buffer.from(
  [
    '8942575641554c540001008f00000010000000000000002667abf1f01f1cd308676f6c64656e2d310a6b656b2d676f6c',
    '64656e46ce84490ca861fbef9c6980ec4df7e8ff4133d55d881677ffc0995f51176c3955a29d81e8f1acb12bccdfca55',
    '921f5d874d76fa7938f5c6e6ca149318774a03e5fa15b2cd87fd24f691073449fbc0fb1e2ffe38a7d220e1283e07437e',
    '38a8c13aa5f060badb31a40654ddc4409cd2b3dbc977c4086cde9a51693e84597c02914065baf67906f1ed0f8f34eefa',
    'bee2627a240a14b36834f37dd38cb2ef9a880478f3d03619826b7a2ab7da931769a0b4f39c',
  ].join(''),
  'hex',
);
const PLAINTEXT = Buffer.from('bulwark vault format v1 golden vector\n');
const kek = { id: 'kek-golden', key: Buffer.from(Array.from({ length: 32 }, (_, i) => i)) };

function gcmOpen(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, sealed: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]);
}

describe('format v1 golden vector', () => {
  it('decrypts through the library', async () => {
    const out: Buffer[] = [];
    const result = await decryptArtifact({ source: Readable.from([GOLDEN]), kek, onChunk: (c) => void out.push(Buffer.from(c)) });
    expect(Buffer.concat(out)).toEqual(PLAINTEXT);
    expect(result.header).toMatchObject({ artifactId: 'golden-1', keyId: 'kek-golden', chunkSize: 16, plaintextSize: 38, headerSize: 143 });
    expect(await readArtifactHeader(GOLDEN)).toEqual(result.header);
  });

  it('decrypts with nothing but node:crypto and the layout in docs/vault-format.md', () => {
    const coreEnd = 32 + GOLDEN[31]! + 1 + GOLDEN[32 + GOLDEN[31]!]!;
    const core = GOLDEN.subarray(0, coreEnd);
    const sha = GOLDEN.subarray(coreEnd, coreEnd + 32);
    const wrapNonce = GOLDEN.subarray(coreEnd + 32, coreEnd + 44);
    const dataKey = gcmOpen(kek.key, wrapNonce, Buffer.concat([core, sha]), GOLDEN.subarray(coreEnd + 44, coreEnd + 92));
    const aad = createHash('sha256').update(core).digest();
    const prefix = GOLDEN.subarray(24, 31);
    const chunks = [16, 16, 6].map((length, i, all) => {
      const start = coreEnd + 92 + i * 32;
      const nonce = Buffer.concat([prefix, Buffer.from([0, 0, 0, i, i === all.length - 1 ? 1 : 0])]);
      return gcmOpen(dataKey, nonce, aad, GOLDEN.subarray(start, start + length + 16));
    });
    expect(Buffer.concat(chunks)).toEqual(PLAINTEXT);
    expect(createHash('sha256').update(PLAINTEXT).digest()).toEqual(sha);
  });

  it('builds nonces as prefix ‖ u32be counter ‖ last flag', () => {
    const prefix = Buffer.from('01020304050607', 'hex');
    expect(chunkNonce(prefix, 0x0a0b0c0d, true).toString('hex')).toBe('010203040506070a0b0c0d01');
    expect(chunkNonce(prefix, 0, false).toString('hex')).toBe('010203040506070000000000');
  });
});
