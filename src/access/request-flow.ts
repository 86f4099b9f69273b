import { BulwarkError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { insertRequest, insertReview, spendNonce } from './access-repository.js';
import { maxGrantTtlSeconds, ruleFor } from './approval-policy.js';
import { canonicalize } from './canonical-json.js';
import { accessRequestSchema, parsePayload, type AccessRequestPayload, type SignedEnvelope } from './payloads.js';
import { appendOrRefuse, type ArtifactInfo } from './ports.js';
import type { AccessUser, RequestSummary } from './records.js';
import { payloadDigest } from './signing.js';
import {
  authenticateSigner,
  notifySafely,
  replay,
  requireArtifact,
  requireFresh,
  requireRole,
  requireUnusedNonce,
  type AccessContext,
} from './steps.js';

function requireApprovalWindow(ctx: AccessContext, p: AccessRequestPayload, now: number): void {
  const window = p.expiresAt - p.createdAt;
  if (window <= 0 || window > ctx.policy.requestTtlSeconds * 1000) {
    throw new BulwarkError('ACCESS_INVALID_PAYLOAD', `A request must expire within ${ctx.policy.requestTtlSeconds} s of its creation.`);
  }
  if (p.expiresAt <= now) throw new BulwarkError('ACCESS_REQUEST_EXPIRED', 'The request expired before it was submitted.');
}

function requireGrantTtl(ctx: AccessContext, p: AccessRequestPayload, artifact: ArtifactInfo): void {
  const max = maxGrantTtlSeconds(ctx.policy, ruleFor(ctx.policy, artifact.label));
  if (p.ttlSeconds > max) throw new BulwarkError('ACCESS_TTL_TOO_LONG', `The grant TTL may be at most ${max} s for this artifact.`);
}

function describeRequest(p: AccessRequestPayload, who: AccessUser): string {
  const hours = (p.ttlSeconds / 3600).toFixed(p.ttlSeconds % 3600 === 0 ? 0 : 2);
  return `${who.name} asks for ${p.scope} access to ${p.artifactId} for ${hours} h: ${p.reason.slice(0, 200)}`;
}

/**
 * A requester's signed access request: verified, checked against the artifact and the policy, sent to
 * the approvers, audited, then stored as pending. Its id becomes the grant id once approved.
 */
export async function submitAccessRequest(ctx: AccessContext, envelope: SignedEnvelope): Promise<RequestSummary> {
  const now = ctx.clock.now();
  const payload = parsePayload(accessRequestSchema, envelope.payload, 'access request');
  const requester = await authenticateSigner(ctx, payload.requesterKeyId, 'accessRequest', payload, envelope.signature);
  requireRole(requester, 'requester');
  requireFresh(ctx, payload.createdAt, now);
  requireApprovalWindow(ctx, payload, now);
  const artifact = await requireArtifact(ctx, payload.artifactId, payload.artifactSha256);
  requireGrantTtl(ctx, payload, artifact);
  await requireUnusedNonce(ctx, payload.nonce);

  const id = newId('req', now);
  const digest = payloadDigest('accessRequest', payload);
  const notification = await notifySafely(ctx, {
    kind: 'access.request',
    audience: 'approvers',
    requestId: id,
    artifactId: payload.artifactId,
    requesterName: requester.name,
    requesterKeyId: requester.keyId,
    reason: payload.reason,
    time: now,
    text: `Bulwark: ${describeRequest(payload, requester)} (request ${id}; approve with \`bulwark access approve ${id}\`).`,
  });
  await appendOrRefuse(ctx.audit, {
    type: 'access.request',
    actor: requester.keyId,
    subject: id,
    time: now,
    details: { ...requestDetails(payload, artifact), digest, notification },
  });
  await storeRequest(ctx, { id, kind: 'access', payload, digest, signature: envelope.signature, now, status: 'pending' });
  return { id, status: 'pending', digest };
}

function requestDetails(p: AccessRequestPayload, artifact: ArtifactInfo): Record<string, string | number | null> {
  return {
    artifactId: p.artifactId,
    artifactSha256: p.artifactSha256,
    label: artifact.label,
    scope: p.scope,
    ttlSeconds: p.ttlSeconds,
    maxUses: p.maxUses,
    reason: p.reason,
  };
}

interface StoreInput {
  readonly id: string;
  readonly kind: 'access' | 'break_glass';
  readonly payload: AccessRequestPayload;
  readonly digest: string;
  readonly signature: string;
  readonly now: number;
  readonly status: 'pending' | 'approved';
}

async function storeRequest(ctx: AccessContext, input: StoreInput, reviewDueAt?: number): Promise<void> {
  const { payload: p } = input;
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await spendNonce(trx, p.nonce, p.requesterKeyId, input.now))) throw replay();
    await insertRequest(trx, {
      id: input.id,
      kind: input.kind,
      digest: input.digest,
      payloadText: canonicalize(p),
      signature: input.signature,
      requesterKeyId: p.requesterKeyId,
      artifactId: p.artifactId,
      status: input.status,
      createdAt: input.now,
      expiresAt: p.expiresAt,
      decidedAt: input.status === 'approved' ? input.now : null,
      grantExpiresAt: input.status === 'approved' ? p.createdAt + p.ttlSeconds * 1000 : null,
    });
    if (reviewDueAt !== undefined) await insertReview(trx, input.id, input.now, reviewDueAt);
  });
}

