import { BulwarkError } from '../core/errors.js';
import { getRequest, getUser, listDecisions, reserveUse, returnUse, type StoredRequest } from './access-repository.js';
import { effectiveMaxUses, isRuleSatisfied, maxGrantTtlSeconds, ruleFor, type ApprovalRule, type CountedApprover } from './approval-policy.js';
import { MAX_GRANT_USES, type AccessRequestPayload, type DecisionPayload } from './payloads.js';
import { appendOrRefuse } from './ports.js';
import type { ReleaseGrant } from './records.js';
import { signatureInvalid } from './signing.js';
import { domainOf, recomputedDigest, storedAccessPayload, storedDecisionPayload } from './stored-payloads.js';
import { notFound, requireArtifact, requireRegistered, requireRole, requireSignature, type AccessContext } from './steps.js';

/** What the vault is about to release; it must be exactly what the grant was signed for. */
export interface ReleaseTarget {
  readonly artifactId: string;
  readonly artifactSha256: string;
  /** Defaults to the service clock. */
  readonly now?: number;
}

/** The terms of a grant, derived only from signed data and the current policy. */
interface GrantTerms {
  readonly startsAt: number;
  readonly ttlSeconds: number;
  readonly maxUses: number;
  readonly approverKeyIds: readonly string[];
}

function grantError(code: 'ACCESS_GRANT_EXPIRED' | 'ACCESS_GRANT_EXHAUSTED' | 'ACCESS_GRANT_REVOKED' | 'ACCESS_GRANT_NOT_APPROVED', message: string): BulwarkError {
  return new BulwarkError(code, message);
}

function requireGrantState(stored: StoredRequest): asserts stored is StoredRequest & { kind: 'access' | 'break_glass' } {
  if (stored.kind === 'users_change') throw notFound();
  if (stored.status === 'revoked') throw grantError('ACCESS_GRANT_REVOKED', 'The grant was revoked.');
  if (stored.status !== 'approved') throw grantError('ACCESS_GRANT_NOT_APPROVED', 'The request is not an approved grant.');
}

/** Threat: a grant for artifact A presented while releasing artifact B (or a re-uploaded A). */
function requireSameArtifact(payload: AccessRequestPayload, target: ReleaseTarget): void {
  if (payload.artifactId !== target.artifactId || payload.artifactSha256 !== target.artifactSha256) {
    throw new BulwarkError('ACCESS_ARTIFACT_MISMATCH', 'The grant is for a different artifact or artifact version.');
  }
}

/** The request signature, against the requester's key as registered *now*. */
async function reverifyRequest(ctx: AccessContext, stored: StoredRequest): Promise<{ payload: AccessRequestPayload; digest: string }> {
  const payload = storedAccessPayload(stored);
  if (payload.requesterKeyId !== stored.requesterKeyId || payload.artifactId !== stored.artifactId) throw signatureInvalid();
  const requester = await requireRegistered(ctx, payload.requesterKeyId);
  requireSignature(requester, domainOf(stored.kind), payload, stored.signature);
  requireRole(requester, stored.kind === 'break_glass' ? 'admin' : 'requester');
  return { payload, digest: recomputedDigest(stored, payload) };
}

interface VerifiedApproval {
  readonly payload: DecisionPayload;
  readonly approver: CountedApprover;
}

/**
 * Every stored decision, re-verified. A bad signature is tampering and refuses the release outright;
 * an approver whose key was removed (or who lost the role) simply stops counting. Any valid denial
 * refuses, whatever the status column says.
 */
async function reverifyApprovals(ctx: AccessContext, stored: StoredRequest, request: AccessRequestPayload, digest: string): Promise<VerifiedApproval[]> {
  const verified: VerifiedApproval[] = [];
  for (const row of await listDecisions(ctx.db, stored.id)) {
    const payload = storedDecisionPayload(row);
    if (payload.requestDigest !== digest) throw signatureInvalid();
    const approver = await getUser(ctx.db, payload.approverKeyId);
    if (approver === null) continue;
    requireSignature(approver, 'decision', payload, row.signature);
    if (payload.decision === 'deny') throw grantError('ACCESS_GRANT_NOT_APPROVED', 'The request was denied.');
    if (payload.approverKeyId === request.requesterKeyId) {
      throw new BulwarkError('ACCESS_SELF_APPROVAL', 'The grant carries an approval by its own requester.');
    }
    const inWindow = payload.time <= request.expiresAt && payload.time >= request.createdAt - ctx.policy.maxClockSkewSeconds * 1000;
    if (!inWindow || !approver.roles.includes('approver')) continue;
    verified.push({ payload, approver: { keyId: approver.keyId, pools: approver.pools } });
  }
  return verified.sort((a, b) => a.payload.time - b.payload.time);
}

