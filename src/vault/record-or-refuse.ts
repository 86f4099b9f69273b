import type { AuditEvent } from '../audit/index.js';
import { BulwarkError } from '../core/errors.js';

/** What the vault needs from the audit log (src/audit's AuditLog satisfies it); throws when not recorded. */
export interface VaultAuditSink {
  append(event: AuditEvent): Promise<unknown>;
}

/** check → audit → apply: a step the log cannot record does not happen (DESIGN invariant 1). */
export async function recordOrRefuse(audit: VaultAuditSink, event: AuditEvent): Promise<void> {
  try {
    await audit.append(event);
  } catch (cause) {
    throw new BulwarkError('AUDIT_APPEND_FAILED', 'The audit log could not record the action; it was refused.', { cause });
  }
}
