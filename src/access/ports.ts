import { BulwarkError, isBulwarkError } from '../core/errors.js';

/** The audit event types access emits; each is one of src/audit's AuditEventType values. */
export type AccessAuditType =
  | 'access.request'
  | 'access.approve'
  | 'access.deny'
  | 'access.revoke'
  | 'access.release'
  | 'access.break_glass'
  | 'access.review'
  | 'users.change';

export type AuditDetail = null | boolean | number | string | readonly AuditDetail[] | { readonly [key: string]: AuditDetail };

export interface AccessAuditEvent {
  readonly type: AccessAuditType;
  /** Key id of the person acting; null for the system. */
  readonly actor: string | null;
  /** The request, grant or user acted on. */
  readonly subject: string | null;
  readonly time: number;
  readonly details: { readonly [key: string]: AuditDetail };
}

/** The one thing access needs from the audit log; src/audit's AuditLog satisfies it. */
export interface AuditSink {
  /** Must throw when the event is not durably recorded; access then refuses the action. */
  append(event: AccessAuditEvent): Promise<unknown>;
}

/**
 * Records the event or throws AUDIT_APPEND_FAILED (DESIGN invariants 1 and 5): no security-relevant
 * action takes effect without its audit entry.
 */
export async function appendOrRefuse(sink: AuditSink, event: AccessAuditEvent): Promise<void> {
  try {
    await sink.append(event);
  } catch (error) {
    if (isBulwarkError(error) && error.code === 'AUDIT_APPEND_FAILED') throw error;
    throw new BulwarkError('AUDIT_APPEND_FAILED', 'The audit log could not record the action; it was refused.', { cause: error });
  }
}

export type NotificationKind = 'access.request' | 'access.break_glass' | 'users.change';

/** What a notification carries. Never key material or signatures: webhooks land in chat tools. */
export interface AccessNotification {
  readonly kind: NotificationKind;
  /** Who should act: approvers for requests, admins for break-glass and users changes. */
  readonly audience: 'approvers' | 'admins';
  readonly requestId: string;
  readonly artifactId: string | null;
  readonly requesterName: string;
  readonly requesterKeyId: string;
  readonly reason: string;
  readonly time: number;
  /** One human sentence (Slack-compatible `text`). */
  readonly text: string;
}

export interface Notifier {
  /** Throws when the notification was not delivered; access records that and carries on. */
  notify(notification: AccessNotification): Promise<void>;
}

export type NotificationOutcome = { readonly delivered: true } | { readonly delivered: false; readonly error: string };

/** What access needs to know about an artifact: its plaintext hash and label, from the vault registry. */
export interface ArtifactInfo {
  readonly id: string;
  readonly sha256: string;
  readonly label: string | null;
}

export interface ArtifactDirectory {
  /** null when no artifact has this id. */
  describe(artifactId: string): Promise<ArtifactInfo | null>;
}
