import type { Kysely } from 'kysely';
import { systemClock, type Clock } from '../core/clock.js';
import type { Database } from '../store/types.js';
import { getRequest as getStoredRequest, listDecisions, listRequests as listStoredRequests, listUsers, type StoredRequest } from './access-repository.js';
import { DEFAULT_APPROVAL_POLICY, type ApprovalPolicy } from './approval-policy.js';
import { decide } from './decision-flow.js';
import type { SignedEnvelope } from './payloads.js';
import type { AccessNotification, ArtifactDirectory, AuditSink, Notifier } from './ports.js';
import type { AccessRequestRecord, AccessUser, RequestListQuery, RequestSummary, ReleaseGrant, ReviewRecord } from './records.js';
import { verifyGrantForRelease, type ReleaseTarget } from './release.js';
import { submitAccessRequest, submitBreakGlass } from './request-flow.js';
import { closeReview, listReviews, revoke } from './review-flow.js';
import { notFound, type AccessContext } from './steps.js';
import { storedDecisionPayload, storedRequestPayload } from './stored-payloads.js';
import { bootstrapAdmins, submitUsersChange, type BootstrapUser } from './users-flow.js';

export interface AccessServiceOptions {
  /** `store.db`; access keeps its rows in the access_* tables (migration 0003_access). */
  readonly db: Kysely<Database>;
  /** Every action is appended here first; when it throws, the action is refused. */
  readonly audit: AuditSink;
  readonly artifacts: ArtifactDirectory;
  /** null or omitted: no notifications (recorded as undelivered in the audit details). */
  readonly notifier?: Notifier | null;
  /** Called when a notification fails; log it. The action goes on regardless. */
  readonly onNotificationFailure?: (error: unknown, notification: AccessNotification) => void;
  readonly policy?: ApprovalPolicy;
  readonly clock?: Clock;
}

/**
 * The two-party authorization API. Every mutating call takes a SignedEnvelope (`{ payload, signature }`)
 * made by the acting person's key; the HTTP layer passes bodies through unchanged and maps
 * BulwarkError codes to statuses. Reads are unsigned; guard them at the HTTP layer.
 */
export interface AccessService {
  /** At vault init, once: registers at least MIN_ADMINS admins. */
  bootstrapAdmins(admins: readonly BootstrapUser[]): Promise<AccessUser[]>;
  listUsers(): Promise<AccessUser[]>;
  /** `users.change` request (add / update / remove a user), signed by an admin; a second admin approves. */
  submitUsersChange(envelope: SignedEnvelope): Promise<RequestSummary>;
  submitAccessRequest(envelope: SignedEnvelope): Promise<RequestSummary>;
  /** Approve or deny (the signed decision says which); works for access requests and users changes. */
  decide(requestId: string, envelope: SignedEnvelope): Promise<RequestSummary>;
  revoke(requestId: string, envelope: SignedEnvelope): Promise<RequestSummary>;
  breakGlass(envelope: SignedEnvelope): Promise<RequestSummary>;
  closeReview(requestId: string, envelope: SignedEnvelope): Promise<ReviewRecord>;
  listReviews(): Promise<ReviewRecord[]>;
  getRequest(requestId: string): Promise<AccessRequestRecord>;
  listRequests(query?: RequestListQuery): Promise<AccessRequestRecord[]>;
  /** The vault calls this right before releasing a key; see release.ts. */
  verifyGrantForRelease(grantId: string, target: ReleaseTarget): Promise<ReleaseGrant>;
}

async function toRecord(ctx: AccessContext, stored: StoredRequest, now: number): Promise<AccessRequestRecord> {
  const decisions = (await listDecisions(ctx.db, stored.id)).map((row) => {
    const payload = storedDecisionPayload(row);
    return { approverKeyId: row.approverKeyId, decision: row.decision, reason: payload.reason, time: row.time };
  });
  return {
    id: stored.id,
    kind: stored.kind,
    status: stored.status === 'pending' && now >= stored.expiresAt ? 'expired' : stored.status,
    digest: stored.digest,
    payload: storedRequestPayload(stored),
    signature: stored.signature,
    requesterKeyId: stored.requesterKeyId,
    artifactId: stored.artifactId,
    createdAt: stored.createdAt,
    expiresAt: stored.expiresAt,
    decidedAt: stored.decidedAt,
    grantExpiresAt: stored.grantExpiresAt,
    uses: stored.uses,
    revokedAt: stored.revokedAt,
    revokedBy: stored.revokedBy,
    decisions,
  };
}

export function createAccessService(options: AccessServiceOptions): AccessService {
  const ctx: AccessContext = Object.freeze({
    db: options.db,
    audit: options.audit,
    artifacts: options.artifacts,
    notifier: options.notifier ?? null,
    onNotificationFailure: options.onNotificationFailure ?? (() => undefined),
    policy: options.policy ?? DEFAULT_APPROVAL_POLICY,
    clock: options.clock ?? systemClock,
  });
  return Object.freeze({
    bootstrapAdmins: (admins: readonly BootstrapUser[]) => bootstrapAdmins(ctx, admins),
    listUsers: () => listUsers(ctx.db),
    submitUsersChange: (envelope: SignedEnvelope) => submitUsersChange(ctx, envelope),
    submitAccessRequest: (envelope: SignedEnvelope) => submitAccessRequest(ctx, envelope),
    decide: (requestId: string, envelope: SignedEnvelope) => decide(ctx, requestId, envelope),
    revoke: (requestId: string, envelope: SignedEnvelope) => revoke(ctx, requestId, envelope),
    breakGlass: (envelope: SignedEnvelope) => submitBreakGlass(ctx, envelope),
    closeReview: (requestId: string, envelope: SignedEnvelope) => closeReview(ctx, requestId, envelope),
    listReviews: () => listReviews(ctx),
    getRequest: async (requestId: string) => {
      const stored = await getStoredRequest(ctx.db, requestId);
      if (stored === null) throw notFound();
      return toRecord(ctx, stored, ctx.clock.now());
    },
    listRequests: async (query: RequestListQuery = {}) => {
      const now = ctx.clock.now();
      const rows = await listStoredRequests(ctx.db, query, now);
      return Promise.all(rows.map((row) => toRecord(ctx, row, now)));
    },
    verifyGrantForRelease: (grantId: string, target: ReleaseTarget) => verifyGrantForRelease(ctx, grantId, target),
  });
}
