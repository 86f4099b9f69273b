import type { Kysely } from 'kysely';
import { BulwarkError } from '../core/errors.js';
import type { Database } from '../store/types.js';
import {
  getRequest,
  getUser,
  insertDecision,
  listDecisions,
  lockPending,
  markDecided,
  spendNonce,
  type StoredDecision,
  type StoredRequest,
} from './access-repository.js';
import { isRuleSatisfied, maxGrantTtlSeconds, ruleFor, type ApprovalRule, type CountedApprover } from './approval-policy.js';
import { canonicalize } from './canonical-json.js';
import { decisionSchema, parsePayload, type DecisionPayload, type SignedEnvelope } from './payloads.js';
import { appendOrRefuse, type AccessAuditEvent } from './ports.js';
import type { AccessUser, RequestSummary } from './records.js';
import { recomputedDigest, storedAccessPayload, storedRequestPayload, storedUsersChangePayload } from './stored-payloads.js';
import {
  authenticateSigner,
  notFound,
  replay,
  requireArtifact,
  requireFresh,
  requireRole,
  requireUnusedNonce,
  type AccessContext,
} from './steps.js';
import { applyUserChange, checkUserChange, describeChange } from './users-flow.js';

interface Outcome {
  readonly status: 'pending' | 'approved' | 'denied';
  /** Display only; release recomputes expiry from the signed approvals. */
  readonly grantExpiresAt: number | null;
}

export function notPending(): BulwarkError {
  return new BulwarkError('ACCESS_REQUEST_NOT_PENDING', 'The request was already approved, denied or revoked.');
}

function duplicate(): BulwarkError {
  return new BulwarkError('ACCESS_DUPLICATE_APPROVAL', 'You already decided on this request; a second person must approve.');
}

/** The approver signs the digest of what they were shown; it must be this request, exactly. */
export function requireSameRequest(stored: StoredRequest, signedDigest: string): void {
  const digest = recomputedDigest(stored, storedRequestPayload(stored));
  if (signedDigest !== digest || stored.digest !== digest) {
    throw new BulwarkError('ACCESS_INVALID_PAYLOAD', 'The signature is over a different request than this id names.');
  }
}

/** Invariant 3: two distinct humans, compared by key, never by name or group. */
function requireNotSelf(stored: StoredRequest, approver: AccessUser): void {
  if (approver.keyId === stored.requesterKeyId) {
    throw new BulwarkError('ACCESS_SELF_APPROVAL', 'The requester cannot decide on their own request; a second person must.');
  }
}

function requireDecidable(stored: StoredRequest, payload: DecisionPayload, now: number): void {
  if (stored.status !== 'pending') throw notPending();
  if (now >= stored.expiresAt || payload.time >= stored.expiresAt) {
    throw new BulwarkError('ACCESS_REQUEST_EXPIRED', 'The request expired before this decision; submit a new one.');
  }
}

/** The approvers that count for the policy: registered now, with the approver role, not the requester. */
async function countedApprovers(db: Kysely<Database>, stored: StoredRequest, decisions: readonly StoredDecision[]): Promise<CountedApprover[]> {
  const counted: CountedApprover[] = [];
  for (const d of decisions) {
    if (d.decision !== 'approve' || d.approverKeyId === stored.requesterKeyId) continue;
    const user = await getUser(db, d.approverKeyId);
    if (user !== null && user.roles.includes('approver')) counted.push({ keyId: user.keyId, pools: user.pools });
  }
  return counted;
}

/** The label's rule, looked up before any transaction: the artifact directory may use the same database. */
async function ruleOfRequest(ctx: AccessContext, stored: StoredRequest): Promise<ApprovalRule | null> {
  if (stored.kind !== 'access') return null;
  const payload = storedAccessPayload(stored);
  const artifact = await requireArtifact(ctx, payload.artifactId, payload.artifactSha256);
  return ruleFor(ctx.policy, artifact.label);
}

