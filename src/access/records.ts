import type { AccessRequestPayload, UserRole, UsersChangePayload } from './payloads.js';

export type RequestKind = 'access' | 'break_glass' | 'users_change';
/** `expired` is derived: a pending request whose approval window has passed. */
export type RequestStatus = 'pending' | 'approved' | 'denied' | 'revoked' | 'expired';
export type StoredStatus = Exclude<RequestStatus, 'expired'>;

export interface AccessUser {
  readonly keyId: string;
  readonly name: string;
  /** Raw 32-byte Ed25519 public key, base64. */
  readonly publicKey: string;
  readonly roles: readonly UserRole[];
  readonly pools: readonly string[];
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** What a command that creates or changes a request prints: `{ id, status }` (+ the digest signed). */
export interface RequestSummary {
  readonly id: string;
  readonly status: RequestStatus;
  readonly digest: string;
}

export interface DecisionRecord {
  readonly approverKeyId: string;
  readonly decision: 'approve' | 'deny';
  readonly reason: string;
  readonly time: number;
}

/** A request as listed and shown to approvers: the exact payload that was signed. */
export interface AccessRequestRecord {
  readonly id: string;
  readonly kind: RequestKind;
  readonly status: RequestStatus;
  readonly digest: string;
  readonly payload: AccessRequestPayload | UsersChangePayload;
  readonly signature: string;
  readonly requesterKeyId: string;
  readonly artifactId: string | null;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly decidedAt: number | null;
  /** Display only; release recomputes it from the signed payloads. */
  readonly grantExpiresAt: number | null;
  readonly uses: number;
  readonly revokedAt: number | null;
  readonly revokedBy: string | null;
  readonly decisions: readonly DecisionRecord[];
}

export interface ReviewRecord {
  readonly requestId: string;
  readonly openedAt: number;
  readonly dueAt: number;
  readonly closedAt: number | null;
  readonly closedBy: string | null;
  readonly note: string | null;
  /** Open and past its due time; stays true for reviews closed late, as `closedLate`. */
  readonly overdue: boolean;
  readonly closedLate: boolean;
}

/** What the vault gets back from a successful verifyGrantForRelease; the release is already audited. */
export interface ReleaseGrant {
  readonly grantId: string;
  readonly kind: 'access' | 'break_glass';
  readonly artifactId: string;
  readonly artifactSha256: string;
  readonly scope: string;
  readonly requesterKeyId: string;
  readonly approverKeyIds: readonly string[];
  readonly expiresAt: number;
  /** This release's number, from 1. */
  readonly use: number;
  readonly maxUses: number;
}

export interface RequestListQuery {
  readonly status?: RequestStatus;
  readonly kind?: RequestKind;
  /** Default 50, clamped to [1, 1000]. */
  readonly limit?: number;
}