function requireBreakGlassTtl(ctx: AccessContext, p: AccessRequestPayload): void {
  if (p.ttlSeconds > ctx.policy.breakGlassTtlSeconds) {
    throw new BulwarkError('ACCESS_TTL_TOO_LONG', `A break-glass grant may last at most ${ctx.policy.breakGlassTtlSeconds} s.`);
  }
  if (p.expiresAt !== p.createdAt + p.ttlSeconds * 1000) {
    throw new BulwarkError('ACCESS_INVALID_PAYLOAD', 'A break-glass request must expire exactly ttlSeconds after its creation.');
  }
}

/**
 * One admin, no second approval, usable at once: the emergency path. What keeps it honest is that it
 * is short, alerts every admin immediately, is audited, and opens a review a second admin must close.
 */
export async function submitBreakGlass(ctx: AccessContext, envelope: SignedEnvelope): Promise<RequestSummary> {
  const now = ctx.clock.now();
  const payload = parsePayload(accessRequestSchema, envelope.payload, 'break-glass request');
  const admin = await authenticateSigner(ctx, payload.requesterKeyId, 'breakGlass', payload, envelope.signature);
  requireRole(admin, 'admin');
  requireFresh(ctx, payload.createdAt, now);
  requireBreakGlassTtl(ctx, payload);
  const artifact = await requireArtifact(ctx, payload.artifactId, payload.artifactSha256);
  await requireUnusedNonce(ctx, payload.nonce);

  const id = newId('brk', now);
  const digest = payloadDigest('breakGlass', payload);
  const reviewDueAt = now + ctx.policy.reviewWindowSeconds * 1000;
  const notification = await notifySafely(ctx, {
    kind: 'access.break_glass',
    audience: 'admins',
    requestId: id,
    artifactId: payload.artifactId,
    requesterName: admin.name,
    requesterKeyId: admin.keyId,
    reason: payload.reason,
    time: now,
    text: `Bulwark BREAK-GLASS: ${admin.name} took ${payload.scope} access to ${payload.artifactId} for ${payload.ttlSeconds} s without approval: ${payload.reason.slice(0, 200)}. A second admin must review ${id} within ${ctx.policy.reviewWindowSeconds / 3600} h (\`bulwark access review\`).`,
  });
  await appendOrRefuse(ctx.audit, {
    type: 'access.break_glass',
    actor: admin.keyId,
    subject: id,
    time: now,
    details: { ...requestDetails(payload, artifact), digest, reviewDueAt, notification },
  });
  await storeRequest(ctx, { id, kind: 'break_glass', payload, digest, signature: envelope.signature, now, status: 'approved' }, reviewDueAt);
  return { id, status: 'approved', digest };
}