async function outcomeOf(
  ctx: AccessContext,
  db: Kysely<Database>,
  stored: StoredRequest,
  rule: ApprovalRule | null,
  decisions: readonly StoredDecision[],
  now: number,
): Promise<Outcome> {
  if (decisions.some((d) => d.decision === 'deny')) return { status: 'denied', grantExpiresAt: null };
  if (rule === null) {
    // A users change: one admin other than the requester (checked before the decision was accepted).
    return { status: decisions.length > 0 ? 'approved' : 'pending', grantExpiresAt: null };
  }
  if (!isRuleSatisfied(rule, await countedApprovers(db, stored, decisions))) return { status: 'pending', grantExpiresAt: null };
  const ttlSeconds = Math.min(storedAccessPayload(stored).ttlSeconds, maxGrantTtlSeconds(ctx.policy, rule));
  return { status: 'approved', grantExpiresAt: now + ttlSeconds * 1000 };
}

function auditEventFor(stored: StoredRequest, p: DecisionPayload, outcome: Outcome, now: number): AccessAuditEvent {
  const details = { kind: stored.kind, requestDigest: p.requestDigest, decision: p.decision, reason: p.reason, resultingStatus: outcome.status };
  if (stored.kind === 'users_change') {
    const change = describeChange(storedUsersChangePayload(stored).change);
    const phase = p.decision === 'deny' ? 'denied' : outcome.status === 'approved' ? 'applied' : 'approved';
    return { type: 'users.change', actor: p.approverKeyId, subject: stored.id, time: now, details: { ...details, phase, change } };
  }
  return { type: p.decision === 'approve' ? 'access.approve' : 'access.deny', actor: p.approverKeyId, subject: stored.id, time: now, details };
}

/**
 * An approver's signed approval or denial. Checked (signature, second person, role, freshness, state,
 * duplicates, replay), audited, then applied in one transaction that re-checks the state under the
 * request's row lock. A denial is final; an approval completes the request once the policy is met.
 */
export async function decide(ctx: AccessContext, requestId: string, envelope: SignedEnvelope): Promise<RequestSummary> {
  const now = ctx.clock.now();
  const payload = parsePayload(decisionSchema, envelope.payload, 'decision');
  const stored = (await getRequest(ctx.db, requestId)) ?? notFoundThrow();
  requireSameRequest(stored, payload.requestDigest);
  const approver = await authenticateSigner(ctx, payload.approverKeyId, 'decision', payload, envelope.signature);
  requireNotSelf(stored, approver);
  requireRole(approver, stored.kind === 'users_change' ? 'admin' : 'approver');
  requireFresh(ctx, payload.time, now);
  requireDecidable(stored, payload, now);
  const existing = await listDecisions(ctx.db, requestId);
  if (existing.some((d) => d.approverKeyId === approver.keyId)) throw duplicate();
  await requireUnusedNonce(ctx, payload.nonce);

  const row: StoredDecision = { requestId, approverKeyId: approver.keyId, decision: payload.decision, payloadText: canonicalize(payload), signature: envelope.signature, time: payload.time };
  const rule = await ruleOfRequest(ctx, stored);
  const planned = await outcomeOf(ctx, ctx.db, stored, rule, [...existing, row], now);
  if (stored.kind === 'users_change' && planned.status === 'approved') await checkUserChange(ctx.db, storedUsersChangePayload(stored).change);
  await appendOrRefuse(ctx.audit, auditEventFor(stored, payload, planned, now));

  const outcome = await ctx.db.transaction().execute(async (trx) => {
    if (!(await lockPending(trx, requestId))) throw notPending();
    if (!(await spendNonce(trx, payload.nonce, approver.keyId, now))) throw replay();
    if (!(await insertDecision(trx, row, now))) throw duplicate();
    const result = await outcomeOf(ctx, trx, stored, rule, await listDecisions(trx, requestId), now);
    if (result.status === 'pending') return result;
    await markDecided(trx, requestId, result.status, now, result.grantExpiresAt);
    if (stored.kind === 'users_change' && result.status === 'approved') {
      await applyUserChange(trx, storedUsersChangePayload(stored).change, now);
    }
    return result;
  });
  return { id: requestId, status: outcome.status, digest: stored.digest };
}

function notFoundThrow(): never {
  throw notFound();
}
