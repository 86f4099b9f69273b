import { BulwarkError } from '../core/errors.js';
import { canonicalJson, type JsonValue } from './canonical-json.js';

/**
 * Every security-relevant event (DESIGN invariant 5). Closed: a new kind of event is added here, so
 * the console and the verifier know every type they may meet.
 */
export const AUDIT_EVENT_TYPES = [
  'guard.block',
  'vault.init',
  'vault.unseal.share',
  'vault.unseal',
  'vault.seal',
  'vault.rekey',
  'vault.put',
  'access.request',
  'access.approve',
  'access.deny',
  'access.revoke',
  'access.release',
  'access.break_glass',
  'access.review',
  'users.change',
  'policy.change',
  'policy.promote',
  'policy.refuse',
  'exemption.grant',
  'exemption.revoke',
  'allowlist.change',
  'allowlist.exec',
  'allowlist.exec_refused',
  'allowlist.unknown_process',
  'allowlist.process_killed',
  'egress.block',
  'egress.alert',
] as const;

export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

export interface AuditEvent {
  readonly type: AuditEventType;
  /** Who acted (an identity key id or user name); null for the system itself. */
  readonly actor: string | null;
  /** What was acted on (an artifact, a request id, a tenant); null when nothing specific. */
  readonly subject: string | null;
  /** Epoch milliseconds, from the caller's clock. */
  readonly time: number;
  readonly details: JsonValue;
}

/** Leaf data format version; bumped only with a new verifier that still reads the old one. */
export const AUDIT_LEAF_VERSION = 1;

/**
 * How the leaf data of every entry of `type` ends (`serializeLeaf`): canonical JSON sorts the keys, so
 * `type` and `v` are its last two members, and no value nested in `details` can end the data this way.
 */
export function leafSuffix(type: AuditEventType): string {
  return `,"type":${JSON.stringify(type)},"v":${AUDIT_LEAF_VERSION}}`;
}
/** Bounds one entry so a caller cannot make a single append (or a later verify) arbitrarily slow. */
export const MAX_AUDIT_ENTRY_BYTES = 64 * 1024;
export const MAX_AUDIT_NAME_CHARS = 512;

const TYPES: ReadonlySet<string> = new Set(AUDIT_EVENT_TYPES);

function invalid(why: string): BulwarkError {
  return new BulwarkError('AUDIT_APPEND_FAILED', `The audit event is invalid: ${why}.`);
}

function checkName(value: unknown, field: string): string | null {
  if (value === null) return null;
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_AUDIT_NAME_CHARS) {
    throw invalid(`${field} must be null or a string of 1-${MAX_AUDIT_NAME_CHARS} characters`);
  }
  return value;
}

/**
 * The leaf data of the entry at `index`: canonical JSON of the event plus its own index and the
 * format version. Recording the index inside the hashed data is what lets the verifier tell a moved
 * or renumbered row from an edited one. Throws AUDIT_APPEND_FAILED for an event that is not valid.
 */
export function serializeLeaf(event: AuditEvent, index: number): string {
  if (typeof event !== 'object' || event === null) throw invalid('not an object');
  if (typeof event.type !== 'string' || !TYPES.has(event.type)) throw invalid('unknown type');
  if (typeof event.time !== 'number' || !Number.isSafeInteger(event.time) || event.time < 0) throw invalid('time must be epoch milliseconds');
  const record = {
    v: AUDIT_LEAF_VERSION,
    index,
    type: event.type,
    actor: checkName(event.actor, 'actor'),
    subject: checkName(event.subject, 'subject'),
    time: event.time,
    details: event.details,
  };
  const data = canonicalJson(record);
  if (data === null) throw invalid('details must be plain JSON (finite numbers, no undefined, at most 32 levels deep)');
  if (Buffer.byteLength(data) > MAX_AUDIT_ENTRY_BYTES) throw invalid(`the entry exceeds ${MAX_AUDIT_ENTRY_BYTES} bytes`);
  return data;
}

/** The event back out of stored leaf data (for export and the console); null when it is not a v1 record. */
export function parseLeaf(data: string): (AuditEvent & { index: number }) | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const r = parsed as Record<string, unknown>;
  if (r.v !== AUDIT_LEAF_VERSION || typeof r.index !== 'number' || typeof r.type !== 'string' || !TYPES.has(r.type)) return null;
  if (typeof r.time !== 'number' || !isNameOrNull(r.actor) || !isNameOrNull(r.subject) || !('details' in r)) return null;
  return { index: r.index, type: r.type as AuditEventType, actor: r.actor, subject: r.subject, time: r.time, details: r.details as JsonValue };
}

function isNameOrNull(value: unknown): value is string | null {
  return value === null || typeof value === 'string';
}
