import type { Kysely } from 'kysely';
import { parseLeaf, type AuditLog } from '../audit/index.js';
import { canonicalJson } from '../audit/canonical-json.js';
import { leafSuffix } from '../audit/events.js';
import { readLatestEndingWith } from '../audit/log-store.js';
import { guardStoreCall } from '../store/store-errors.js';
import type { Database } from '../store/types.js';
import type { Policy } from '../config/policy-schema.js';
import { sha256Hex } from '../core/hash.js';

/** What identifies the guard policy in force: its name and version, and the SHA-256 of its canonical JSON. */
export interface PolicyFingerprint {
  readonly policy: string;
  readonly sha256: string;
}

export function policyFingerprint(policy: Policy): PolicyFingerprint {
  return { policy: `${policy.name}@${policy.version}`, sha256: sha256Hex(canonicalJson(policy) ?? '') };
}

/**
 * Where a policy in force came from: a policy file, or a release in the store (`policy_releases.seq`)
 * with the key id of the `guard.policySigners` key that signed it.
 */
export type PolicyOrigin = { readonly file: string } | { readonly release: number; readonly signer: string };

/**
 * Appends `policy.change` when the policy this server starts with differs from the one the audit log
 * last recorded (the first start records it too). The content hash catches an edited file whose version
 * was not bumped; comments and key order do not count. Replicas started together may each record the
 * same change once. A failed append fails the start: a policy whose change is not on the log is not used.
 */
export async function recordPolicyInForce(audit: Pick<AuditLog, 'latest' | 'append'>, policy: Policy, origin: PolicyOrigin, now = Date.now()): Promise<boolean> {
  const current = policyFingerprint(policy);
  const last = await audit.latest('policy.change');
  const previous = readFingerprint(last?.details);
  if (previous !== null && previous.sha256 === current.sha256) return false;
  await audit.append({ type: 'policy.change', actor: null, subject: policy.name, time: now, details: { ...current, mode: policy.mode, ...origin, previous: previous === null ? null : { ...previous } } });
  return true;
}

function readFingerprint(details: unknown): PolicyFingerprint | null {
  if (typeof details !== 'object' || details === null) return null;
  const { policy, sha256 } = details as Record<string, unknown>;
  return typeof policy === 'string' && typeof sha256 === 'string' ? { policy, sha256 } : null;
}

/** The policy release the audit log last recorded in force (`policy.change` with a `release`), and its entry. */
export interface ReleaseOnRecord {
  readonly release: number;
  readonly entry: number;
}

/**
 * What a replica starting from the store may not go below: releases are only ever added, so a newest
 * release older than one a replica recorded in force means rows were deleted. A replica that has read
 * nothing yet has only the audit log to remember it by (tamper-evident: removing the entry breaks
 * `bulwark audit verify`). Null when the last recorded change came from a policy file. With
 * `policy.promote`: the release number last promoted, which the next release must be above.
 */
export async function releaseOnRecord(db: Kysely<Database>, type: 'policy.change' | 'policy.promote' = 'policy.change'): Promise<ReleaseOnRecord | null> {
  const entry = await guardStoreCall(() => readLatestEndingWith(db, leafSuffix(type)));
  const event = entry === null ? null : parseLeaf(entry.data);
  if (entry === null || event?.type !== type) return null;
  const release = (event.details as Record<string, unknown> | null)?.release;
  return typeof release === 'number' && Number.isSafeInteger(release) && release > 0 ? { release, entry: entry.index } : null;
}
