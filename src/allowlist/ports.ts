import { BulwarkError, isBulwarkError } from '../core/errors.js';

/**
 * The audit event types allowlisting emits. `allowlist.change` is in src/audit's AUDIT_EVENT_TYPES;
 * the others must be added there before the real log will accept them (until then every exec and
 * every monitor report fails closed with AUDIT_APPEND_FAILED).
 */
export type AllowlistAuditType =
  | 'allowlist.change'
  | 'allowlist.exec'
  | 'allowlist.exec_refused'
  | 'allowlist.unknown_process'
  | 'allowlist.process_killed';

export type AuditDetail = null | boolean | number | string | readonly AuditDetail[] | { readonly [key: string]: AuditDetail };

export interface AllowlistAuditEvent {
  readonly type: AllowlistAuditType;
  /** Key id of the person acting; null for the system. */
  readonly actor: string | null;
  /** The entry, change, program path or process acted on. */
  readonly subject: string | null;
  readonly time: number;
  readonly details: { readonly [key: string]: AuditDetail };
}

/** The one thing allowlisting needs from the audit log; src/audit's AuditLog satisfies it. */
export interface AllowlistAuditSink {
  /** Must throw when the event is not durably recorded. */
  append(event: AllowlistAuditEvent): Promise<unknown>;
}

/** Records the event or throws AUDIT_APPEND_FAILED: nothing takes effect without its audit entry. */
export async function appendOrRefuse(sink: AllowlistAuditSink, event: AllowlistAuditEvent): Promise<void> {
  try {
    await sink.append(event);
  } catch (error) {
    if (isBulwarkError(error) && error.code === 'AUDIT_APPEND_FAILED') throw error;
    throw new BulwarkError('AUDIT_APPEND_FAILED', 'The audit log could not record the action; it was refused.', { cause: error });
  }
}

/** A registered person as allowlisting sees them; src/access's users satisfy it. */
export interface KeyHolder {
  readonly keyId: string;
  /** Raw 32-byte Ed25519 public key, base64. */
  readonly publicKey: string;
  readonly roles: readonly string[];
}

export interface KeyDirectory {
  /** null for an unknown (or removed) key. */
  find(keyId: string): Promise<KeyHolder | null>;
}

/** Adapts src/access's `listUsers()` (AccessService) to a KeyDirectory, read fresh on every lookup. */
export function keyDirectoryFromUsers(listUsers: () => Promise<readonly KeyHolder[]>): KeyDirectory {
  return {
    async find(keyId) {
      return (await listUsers()).find((user) => user.keyId === keyId) ?? null;
    },
  };
}
