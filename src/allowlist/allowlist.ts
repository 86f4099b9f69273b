import type { Kysely } from 'kysely';
import { systemClock, type Clock } from '../core/clock.js';
import { BulwarkError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { SignedEnvelope } from '../access/payloads.js';
import type { Database } from '../store/types.js';
import {
  allowlistApprovalSchema,
  allowlistChangeDigest,
  allowlistChangeSchema,
  parseAllowlistPayload,
  verifyAllowlistSignature,
  type AllowlistApprovalPayload,
  type AllowlistChangePayload,
  type EntryKind,
} from './changes.js';
import type { ComponentRole, ProgramIdentity } from './identity.js';
import { matchesPathPattern } from './path-pattern.js';
import { appendOrRefuse, type AllowlistAuditSink, type KeyDirectory, type KeyHolder } from './ports.js';
import { deleteEntry, findEntriesBySha256, insertChange, insertEntry, isChangeApplied, readEntries, readEntry } from './allowlist-repository.js';

/** A signed change older than this (or approved later than this after it was made) is refused. */
export const DEFAULT_ALLOWLIST_CHANGE_TTL_SECONDS = 3600;
export const DEFAULT_ALLOWLIST_CLOCK_SKEW_SECONDS = 300;
/** Distinct approvers besides the requester that a change needs. */
export const DEFAULT_ALLOWLIST_REQUIRED_APPROVALS = 1;
/** Who may request and approve allowlist changes: it decides what may touch the weights. */
export const ALLOWLIST_CHANGE_ROLE = 'admin';

export interface AllowlistEntry {
  readonly id: string;
  readonly kind: EntryKind;
  readonly sha256: string;
  readonly name: string;
  readonly owner: string;
  readonly pathPattern: string | null;
  readonly signer: string | null;
  readonly path: string | null;
  readonly size: number | null;
  readonly addedBy: string;
  readonly approvedBy: readonly string[];
  readonly changeId: string;
  readonly createdAt: number;
}

/** A file that would run but is not allowlisted. */
export interface MissingComponent {
  readonly role: ComponentRole;
  readonly path: string;
  readonly requestedAs: string;
  readonly sha256: string;
}

export interface AllowlistCheck {
  readonly allowed: boolean;
  readonly missing: readonly MissingComponent[];
  /** Entry ids that matched, one per allowed component. */
  readonly matched: readonly string[];
}

export interface AppliedChange {
  readonly changeId: string;
  readonly op: 'add' | 'remove';
  readonly entry: AllowlistEntry;
}

export interface AllowlistServiceOptions {
  readonly db: Kysely<Database>;
  readonly audit: AllowlistAuditSink;
  readonly keys: KeyDirectory;
  readonly clock?: Clock;
  readonly changeTtlSeconds?: number;
  readonly clockSkewSeconds?: number;
  readonly requiredApprovals?: number;
}

export interface AllowlistService {
  list(): Promise<AllowlistEntry[]>;
  get(id: string): Promise<AllowlistEntry>;
  /** Every component must match an entry by SHA-256 (and path pattern, when the entry has one). */
  check(identity: Pick<ProgramIdentity, 'components'>): Promise<AllowlistCheck>;
  /**
   * Checks a change request before it waits for approval: strict payload, the requester's signature
   * and admin role, its validity window, and that it was not applied already. Nothing is written.
   */
  validateChange(change: SignedEnvelope<unknown>): Promise<{ payload: AllowlistChangePayload; digest: string }>;
  /** Verifies the signed change and its approvals, audits, then applies once. */
  applyApprovedChange(
    change: SignedEnvelope<unknown>,
    approvals: readonly SignedEnvelope<unknown>[],
  ): Promise<AppliedChange>;
}

export function createAllowlistService(options: AllowlistServiceOptions): AllowlistService {
  const clock = options.clock ?? systemClock;
  const settings = {
    ttlMs: (options.changeTtlSeconds ?? DEFAULT_ALLOWLIST_CHANGE_TTL_SECONDS) * 1000,
    skewMs: (options.clockSkewSeconds ?? DEFAULT_ALLOWLIST_CLOCK_SKEW_SECONDS) * 1000,
    required: options.requiredApprovals ?? DEFAULT_ALLOWLIST_REQUIRED_APPROVALS,
  };
  if (!Number.isInteger(settings.required) || settings.required < 1) {
    throw new BulwarkError('CONFIG_INVALID', 'allowlist.requiredApprovals must be at least 1: changes always need a second person.');
  }
  const { db } = options;
  return {
    list: () => readEntries(db),
    async get(id) {
      const entry = await readEntry(db, id);
      if (entry === null) throw new BulwarkError('ALLOWLIST_ENTRY_NOT_FOUND', 'No allowlist entry with that id.');
      return entry;
    },
    async check(identity) {
      const missing: MissingComponent[] = [];
      const matched: string[] = [];
      for (const component of identity.components) {
        const candidates = await findEntriesBySha256(db, component.sha256);
        const hit = candidates.find((e) => e.kind === 'file' && matchesPathPattern(e.pathPattern, component.path));
        if (hit === undefined) missing.push({ role: component.role, path: component.path, requestedAs: component.requestedAs, sha256: component.sha256 });
        else matched.push(hit.id);
      }
      return { allowed: missing.length === 0 && identity.components.length > 0, missing, matched };
    },
    async validateChange(change) {
      const now = clock.now();
      const payload = parseAllowlistPayload(allowlistChangeSchema, change.payload, 'allowlist change');
      await verifiedSigner(options.keys, payload.requesterKeyId, 'change', payload, change.signature);
      checkWindow(payload.createdAt, now, settings);
      const digest = allowlistChangeDigest(payload);
      if (await isChangeApplied(db, digest)) throw replayed();
      if (payload.op === 'remove') await existingEntry(db, payload.entryId);
      return { payload, digest };
    },
    async applyApprovedChange(change, approvals) {
      const now = clock.now();
      const payload = parseAllowlistPayload(allowlistChangeSchema, change.payload, 'allowlist change');
      const requester = await verifiedSigner(options.keys, payload.requesterKeyId, 'change', payload, change.signature);
      checkWindow(payload.createdAt, now, settings);
      const digest = allowlistChangeDigest(payload);
      const approvers = await verifiedApprovals(options.keys, payload, digest, approvals, now, settings);
      if (await isChangeApplied(db, digest)) throw replayed();
      const changeId = newId('alc', now);
      const entry = payload.op === 'add' ? await plannedEntry(db, payload, approvers, changeId, now) : await existingEntry(db, payload.entryId);
      await appendOrRefuse(options.audit, {
        type: 'allowlist.change',
        actor: requester.keyId,
        subject: entry.id,
        time: now,
        details: {
          op: payload.op,
          changeId,
          changeDigest: digest,
          approvers: approvers.map((a) => a.keyId),
          kind: entry.kind,
          sha256: entry.sha256,
          name: entry.name,
          owner: entry.owner,
          pathPattern: entry.pathPattern,
          reason: payload.reason,
        },
      });
      await db.transaction().execute(async (trx) => {
        const stored = { id: changeId, digest, payload, signature: change.signature, approvals, appliedAt: now };
        if (!(await insertChange(trx, stored))) throw replayed();
        if (payload.op === 'add') await insertEntry(trx, entry);
        else if (!(await deleteEntry(trx, entry.id))) throw new BulwarkError('ALLOWLIST_ENTRY_NOT_FOUND', 'No allowlist entry with that id.');
      });
      return { changeId, op: payload.op, entry };
    },
  };
}

async function verifiedSigner(keys: KeyDirectory, keyId: string, domain: 'change' | 'approval', payload: unknown, signature: unknown): Promise<KeyHolder> {
  const holder = await keys.find(keyId);
  // Unknown key and bad signature share one message: no oracle for which part was wrong.
  if (holder === null || !verifyAllowlistSignature(holder.publicKey, domain, payload, signature)) {
    throw new BulwarkError('ALLOWLIST_SIGNATURE_INVALID', 'A signature on the allowlist change does not verify.');
  }
  if (!holder.roles.includes(ALLOWLIST_CHANGE_ROLE)) {
    throw new BulwarkError('ALLOWLIST_NOT_AUTHORIZED', `Only registered ${ALLOWLIST_CHANGE_ROLE}s may request or approve allowlist changes.`);
  }
  return holder;
}

function checkWindow(time: number, now: number, settings: { ttlMs: number; skewMs: number }): void {
  if (time > now + settings.skewMs || time < now - settings.ttlMs) {
    throw new BulwarkError('ALLOWLIST_CHANGE_EXPIRED', 'The allowlist change or approval is outside its validity window; sign it again.');
  }
}

/**
 * Two distinct humans (DESIGN invariant 3): every approval must be by a key other than the
 * requester's, sign this change's digest, and come from a distinct registered admin.
 */
async function verifiedApprovals(
  keys: KeyDirectory,
  change: AllowlistChangePayload,
  digest: string,
  approvals: readonly SignedEnvelope<unknown>[],
  now: number,
  settings: { ttlMs: number; skewMs: number; required: number },
): Promise<KeyHolder[]> {
  const approvers = new Map<string, KeyHolder>();
  for (const approval of approvals) {
    const payload: AllowlistApprovalPayload = parseAllowlistPayload(allowlistApprovalSchema, approval.payload, 'allowlist approval');
    if (payload.approverKeyId === change.requesterKeyId) {
      throw new BulwarkError('ALLOWLIST_SELF_APPROVAL', 'The requester cannot approve their own allowlist change; a second person must.');
    }
    const holder = await verifiedSigner(keys, payload.approverKeyId, 'approval', payload, approval.signature);
    if (payload.changeDigest !== digest) {
      throw new BulwarkError('ALLOWLIST_SIGNATURE_INVALID', 'A signature on the allowlist change does not verify.');
    }
    checkWindow(payload.time, now, settings);
    if (payload.time + settings.skewMs < change.createdAt) {
      throw new BulwarkError('ALLOWLIST_CHANGE_EXPIRED', 'An approval is dated before the change it approves.');
    }
    approvers.set(holder.keyId, holder);
  }
  if (approvers.size < settings.required) {
    throw new BulwarkError('ALLOWLIST_NOT_AUTHORIZED', `An allowlist change needs ${settings.required} approval(s) by admins other than the requester.`);
  }
  return [...approvers.values()];
}

async function plannedEntry(
  db: Kysely<Database>,
  payload: Extract<AllowlistChangePayload, { op: 'add' }>,
  approvers: readonly KeyHolder[],
  changeId: string,
  now: number,
): Promise<AllowlistEntry> {
  const spec = payload.entry;
  const same = (await findEntriesBySha256(db, spec.sha256)).find((e) => e.kind === spec.kind && e.pathPattern === spec.pathPattern);
  if (same !== undefined) throw new BulwarkError('ALLOWLIST_ENTRY_EXISTS', `Entry ${same.id} already allowlists this SHA-256 and path pattern.`);
  return {
    id: newId('alw', now),
    ...spec,
    addedBy: payload.requesterKeyId,
    approvedBy: approvers.map((a) => a.keyId),
    changeId,
    createdAt: now,
  };
}

async function existingEntry(db: Kysely<Database>, id: string): Promise<AllowlistEntry> {
  const entry = await readEntry(db, id);
  if (entry === null) throw new BulwarkError('ALLOWLIST_ENTRY_NOT_FOUND', 'No allowlist entry with that id.');
  return entry;
}

function replayed(): BulwarkError {
  return new BulwarkError('ALLOWLIST_CHANGE_REPLAYED', 'This allowlist change was already applied.');
}
