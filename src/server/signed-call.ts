import { createPublicKey, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { canonicalize, DEFAULT_MAX_CLOCK_SKEW_SECONDS, type AccessService, type AccessUser, type SigningIdentity, type UserRole } from '../access/index.js';
import { BulwarkError } from '../core/errors.js';

/**
 * Vault calls that are not access requests (put, get, seal) still need to know who is calling: a
 * grant id alone would be a bearer token anyone could read off `access list`. The caller signs
 * `{ action, target, keyId, time, nonce }` under its own domain tag (so the signature is useless as
 * any access object) and sends it base64url-encoded in one header.
 */
export const CALL_HEADER = 'x-bulwark-call';
const CALL_DOMAIN = 'bulwark/v1/vault-call';

export type CallAction = 'vault.put' | 'vault.get' | 'vault.seal' | 'vault.rekey';

export interface CallPayload {
  readonly action: CallAction;
  /** What the call acts on: the artifact name (+ `#grant` for get), or `vault`. */
  readonly target: string;
  readonly keyId: string;
  readonly time: number;
  readonly nonce: string;
}

function callBytes(payload: CallPayload): Buffer {
  return Buffer.from(`${CALL_DOMAIN}\n${canonicalize(payload)}`, 'utf8');
}

/** Client side: the header value for one call. */
export function signCall(identity: SigningIdentity, action: CallAction, target: string, now: number): string {
  const payload: CallPayload = { action, target, keyId: identity.keyId, time: now, nonce: randomBytes(16).toString('hex') };
  const signature = sign(null, callBytes(payload), identity.privateKey).toString('base64');
  return Buffer.from(JSON.stringify({ payload, signature }), 'utf8').toString('base64url');
}

function publicKeyOfUser(user: AccessUser): KeyObject {
  const x = Buffer.from(user.publicKey, 'base64').toString('base64url');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
}

function signatureInvalid(): BulwarkError {
  return new BulwarkError('ACCESS_SIGNATURE_INVALID', 'A signature did not verify.');
}

/** Attacker-controlled header: parsed into plain data, every field checked, one fixed error otherwise. */
function parseCall(value: string | string[] | undefined): { payload: CallPayload; signature: string } {
  if (typeof value !== 'string' || value.length > 4096) {
    throw new BulwarkError('ACCESS_SIGNATURE_INVALID', `This call must be signed: send the ${CALL_HEADER} header (the CLI does).`);
  }
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as { payload?: Record<string, unknown>; signature?: unknown };
    const p = parsed.payload ?? {};
    const ok =
      typeof parsed.signature === 'string' &&
      typeof p.action === 'string' &&
      typeof p.target === 'string' &&
      typeof p.keyId === 'string' &&
      /^[0-9a-f]{64}$/.test(p.keyId) &&
      Number.isSafeInteger(p.time) &&
      typeof p.nonce === 'string' &&
      /^[0-9a-f]{32}$/.test(p.nonce) &&
      Object.keys(p).length === 5;
    if (!ok) throw signatureInvalid();
    const payload: CallPayload = { action: p.action as CallAction, target: p.target as string, keyId: p.keyId as string, time: p.time as number, nonce: p.nonce as string };
    return { payload, signature: parsed.signature as string };
  } catch {
    throw signatureInvalid();
  }
}

/**
 * Returns the registered user who signed exactly this action on this target, recently, holding one
 * of `roles`. Replays are bounded by the clock-skew window (and, for get, by the grant's use count).
 */
export async function verifyCall(
  headers: IncomingHttpHeaders,
  expected: { action: CallAction; target: string; roles: readonly UserRole[] },
  access: AccessService,
  now: number,
): Promise<AccessUser> {
  const { payload, signature } = parseCall(headers[CALL_HEADER]);
  if (payload.action !== expected.action || payload.target !== expected.target) throw signatureInvalid();
  if (Math.abs(now - payload.time) > DEFAULT_MAX_CLOCK_SKEW_SECONDS * 1000) {
    throw new BulwarkError('ACCESS_CLOCK_SKEW', 'The signed call time is too far from the server clock.');
  }
  const user = (await access.listUsers()).find((candidate) => candidate.keyId === payload.keyId);
  if (user === undefined) throw new BulwarkError('ACCESS_UNKNOWN_IDENTITY', 'The signing key is not a registered user.');
  let valid = false;
  try {
    valid = verify(null, callBytes(payload), publicKeyOfUser(user), Buffer.from(signature, 'base64'));
  } catch {
    valid = false;
  }
  if (!valid) throw signatureInvalid();
  if (!expected.roles.some((role) => user.roles.includes(role))) {
    throw new BulwarkError('ACCESS_NOT_AUTHORIZED', `This call needs the ${expected.roles.join(' or ')} role.`);
  }
  return user;
}
