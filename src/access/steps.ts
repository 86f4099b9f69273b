import type { Kysely } from 'kysely';
import type { Clock } from '../core/clock.js';
import { BulwarkError } from '../core/errors.js';
import type { Database } from '../store/types.js';
import { getUser, isNonceUsed } from './access-repository.js';
import type { ApprovalPolicy } from './approval-policy.js';
import type { UserRole } from './payloads.js';
import type { AccessNotification, ArtifactDirectory, ArtifactInfo, AuditSink, NotificationOutcome, Notifier } from './ports.js';
import type { AccessUser } from './records.js';
import { signatureInvalid, verifyPayload, type SignatureDomain } from './signing.js';

/** Everything the access flows share; built once by createAccessService. */
export interface AccessContext {
  readonly db: Kysely<Database>;
  readonly audit: AuditSink;
  readonly notifier: Notifier | null;
  readonly artifacts: ArtifactDirectory;
  readonly clock: Clock;
  readonly policy: ApprovalPolicy;
  readonly onNotificationFailure: (error: unknown, notification: AccessNotification) => void;
}

/** The small named checks every flow is made of; each throws one typed error. */

export async function requireRegistered(ctx: AccessContext, keyId: string): Promise<AccessUser> {
  const user = await getUser(ctx.db, keyId);
  if (user === null) throw new BulwarkError('ACCESS_UNKNOWN_IDENTITY', 'The signing key is not a registered user.');
  return user;
}

export function requireSignature(user: AccessUser, domain: SignatureDomain, payload: unknown, signature: unknown): void {
  if (!verifyPayload(user.publicKey, domain, payload, signature)) throw signatureInvalid();
}

export function requireRole(user: AccessUser, role: UserRole): void {
  if (!user.roles.includes(role)) {
    throw new BulwarkError('ACCESS_NOT_AUTHORIZED', `This action needs the ${role} role.`);
  }
}

/**
 * Who signed, proven: the key must be registered and the signature verify before any role or
 * business rule is looked at, so an unauthenticated caller learns nothing beyond "401".
 */
export async function authenticateSigner(
  ctx: AccessContext,
  keyId: string,
  domain: SignatureDomain,
  payload: unknown,
  signature: unknown,
): Promise<AccessUser> {
  const user = await requireRegistered(ctx, keyId);
  requireSignature(user, domain, payload, signature);
  return user;
}

/** Threat: a signed payload captured long ago and replayed after its nonce record was pruned. */
export function requireFresh(ctx: AccessContext, time: number, now: number): void {
  if (Math.abs(time - now) > ctx.policy.maxClockSkewSeconds * 1000) {
    throw new BulwarkError('ACCESS_CLOCK_SKEW', "The signed time is too far from the server's clock; check the signer's clock.");
  }
}

export async function requireUnusedNonce(ctx: AccessContext, nonce: string): Promise<void> {
  if (await isNonceUsed(ctx.db, nonce)) throw replay();
}

export function replay(): BulwarkError {
  return new BulwarkError('ACCESS_REPLAY', 'This signed payload (its nonce) was already used.');
}

/** The artifact must exist and its plaintext hash must be the one that was signed. */
export async function requireArtifact(ctx: AccessContext, artifactId: string, sha256: string): Promise<ArtifactInfo> {
  const artifact = await ctx.artifacts.describe(artifactId);
  if (artifact === null) throw new BulwarkError('ACCESS_ARTIFACT_UNKNOWN', 'No artifact with that id is registered.');
  if (artifact.id !== artifactId || artifact.sha256 !== sha256) {
    throw new BulwarkError('ACCESS_ARTIFACT_MISMATCH', 'The signed artifact SHA-256 is not the registered artifact’s.');
  }
  return artifact;
}

/**
 * Sends a notification without letting it block or fail the flow: the outcome is returned (and put in
 * the audit details by the caller), a failure is also handed to onNotificationFailure for the log.
 */
export async function notifySafely(ctx: AccessContext, notification: AccessNotification): Promise<NotificationOutcome> {
  if (ctx.notifier === null) return { delivered: false, error: 'no notifier configured' };
  try {
    await ctx.notifier.notify(notification);
    return { delivered: true };
  } catch (error) {
    try {
      ctx.onNotificationFailure(error, notification);
    } catch {
      // A failing logger must not turn a notification problem into a failed action.
    }
    return { delivered: false, error: error instanceof Error ? error.message.slice(0, 200) : 'notification failed' };
  }
}

export function notFound(): BulwarkError {
  return new BulwarkError('ACCESS_REQUEST_NOT_FOUND', 'No access request or grant with that id.');
}