/** The grant starts at the approval that first satisfied the policy (signed times, not stored columns). */
function approvalTerms(ctx: AccessContext, rule: ApprovalRule, request: AccessRequestPayload, approvals: readonly VerifiedApproval[]): GrantTerms {
  for (let n = 1; n <= approvals.length; n += 1) {
    const prefix = approvals.slice(0, n);
    if (!isRuleSatisfied(rule, prefix.map((a) => a.approver))) {
      continue;
    }
    return {
      startsAt: prefix[n - 1]!.payload.time,
      ttlSeconds: Math.min(request.ttlSeconds, maxGrantTtlSeconds(ctx.policy, rule)),
      maxUses: effectiveMaxUses(request.maxUses, rule),
      approverKeyIds: prefix.map((a) => a.approver.keyId),
    };
  }
  throw new BulwarkError('ACCESS_POLICY_UNSATISFIED', 'The valid approvals on record no longer satisfy the approval policy.');
}

function breakGlassTerms(ctx: AccessContext, request: AccessRequestPayload): GrantTerms {
  return {
    startsAt: request.createdAt,
    ttlSeconds: Math.min(request.ttlSeconds, ctx.policy.breakGlassTtlSeconds),
    maxUses: request.maxUses ?? MAX_GRANT_USES,
    approverKeyIds: [],
  };
}

async function consumeUse(ctx: AccessContext, grantId: string, maxUses: number): Promise<number> {
  const use = await reserveUse(ctx.db, grantId, maxUses);
  if (use !== null) return use;
  const now = await getRequest(ctx.db, grantId);
  if (now?.status === 'revoked') throw grantError('ACCESS_GRANT_REVOKED', 'The grant was revoked.');
  throw grantError('ACCESS_GRANT_EXHAUSTED', 'The grant has no uses left.');
}

/**
 * The gate in front of every key release (DESIGN invariant 3): re-verify every signature against the
 * keys registered now, re-check the policy, the artifact, expiry, revocation and uses, consume one use
 * atomically, and audit the release. Only then does it return; if the audit append fails the use is
 * given back and the release is refused (invariants 1 and 5).
 */
export async function verifyGrantForRelease(ctx: AccessContext, grantId: string, target: ReleaseTarget): Promise<ReleaseGrant> {
  const now = target.now ?? ctx.clock.now();
  const stored = await getRequest(ctx.db, grantId);
  if (stored === null) throw notFound();
  requireGrantState(stored);
  const { payload, digest } = await reverifyRequest(ctx, stored);
  requireSameArtifact(payload, target);
  const artifact = await requireArtifact(ctx, payload.artifactId, payload.artifactSha256);
  const terms =
    stored.kind === 'break_glass'
      ? breakGlassTerms(ctx, payload)
      : approvalTerms(ctx, ruleFor(ctx.policy, artifact.label), payload, await reverifyApprovals(ctx, stored, payload, digest));
  const expiresAt = terms.startsAt + terms.ttlSeconds * 1000;
  if (now >= expiresAt) throw grantError('ACCESS_GRANT_EXPIRED', 'The grant has expired.');

  const use = await consumeUse(ctx, grantId, terms.maxUses);
  const grant: ReleaseGrant = {
    grantId,
    kind: stored.kind,
    artifactId: payload.artifactId,
    artifactSha256: payload.artifactSha256,
    scope: payload.scope,
    requesterKeyId: payload.requesterKeyId,
    approverKeyIds: terms.approverKeyIds,
    expiresAt,
    use,
    maxUses: terms.maxUses,
  };
  try {
    await appendOrRefuse(ctx.audit, {
      type: 'access.release',
      actor: payload.requesterKeyId,
      subject: grantId,
      time: now,
      details: { ...grant, approverKeyIds: [...grant.approverKeyIds], requestDigest: digest, label: artifact.label },
    });
  } catch (error) {
    // Fail closed: nothing was released, so the use is not spent. If giving it back fails too, the
    // grant ends up with one use fewer, which errs on the safe side.
    await returnUse(ctx.db, grantId).catch(() => undefined);
    throw error;
  }
  return grant;
}
