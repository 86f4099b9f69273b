import { generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkpointBody, checkpointSignatureValid, describeCheckpointProblem, formatSignedNote, logKeyId, publicKeyFromRaw, rawPublicKey, signCheckpoint } from './checkpoint.js';
import { hashLeaf } from './tree-hash.js';

const key = generateKeyPairSync('ed25519');
const body = { origin: 'example.org/bulwark-audit', size: 8, root: '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328', time: 1_700_000_000_000 };

describe('checkpoints', () => {
  it('signs the C2SP checkpoint layout (origin, size, base64 root) with the time as an extension line', () => {
    expect(checkpointBody(body)).toBe('example.org/bulwark-audit\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\ntime 1700000000000\n');
    const signed = signCheckpoint(body, key.privateKey, key.publicKey);
    // Anyone can check it with nothing but the body bytes and the public key.
    expect(verify(null, Buffer.from(checkpointBody(body)), key.publicKey, Buffer.from(signed.signature, 'base64'))).toBe(true);
    expect(checkpointSignatureValid(signed, key.publicKey)).toBe(true);
  });

  it('rejects any changed field, another key, and malformed values', () => {
    const signed = signCheckpoint(body, key.privateKey, key.publicKey);
    const other = generateKeyPairSync('ed25519');
    for (const changed of [
      { ...signed, size: 9 },
      { ...signed, time: signed.time + 1 },
      { ...signed, root: '0'.repeat(64) },
      { ...signed, origin: 'example.org/other' },
      { ...signed, keyId: '00000000' },
      { ...signed, signature: signed.signature.slice(4) },
    ]) {
      expect(checkpointSignatureValid(changed, key.publicKey)).toBe(false);
    }
    expect(checkpointSignatureValid(signed, other.publicKey)).toBe(false);
    expect(describeCheckpointProblem({ ...signed, size: -1 })).toMatch(/size/);
    expect(describeCheckpointProblem({ ...signed, origin: 'has space' })).toMatch(/origin/);
    expect(describeCheckpointProblem({ ...signed, root: 'ZZ' })).toMatch(/root/);
    expect(describeCheckpointProblem(signed)).toBeNull();
  });

  it('formats a signed note whose key hash follows the signed-note rule', () => {
    const signed = signCheckpoint(body, key.privateKey, key.publicKey);
    const note = formatSignedNote(signed);
    const [text, signatureLine] = note.split('\n\n');
    expect(text! + '\n').toBe(checkpointBody(body));
    const blob = Buffer.from(signatureLine!.replace(/^\u2014 example\.org\/bulwark-audit /, '').trim(), 'base64');
    expect(blob.subarray(0, 4).toString('hex')).toBe(logKeyId(body.origin, key.publicKey));
    expect(blob.subarray(4).toString('base64')).toBe(signed.signature);
  });

  it('round-trips the raw public key', () => {
    expect(publicKeyFromRaw(rawPublicKey(key.publicKey)).equals(key.publicKey)).toBe(true);
  });

  it('hashes a leaf identically from text and from its UTF-8 bytes', () => {
    for (const text of ['', 'abc', '{"é":"\u2028"}', '\u0000x']) expect(hashLeaf(text)).toEqual(hashLeaf(Buffer.from(text, 'utf8')));
  });
});
