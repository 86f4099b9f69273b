import { signPayload, verifyPayload, keyIdOf, type SigningIdentity } from '../access/index.js';
import { BulwarkError } from '../core/errors.js';
import { sha256Hex } from '../core/hash.js';
import type { PolicyRelease } from '../store/index.js';

/**
 * What the signer of a policy release vouches for. The number is in it so that a signed release cannot
 * be replayed under another number (an old, weaker policy re-added as the newest); the SHA-256 of the
 * exact text so that not one byte of what replicas parse can change; the name, version, fingerprint and
 * publisher so that what `policy releases` lists is what was signed.
 */
export interface PolicyReleaseClaim {
  readonly seq: number;
  readonly name: string;
  readonly version: string;
  /** policyFingerprint's SHA-256 (of the canonical JSON). */
  readonly sha256: string;
  /** SHA-256 of `body` as UTF-8: the text replicas parse. */
  readonly bodySha256: string;
  readonly publishedBy: string;
}

type ClaimedFields = Pick<PolicyRelease, 'seq' | 'name' | 'version' | 'sha256' | 'body' | 'publishedBy'>;

export function policyReleaseClaim(release: ClaimedFields): PolicyReleaseClaim {
  return {
    seq: release.seq,
    name: release.name,
    version: release.version,
    sha256: release.sha256,
    bodySha256: sha256Hex(Buffer.from(release.body, 'utf8')),
    publishedBy: release.publishedBy,
  };
}

export function signPolicyRelease(identity: SigningIdentity, release: ClaimedFields): { signerKeyId: string; signature: string } {
  return { signerKeyId: identity.keyId, signature: signPayload(identity.privateKey, 'policyRelease', policyReleaseClaim(release)) };
}

/** `guard.policySigners` (raw base64 keys) by key id. */
export type PolicySigners = ReadonlyMap<string, string>;

export function policySignersOf(rawPublicKeys: readonly string[]): PolicySigners {
  return new Map(rawPublicKeys.map((key) => [keyIdOf(key), key]));
}

/** Why a release may not be put in force, or null when a trusted key signed exactly it. */
export function releaseSignatureProblem(release: PolicyRelease, signers: PolicySigners): string | null {
  if (release.signerKeyId === null || release.signature === null) return 'is not signed';
  const key = signers.get(release.signerKeyId);
  if (key === undefined) return `is signed by key ${release.signerKeyId.slice(0, 16)}, which is not in guard.policySigners`;
  if (!verifyPayload(key, 'policyRelease', policyReleaseClaim(release), release.signature)) {
    return `carries a signature by key ${release.signerKeyId.slice(0, 16)} that does not verify over its number and text (edited, or copied from another release)`;
  }
  return null;
}

/** Throws POLICY_RELEASE_UNTRUSTED unless a key in guard.policySigners signed exactly this release. */
export function assertTrustedRelease(release: PolicyRelease, signers: PolicySigners): void {
  const problem = releaseSignatureProblem(release, signers);
  if (problem !== null) {
    throw new BulwarkError('POLICY_RELEASE_UNTRUSTED', `policy release ${release.seq} ${problem}; servers put in force only releases signed by a key in guard.policySigners`);
  }
}
