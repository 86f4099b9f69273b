import { randomBytes, sign } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { canonicalize } from '../access/canonical-json.js';
import type { SigningIdentity } from '../access/identity.js';
import { BulwarkError } from '../core/errors.js';
import { verifyAllowlistSignatureWithDomain } from './changes.js';
import type { KeyDirectory, KeyHolder } from './ports.js';

/**
 * Client reports (a monitor's unknown process, an exec the client refused before any release) are signed
 * like vault calls (src/server/signed-call.ts) but under a domain tag of their own, so a signature
 * here is useless as a vault call or an allowlist change, and vice versa.
 */
export const ALLOWLIST_CALL_HEADER = 'x-bulwark-allowlist-call';
const CALL_DOMAIN = 'bulwark/v1/allowlist-call';
const MAX_SKEW_MS = 300_000;

export type AllowlistCallAction = 'allowlist.report';

interface CallPayload {
  readonly action: AllowlistCallAction;
  /** SHA-256 of the request body's canonical JSON: the signature covers what is reported. */
  readonly bodySha256: string;
  readonly keyId: string;
  readonly time: number;
  readonly nonce: string;
}

export function signAllowlistCall(identity: SigningIdentity, action: AllowlistCallAction, bodySha256: string, now: number): string {
  const payload: CallPayload = { action, bodySha256, keyId: identity.keyId, time: now, nonce: randomBytes(16).toString('hex') };
  const signature = sign(null, Buffer.from(`${CALL_DOMAIN}\n${canonicalize(payload)}`, 'utf8'), identity.privateKey).toString('base64');
  return Buffer.from(JSON.stringify({ payload, signature }), 'utf8').toString('base64url');
}

function invalid(): BulwarkError {
  return new BulwarkError('ALLOWLIST_SIGNATURE_INVALID', 'A signature on the allowlist call does not verify.');
}

/** Returns the registered signer of exactly this action over exactly this body, signed recently. */
export async function verifyAllowlistCall(
  headers: IncomingHttpHeaders,
  expected: { action: AllowlistCallAction; bodySha256: string },
  keys: KeyDirectory,
  now: number,
): Promise<KeyHolder> {
  const value = headers[ALLOWLIST_CALL_HEADER];
  if (typeof value !== 'string' || value.length > 4096) throw invalid();
  let payload: CallPayload;
  let signature: unknown;
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as { payload?: Record<string, unknown>; signature?: unknown };
    const p = parsed.payload ?? {};
    if (
      typeof p.action !== 'string' || typeof p.bodySha256 !== 'string' || typeof p.keyId !== 'string' || !/^[0-9a-f]{64}$/.test(p.keyId) ||
      !Number.isSafeInteger(p.time) || typeof p.nonce !== 'string' || !/^[0-9a-f]{32}$/.test(p.nonce) || Object.keys(p).length !== 5
    ) throw invalid();
    payload = { action: p.action as AllowlistCallAction, bodySha256: p.bodySha256, keyId: p.keyId, time: p.time as number, nonce: p.nonce };
    signature = parsed.signature;
  } catch {
    throw invalid();
  }
  if (payload.action !== expected.action || payload.bodySha256 !== expected.bodySha256) throw invalid();
  if (Math.abs(now - payload.time) > MAX_SKEW_MS) throw new BulwarkError('ALLOWLIST_CHANGE_EXPIRED', 'The signed call time is too far from the server clock.');
  const holder = await keys.find(payload.keyId);
  if (holder === null || !verifyAllowlistSignatureWithDomain(holder.publicKey, CALL_DOMAIN, payload, signature)) throw invalid();
  return holder;
}
