import { BulwarkError } from '../core/errors.js';
import {
  closeReview as closeStoredReview,
  getRequest,
  getReview,
  listReviews as listStoredReviews,
  revokeRequest,
  spendNonce,
  type StoredReview,
} from './access-repository.js';
import { canonicalize } from './canonical-json.js';
import { notPending, requireSameRequest } from './decision-flow.js';
import { parsePayload, reviewSchema, revokeSchema, type SignedEnvelope } from './payloads.js';
import { appendOrRefuse } from './ports.js';
import type { AccessUser, RequestSummary, ReviewRecord } from './records.js';
import { authenticateSigner, notFound, replay, requireFresh, requireRole, requireUnusedNonce, type AccessContext } from './steps.js';

/** The requester may withdraw their own request or grant; approvers and admins may revoke any. */
function requireMayRevoke(revoker: AccessUser, requesterKeyId: string): void {
  if (revoker.keyId === requesterKeyId || revoker.roles.includes('approver') || revoker.roles.includes('admin')) return;
  throw new BulwarkError('ACCESS_NOT_AUTHORIZED', 'Only the requester, an approver or an admin may revoke this.');
}

/** Ends a pending request or a live grant (including break-glass) at once; signed and audited. */
export async function revoke(ctx: AccessContext, requestId: string, envelope: SignedEnvelope): Promise<RequestSummary> {
  const now = ctx.clock.now();
  const payload = parsePayload(revokeSchema, envelope.payload, 'revocation');
  const stored = await getRequest(ctx.db, requestId);
  if (stored === null) throw notFound();
  requireSameRequest(stored, payload.requestDigest);
  const revoker = await authenticateSigner(ctx, payload.revokerKeyId, 'revoke', payload, envelope.signature);
  requireMayRevoke(revoker, stored.requesterKeyId);
  requireFresh(ctx, payload.time, now);
  if (stored.status !== 'pending' && stored.status !== 'approved') throw notPending();
  await requireUnusedNonce(ctx, payload.nonce);
  await appendOrRefuse(ctx.audit, {
    type: 'access.revoke',
    actor: revoker.keyId,
    subject: requestId,
    time: now,
    details: { kind: stored.kind, requestDigest: payload.requestDigest, reason: payload.reason, previousStatus: stored.status },
  });
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await spendNonce(trx, payload.nonce, revoker.keyId, now))) throw replay();
    const revoked = await revokeRequest(trx, requestId, { at: now, by: revoker.keyId, payloadText: canonicalize(payload), signature: envelope.signature });
    if (!revoked) throw notPending();
  });
  return { id: requestId, status: 'revoked', digest: stored.digest };
}

function toReviewRecord(review: StoredReview, now: number): ReviewRecord {
  let note: string | null = null;
  if (review.payloadText !== null) {
    try {
      const parsed = reviewSchema.safeParse(JSON.parse(review.payloadText));
      note = parsed.success ? parsed.data.note : null;
    } catch {
      note = null;
    }
  }
  return {
    requestId: review.requestId,
    openedAt: review.openedAt,
    dueAt: review.dueAt,
    closedAt: review.closedAt,
    closedBy: review.closedBy,
    note,
    overdue: review.closedAt === null && now > review.dueAt,
    closedLate: review.closedAt !== null && review.closedAt > review.dueAt,
  };
}

/** Every break-glass review, newest first; open ones past their due time are marked overdue. */
export async function listReviews(ctx: AccessContext): Promise<ReviewRecord[]> {
  const now = ctx.clock.now();
  return (await listStoredReviews(ctx.db)).map((r) => toReviewRecord(r, now));
}

/**
 * A second admin's signed review of a break-glass grant. Threat: the admin who broke the glass
 * "reviewing" it themselves, which would make break-glass a silent one-party path.
 */
export async function closeReview(ctx: AccessContext, requestId: string, envelope: SignedEnvelope): Promise<ReviewRecord> {
  const now = ctx.clock.now();
  const payload = parsePayload(reviewSchema, envelope.payload, 'review');
  const review = await getReview(ctx.db, requestId);
  const stored = await getRequest(ctx.db, requestId);
  if (review === null || stored === null) throw new BulwarkError('ACCESS_REVIEW_NOT_FOUND', 'No break-glass review with that id.');
  requireSameRequest(stored, payload.requestDigest);
  const reviewer = await authenticateSigner(ctx, payload.reviewerKeyId, 'review', payload, envelope.signature);
  if (reviewer.keyId === stored.requesterKeyId) {
    throw new BulwarkError('ACCESS_SELF_APPROVAL', 'The admin who broke the glass cannot review it; a second admin must.');
  }
  requireRole(reviewer, 'admin');
  requireFresh(ctx, payload.time, now);
  if (review.closedAt !== null) throw reviewClosed();
  await requireUnusedNonce(ctx, payload.nonce);
  await appendOrRefuse(ctx.audit, {
    type: 'access.review',
    actor: reviewer.keyId,
    subject: requestId,
    time: now,
    details: { requestDigest: payload.requestDigest, note: payload.note, dueAt: review.dueAt, closedLate: now > review.dueAt },
  });
  const payloadText = canonicalize(payload);
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await spendNonce(trx, payload.nonce, reviewer.keyId, now))) throw replay();
    if (!(await closeStoredReview(trx, requestId, now, reviewer.keyId, payloadText, envelope.signature))) throw reviewClosed();
  });
  return toReviewRecord({ ...review, closedAt: now, closedBy: reviewer.keyId, payloadText }, now);
}

function reviewClosed(): BulwarkError {
  return new BulwarkError('ACCESS_REVIEW_CLOSED', 'The review was already closed.');
}
