import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { BulwarkError } from '../core/errors.js';
import { sha256Hex } from '../core/hash.js';
import { canonicalBytes } from './canonical-json.js';

/**
 * Every kind of signed object has its own domain tag, prefixed to the canonical bytes. Threat: without
 * it, a signature over one kind of object (an approval) could be replayed as another (a revocation or
 * a break-glass request) whenever the two happened to share a shape.
 */
export const SIGNATURE_DOMAINS = {
  accessRequest: 'bulwark/v1/access-request',
  breakGlass: 'bulwark/v1/break-glass',
  usersChange: 'bulwark/v1/users-change',
  decision: 'bulwark/v1/access-decision',
  revoke: 'bulwark/v1/access-revoke',
  review: 'bulwark/v1/break-glass-review',
  /** A guard policy released through the store (server/policy-release-signature.ts). */
  policyRelease: 'bulwark/v1/policy-release',
} as const;

export type SignatureDomain = keyof typeof SIGNATURE_DOMAINS;

/** Ed25519 raw public keys are 32 bytes, signatures 64; both travel as standard base64. */
const RAW_PUBLIC_KEY = /^[A-Za-z0-9+/]{43}=$/;
const SIGNATURE = /^[A-Za-z0-9+/]{86}==$/;

/** The exact bytes a signer signs: `domain tag ‖ "\n" ‖ canonical JSON`, UTF-8. */
export function signedBytes(domain: SignatureDomain, payload: unknown): Buffer {
  return Buffer.concat([Buffer.from(`${SIGNATURE_DOMAINS[domain]}\n`, 'utf8'), canonicalBytes(payload)]);
}

/** Hex SHA-256 of the signed bytes: what approvals, revocations and reviews point at. */
export function payloadDigest(domain: SignatureDomain, payload: unknown): string {
  return sha256Hex(signedBytes(domain, payload));
}

export function signPayload(privateKey: KeyObject, domain: SignatureDomain, payload: unknown): string {
  return sign(null, signedBytes(domain, payload), privateKey).toString('base64');
}

/** Hex SHA-256 of the raw 32-byte public key; the identity of a person everywhere in Bulwark. */
export function keyIdOf(rawPublicKeyBase64: string): string {
  return sha256Hex(Buffer.from(rawPublicKeyBase64, 'base64'));
}

export function isRawPublicKey(value: string): boolean {
  return RAW_PUBLIC_KEY.test(value) && Buffer.from(value, 'base64').length === 32;
}

export function publicKeyFromRaw(rawBase64: string): KeyObject {
  if (!isRawPublicKey(rawBase64)) {
    throw new BulwarkError('ACCESS_INVALID_PAYLOAD', 'A public key must be 32 raw Ed25519 bytes in base64.');
  }
  const x = Buffer.from(rawBase64, 'base64').toString('base64url');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
}

/** The raw 32 bytes (base64) of an Ed25519 public or private KeyObject. */
export function rawPublicKeyOf(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  if (publicKey.asymmetricKeyType !== 'ed25519') {
    throw new BulwarkError('ACCESS_INVALID_PAYLOAD', 'Only Ed25519 keys are accepted.');
  }
  const jwk = publicKey.export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new BulwarkError('ACCESS_INVALID_PAYLOAD', 'Only Ed25519 keys are accepted.');
  return Buffer.from(jwk.x, 'base64url').toString('base64');
}

/**
 * True only for a well-formed signature by `rawPublicKeyBase64` over exactly these bytes. Never
 * throws on attacker-controlled input: a malformed key, signature or payload is simply "invalid",
 * so callers raise one fixed ACCESS_SIGNATURE_INVALID (no oracle for which part was wrong).
 */
export function verifyPayload(rawPublicKeyBase64: string, domain: SignatureDomain, payload: unknown, signature: unknown): boolean {
  if (typeof signature !== 'string' || !SIGNATURE.test(signature)) return false;
  try {
    return verify(null, signedBytes(domain, payload), publicKeyFromRaw(rawPublicKeyBase64), Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

export function signatureInvalid(): BulwarkError {
  return new BulwarkError('ACCESS_SIGNATURE_INVALID', 'A signature did not verify.');
}
