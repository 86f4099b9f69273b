import type { AuditLog } from '../audit/index.js';
import { canonicalJson } from '../audit/canonical-json.js';
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
