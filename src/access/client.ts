import { DEFAULT_BREAK_GLASS_TTL_SECONDS, DEFAULT_REQUEST_TTL_SECONDS } from './approval-policy.js';
import type { SigningIdentity } from './identity.js';
import {
  newNonce,
  signEnvelope,
  type AccessRequestPayload,
  type AccessScope,
  type DecisionPayload,
  type ReviewPayload,
  type RevokePayload,
  type SignedEnvelope,
  type UserChange,
  type UsersChangePayload,
} from './payloads.js';
import type { RequestKind } from './records.js';
import { payloadDigest } from './signing.js';
import { domainOf } from './stored-payloads.js';

/**
 * What the CLI (or a console with a hardware key, later) uses to build and sign payloads. Pure apart
 * from the random nonce; `now` is passed in so the caller's clock is explicit.
 */

export interface AccessRequestInput {
  readonly artifactId: string;
  readonly artifactSha256: string;
  readonly ttlSeconds: number;
  readonly reason: string;
  readonly now: number;
  readonly scope?: AccessScope;
  /** Default null (any number of uses within the TTL, unless the policy says single use). */
  readonly maxUses?: number | null;
  /** How long approvers have; default DEFAULT_REQUEST_TTL_SECONDS. */
  readonly requestTtlSeconds?: number;
}

export function signAccessRequest(identity: SigningIdentity, input: AccessRequestInput): SignedEnvelope<AccessRequestPayload> {
  return signEnvelope(identity, 'accessRequest', {
    artifactId: input.artifactId,
    artifactSha256: input.artifactSha256,
    scope: input.scope ?? 'read',
    ttlSeconds: input.ttlSeconds,
    maxUses: input.maxUses ?? null,
    reason: input.reason,
    requesterKeyId: identity.keyId,
    nonce: newNonce(),
    createdAt: input.now,
    expiresAt: input.now + (input.requestTtlSeconds ?? DEFAULT_REQUEST_TTL_SECONDS) * 1000,
  });
}

export function signBreakGlass(
  identity: SigningIdentity,
  input: Omit<AccessRequestInput, 'requestTtlSeconds' | 'ttlSeconds'> & { readonly ttlSeconds?: number },
): SignedEnvelope<AccessRequestPayload> {
  const ttlSeconds = input.ttlSeconds ?? DEFAULT_BREAK_GLASS_TTL_SECONDS;
  return signEnvelope(identity, 'breakGlass', {
    artifactId: input.artifactId,
    artifactSha256: input.artifactSha256,
    scope: input.scope ?? 'read',
    ttlSeconds,
    maxUses: input.maxUses ?? null,
    reason: input.reason,
    requesterKeyId: identity.keyId,
    nonce: newNonce(),
    createdAt: input.now,
    expiresAt: input.now + ttlSeconds * 1000,
  });
}

export function signUsersChange(
  identity: SigningIdentity,
  input: { readonly change: UserChange; readonly reason: string; readonly now: number; readonly requestTtlSeconds?: number },
): SignedEnvelope<UsersChangePayload> {
  return signEnvelope(identity, 'usersChange', {
    change: input.change,
    reason: input.reason,
    requesterKeyId: identity.keyId,
    nonce: newNonce(),
    createdAt: input.now,
    expiresAt: input.now + (input.requestTtlSeconds ?? DEFAULT_REQUEST_TTL_SECONDS) * 1000,
  });
}

/**
 * The digest an approver signs, recomputed from the payload they were shown, so a server that lies
 * about the digest cannot get a signature over a different request.
 */
export function requestDigestOf(kind: RequestKind, payload: unknown): string {
  return payloadDigest(domainOf(kind), payload);
}

export function signDecision(
  identity: SigningIdentity,
  input: { readonly requestDigest: string; readonly decision: 'approve' | 'deny'; readonly reason?: string; readonly now: number },
): SignedEnvelope<DecisionPayload> {
  return signEnvelope(identity, 'decision', {
    requestDigest: input.requestDigest,
    approverKeyId: identity.keyId,
    decision: input.decision,
    reason: input.reason ?? '',
    time: input.now,
    nonce: newNonce(),
  });
}

export function signRevoke(identity: SigningIdentity, input: { readonly requestDigest: string; readonly reason: string; readonly now: number }): SignedEnvelope<RevokePayload> {
  return signEnvelope(identity, 'revoke', { requestDigest: input.requestDigest, revokerKeyId: identity.keyId, reason: input.reason, time: input.now, nonce: newNonce() });
}

export function signReview(identity: SigningIdentity, input: { readonly requestDigest: string; readonly note: string; readonly now: number }): SignedEnvelope<ReviewPayload> {
  return signEnvelope(identity, 'review', { requestDigest: input.requestDigest, reviewerKeyId: identity.keyId, note: input.note, time: input.now, nonce: newNonce() });
}
