import { createPrivateKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateIdentity, type SigningIdentity } from '../access/index.js';
import type { PolicyRelease } from '../store/index.js';
import { assertTrustedRelease, policySignersOf, releaseSignatureProblem, signPolicyRelease } from './policy-release-signature.js';

function identity(name: string): { signing: SigningIdentity; publicKey: string } {
  const made = generateIdentity(name);
  return { signing: { keyId: made.keyId, publicKey: made.publicKey, privateKey: createPrivateKey(made.privateKeyPem) }, publicKey: made.publicKey };
}

const oncall = identity('oncall');
const other = identity('other');
const signers = policySignersOf([oncall.publicKey]);

function release(overrides: Partial<PolicyRelease> = {}): PolicyRelease {
  const fields = { seq: 4, name: 'bulwark-default', version: '2026.11.29-1', sha256: 'a'.repeat(64), body: 'name: bulwark-default\n# ✓\n', publishedBy: 'alice' };
  return { ...fields, publishedAt: 1, ...signPolicyRelease(oncall.signing, fields), ...overrides };
}

describe('policy release signatures', () => {
  it('accepts exactly the release a trusted key signed', () => {
    expect(releaseSignatureProblem(release(), signers)).toBeNull();
    expect(() => assertTrustedRelease(release(), signers)).not.toThrow();
    // publishedAt is the store's clock, not part of what was signed.
    expect(releaseSignatureProblem(release({ publishedAt: 99 }), signers)).toBeNull();
  });

  it('refuses a change to any signed field: number, name, version, fingerprint, text (one character) or publisher', () => {
    for (const change of [{ seq: 5 }, { name: 'x' }, { version: 'x' }, { sha256: 'b'.repeat(64) }, { body: 'name: bulwark-default\n# ✗\n' }, { publishedBy: 'mallory' }]) {
      expect(releaseSignatureProblem(release(change), signers), JSON.stringify(change)).toMatch(/does not verify/);
    }
  });

  it('refuses unsigned releases and keys not in guard.policySigners, naming the key', () => {
    expect(releaseSignatureProblem(release({ signerKeyId: null, signature: null }), signers)).toBe('is not signed');
    const fields = { seq: 4, name: 'n', version: 'v', sha256: 'a'.repeat(64), body: 'b', publishedBy: 'p' };
    const foreign = { ...fields, publishedAt: 1, ...signPolicyRelease(other.signing, fields) };
    expect(releaseSignatureProblem(foreign, signers)).toContain(`key ${other.signing.keyId.slice(0, 16)}, which is not in guard.policySigners`);
    // Claiming a trusted key id does not help a signature made with another key.
    expect(releaseSignatureProblem({ ...foreign, signerKeyId: oncall.signing.keyId }, signers)).toMatch(/does not verify/);
    expect(() => assertTrustedRelease(foreign, signers)).toThrow(expect.objectContaining({ code: 'POLICY_RELEASE_UNTRUSTED' }));
  });

  it('treats a malformed signature as not verifying rather than throwing', () => {
    expect(releaseSignatureProblem(release({ signature: 'not base64 at all' }), signers)).toMatch(/does not verify/);
  });
});
