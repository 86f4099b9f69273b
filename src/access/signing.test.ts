import { createPrivateKey, verify } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateIdentity } from './identity.js';
import { newNonce } from './payloads.js';
import { keyIdOf, payloadDigest, publicKeyFromRaw, SIGNATURE_DOMAINS, signedBytes, signPayload, verifyPayload, type SignatureDomain } from './signing.js';

const hex = (h: string) => Buffer.from(h, 'hex');
const identity = generateIdentity('tester');
const privateKey = createPrivateKey(identity.privateKeyPem);

const requestPayload = {
  artifactId: 'llama-ckpt-7',
  artifactSha256: 'a'.repeat(64),
  scope: 'read',
  ttlSeconds: 3600,
  maxUses: null,
  reason: 'eval',
  requesterKeyId: identity.keyId,
  nonce: newNonce(),
  createdAt: 1_735_722_000_000,
  expiresAt: 1_735_725_600_000,
};

describe('Ed25519 over raw keys', () => {
  it('verifies the RFC 8032 §7.1 TEST 2 vector through publicKeyFromRaw', () => {
    const publicKey = hex('3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c');
    const signature = hex(
      '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
    );
    expect(verify(null, hex('72'), publicKeyFromRaw(publicKey.toString('base64')), signature)).toBe(true);
    expect(keyIdOf(publicKey.toString('base64'))).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a generated identity’s key id is the SHA-256 of its raw public key', () => {
    expect(Buffer.from(identity.publicKey, 'base64')).toHaveLength(32);
    expect(identity.keyId).toBe(keyIdOf(identity.publicKey));
  });
});

describe('domain-separated signatures', () => {
  it('signs exactly `tag \\n canonical-json`', () => {
    const bytes = signedBytes('accessRequest', { b: 1, a: 2 }).toString('utf8');
    expect(bytes).toBe('bulwark/v1/access-request\n{"a":2,"b":1}');
  });

  it('a signature made in one domain verifies in no other', () => {
    const signature = signPayload(privateKey, 'accessRequest', requestPayload);
    for (const domain of Object.keys(SIGNATURE_DOMAINS) as SignatureDomain[]) {
      expect(verifyPayload(identity.publicKey, domain, requestPayload, signature), domain).toBe(domain === 'accessRequest');
    }
    expect(payloadDigest('accessRequest', requestPayload)).not.toBe(payloadDigest('breakGlass', requestPayload));
  });

  it('any single-byte change to the signed bytes fails verification', () => {
    const bytes = signedBytes('accessRequest', requestPayload);
    const signature = Buffer.from(signPayload(privateKey, 'accessRequest', requestPayload), 'base64');
    const publicKey = publicKeyFromRaw(identity.publicKey);
    fc.assert(
      fc.property(fc.nat({ max: bytes.length - 1 }), fc.integer({ min: 1, max: 255 }), (at, mask) => {
        const changed = Buffer.from(bytes);
        changed[at] = changed[at]! ^ mask;
        expect(verify(null, changed, publicKey, signature)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('any change to a field of the payload fails verification', () => {
    const signature = signPayload(privateKey, 'accessRequest', requestPayload);
    const fields = Object.keys(requestPayload) as (keyof typeof requestPayload)[];
    fc.assert(
      fc.property(fc.constantFrom(...fields), fc.oneof(fc.string(), fc.integer(), fc.constant(null)), (field, value) => {
        fc.pre(value !== requestPayload[field]);
        expect(verifyPayload(identity.publicKey, 'accessRequest', { ...requestPayload, [field]: value }, signature)).toBe(false);
      }),
    );
  });

  it('treats malformed signatures and keys as invalid without throwing', () => {
    for (const bad of ['', 'x', 'A'.repeat(88), 42, null]) expect(verifyPayload(identity.publicKey, 'decision', {}, bad)).toBe(false);
    const signature = signPayload(privateKey, 'decision', {});
    expect(verifyPayload('not-a-key', 'decision', {}, signature)).toBe(false);
    expect(verifyPayload(identity.publicKey, 'decision', { x: NaN }, signature)).toBe(false);
  });
});
