import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { BulwarkError } from '../core/errors.js';
import type { SigningIdentity } from './identity.js';
import { signPayload, type SignatureDomain } from './signing.js';

/**
 * The objects people sign. Each is a strict schema: an unknown field is refused rather than ignored,
 * because a signed-but-ignored field is a place to hide meaning the server never checked.
 */

export const ACCESS_SCOPES = ['read'] as const;
export type AccessScope = (typeof ACCESS_SCOPES)[number];

export const USER_ROLES = ['requester', 'approver', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const MAX_REASON_CHARS = 1_000;
export const MAX_POOLS_PER_USER = 16;
/** A week; policy caps grants far lower, this only bounds what a payload may claim. */
export const MAX_TTL_SECONDS = 7 * 24 * 3600;
export const MAX_GRANT_USES = 1_000_000;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'lowercase hex SHA-256 (64 characters)');
const nonce = z.string().regex(/^[0-9a-f]{32}$/, '128-bit random nonce as 32 lowercase hex characters');
const epochMs = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
// The vault's own rule for artifact ids (src/vault/format/header.ts).
const artifactId = z.string().regex(/^[\x21-\x7e]{1,255}$/, '1-255 printable ASCII characters without spaces');
const reason = z.string().max(MAX_REASON_CHARS);
export const userNameSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/, 'a user name (letters, digits, . _ @ -)');
export const poolNameSchema = z.string().regex(/^[a-z][a-z0-9-]{0,63}$/, 'a pool name (lowercase letters, digits, -)');
const rawPublicKey = z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'a raw Ed25519 public key in base64');
const unique = <T>(items: readonly T[]): boolean => new Set(items).size === items.length;
const roles = z.array(z.enum(USER_ROLES)).min(1).max(USER_ROLES.length).refine(unique, 'roles must be unique');
const pools = z.array(poolNameSchema).max(MAX_POOLS_PER_USER).refine(unique, 'pools must be unique');

/** An access request; break-glass uses the same shape under its own signature domain. */
export const accessRequestSchema = z.strictObject({
  artifactId,
  artifactSha256: hex64,
  scope: z.enum(ACCESS_SCOPES),
  ttlSeconds: z.number().int().min(1).max(MAX_TTL_SECONDS),
  /** null: as many uses as the TTL allows (the policy may still force single use). */
  maxUses: z.number().int().min(1).max(MAX_GRANT_USES).nullable(),
  reason: reason.min(1),
  requesterKeyId: hex64,
  nonce,
  createdAt: epochMs,
  /** Until when the request may be approved (break-glass: must equal createdAt + ttl). */
  expiresAt: epochMs,
});
export type AccessRequestPayload = z.infer<typeof accessRequestSchema>;

export const userChangeSchema = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('add'), name: userNameSchema, publicKey: rawPublicKey, roles, pools }),
  z.strictObject({ op: z.literal('update'), keyId: hex64, roles, pools }),
  z.strictObject({ op: z.literal('remove'), keyId: hex64 }),
]);
export type UserChange = z.infer<typeof userChangeSchema>;

export const usersChangeSchema = z.strictObject({
  change: userChangeSchema,
  reason: reason.min(1),
  requesterKeyId: hex64,
  nonce,
  createdAt: epochMs,
  expiresAt: epochMs,
});
export type UsersChangePayload = z.infer<typeof usersChangeSchema>;

/** An approval or a denial: it signs the digest of the exact request, never its id. */
export const decisionSchema = z.strictObject({
  requestDigest: hex64,
  approverKeyId: hex64,
  decision: z.enum(['approve', 'deny']),
  reason,
  time: epochMs,
  nonce,
});
export type DecisionPayload = z.infer<typeof decisionSchema>;

export const revokeSchema = z.strictObject({ requestDigest: hex64, revokerKeyId: hex64, reason, time: epochMs, nonce });
export type RevokePayload = z.infer<typeof revokeSchema>;

export const reviewSchema = z.strictObject({ requestDigest: hex64, reviewerKeyId: hex64, note: reason.min(1), time: epochMs, nonce });
export type ReviewPayload = z.infer<typeof reviewSchema>;

/** What travels over the API: the payload as signed plus a base64 Ed25519 signature. */
export interface SignedEnvelope<T = unknown> {
  readonly payload: T;
  readonly signature: string;
}

/** Attacker-controlled input: parse into a fresh plain copy, or refuse with every problem listed. */
export function parsePayload<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.slice(0, 20).map((issue) => ({
    path: issue.path.length === 0 ? what : `${what}.${issue.path.map(String).join('.')}`,
    message: issue.message,
  }));
  throw new BulwarkError('ACCESS_INVALID_PAYLOAD', `The ${what} is not valid.`, { problems });
}

export function newNonce(): string {
  return randomBytes(16).toString('hex');
}

export function signEnvelope<T>(identity: SigningIdentity, domain: SignatureDomain, payload: T): SignedEnvelope<T> {
  return { payload, signature: signPayload(identity.privateKey, domain, payload) };
}
