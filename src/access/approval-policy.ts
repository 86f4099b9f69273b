import { z } from 'zod';
import { BulwarkError } from '../core/errors.js';
import { MAX_GRANT_USES, MAX_TTL_SECONDS, poolNameSchema } from './payloads.js';

/** How long a pending request may wait for its approvals. */
export const DEFAULT_REQUEST_TTL_SECONDS = 3_600;
/** The longest grant any approval can produce. */
export const DEFAULT_MAX_GRANT_TTL_SECONDS = 8 * 3_600;
/** A break-glass grant: one person, so it lives briefly. */
export const DEFAULT_BREAK_GLASS_TTL_SECONDS = 900;
/** A second admin must close a break-glass review within this window, or it shows as overdue. */
export const DEFAULT_REVIEW_WINDOW_SECONDS = 24 * 3_600;
/** How far a signed time may be from the server's clock (either way). */
export const DEFAULT_MAX_CLOCK_SKEW_SECONDS = 300;
/**
 * Admin changes need a second admin, so fewer than two would freeze user management forever; no
 * bootstrap or users change may leave fewer.
 */
export const MIN_ADMINS = 2;

/** `pool: null` means any approver; each requirement needs `count` approvers no other requirement used. */
export interface ApprovalRequirement {
  readonly pool: string | null;
  readonly count: number;
}

export interface ApprovalRule {
  /** AND-ed: every requirement must be met, each by distinct approvers. */
  readonly approvals: readonly ApprovalRequirement[];
  /** Further caps the policy-wide maximum for artifacts with this label. */
  readonly maxGrantTtlSeconds?: number;
  /** Every grant for this label allows exactly one release, whatever the request asked. */
  readonly singleUse?: boolean;
}

export interface ApprovalPolicy {
  readonly defaultRule: ApprovalRule;
  /** Rules per artifact label; an artifact without a listed label gets `defaultRule`. */
  readonly labels: Readonly<Record<string, ApprovalRule>>;
  readonly maxGrantTtlSeconds: number;
  readonly requestTtlSeconds: number;
  readonly breakGlassTtlSeconds: number;
  readonly reviewWindowSeconds: number;
  readonly maxClockSkewSeconds: number;
}

export const DEFAULT_APPROVAL_RULE: ApprovalRule = Object.freeze({ approvals: Object.freeze([{ pool: null, count: 1 }]) });

/** Frontier weights: one approver from `security` AND one more approver (any pool), single use. */
export const DEFAULT_LABEL_RULES: Readonly<Record<string, ApprovalRule>> = Object.freeze({
  'frontier-weights': Object.freeze({
    approvals: Object.freeze([
      { pool: 'security', count: 1 },
      { pool: null, count: 1 },
    ]),
    singleUse: true,
  }),
});

export const DEFAULT_APPROVAL_POLICY: ApprovalPolicy = Object.freeze({
  defaultRule: DEFAULT_APPROVAL_RULE,
  labels: DEFAULT_LABEL_RULES,
  maxGrantTtlSeconds: DEFAULT_MAX_GRANT_TTL_SECONDS,
  requestTtlSeconds: DEFAULT_REQUEST_TTL_SECONDS,
  breakGlassTtlSeconds: DEFAULT_BREAK_GLASS_TTL_SECONDS,
  reviewWindowSeconds: DEFAULT_REVIEW_WINDOW_SECONDS,
  maxClockSkewSeconds: DEFAULT_MAX_CLOCK_SKEW_SECONDS,
});

const seconds = z.number().int().min(1).max(MAX_TTL_SECONDS);
const ruleSchema = z.strictObject({
  // At least one approval, always: a rule of zero approvals would be one-party access (invariant 3).
  approvals: z
    .array(z.strictObject({ pool: poolNameSchema.nullable(), count: z.number().int().min(1).max(16) }))
    .min(1)
    .max(16),
  maxGrantTtlSeconds: seconds.optional(),
  singleUse: z.boolean().optional(),
});

export const approvalPolicySchema = z.strictObject({
  defaultRule: ruleSchema.default(DEFAULT_APPROVAL_RULE as z.input<typeof ruleSchema>),
  labels: z.record(z.string().regex(/^[\x21-\x7e]{1,255}$/), ruleSchema).default({ ...DEFAULT_LABEL_RULES } as Record<string, z.input<typeof ruleSchema>>),
  maxGrantTtlSeconds: seconds.default(DEFAULT_MAX_GRANT_TTL_SECONDS),
  requestTtlSeconds: seconds.default(DEFAULT_REQUEST_TTL_SECONDS),
  breakGlassTtlSeconds: seconds.default(DEFAULT_BREAK_GLASS_TTL_SECONDS),
  reviewWindowSeconds: seconds.default(DEFAULT_REVIEW_WINDOW_SECONDS),
  maxClockSkewSeconds: z.number().int().min(1).max(3_600).default(DEFAULT_MAX_CLOCK_SKEW_SECONDS),
});

/** Validates a policy once (every problem listed), fills in defaults, and freezes it. */
export function resolveApprovalPolicy(input: unknown = {}): ApprovalPolicy {
  const result = approvalPolicySchema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map((i) => ({ path: ['access', 'policy', ...i.path.map(String)].join('.'), message: i.message }));
    throw new BulwarkError('CONFIG_INVALID', 'The approval policy is invalid.', { problems });
  }
  const labels = Object.create(null) as Record<string, ApprovalRule>;
  for (const [label, rule] of Object.entries(result.data.labels)) labels[label] = freezeRule(rule);
  return Object.freeze({ ...result.data, defaultRule: freezeRule(result.data.defaultRule), labels: Object.freeze(labels) });
}

function freezeRule(rule: ApprovalRule): ApprovalRule {
  return Object.freeze({ ...rule, approvals: Object.freeze(rule.approvals.map((a) => Object.freeze({ ...a }))) });
}

export function ruleFor(policy: ApprovalPolicy, label: string | null): ApprovalRule {
  if (label !== null && Object.hasOwn(policy.labels, label)) return policy.labels[label]!;
  return policy.defaultRule;
}

export function maxGrantTtlSeconds(policy: ApprovalPolicy, rule: ApprovalRule): number {
  return Math.min(policy.maxGrantTtlSeconds, rule.maxGrantTtlSeconds ?? MAX_TTL_SECONDS);
}

/** The uses a grant allows: what the request asked, narrowed to one when the label demands it. */
export function effectiveMaxUses(requested: number | null, rule: ApprovalRule): number {
  if (rule.singleUse === true) return 1;
  return requested ?? MAX_GRANT_USES;
}

/** An approver as the policy sees one: a distinct key (already ≠ requester) and its pools. */
export interface CountedApprover {
  readonly keyId: string;
  readonly pools: readonly string[];
}

/**
 * True when distinct approvers can fill every slot of the rule (bipartite matching, Kuhn's
 * algorithm). Threat: counting one person twice, e.g. a `security` member satisfying both "one from
 * security" and "one more" alone; matching gives each approver at most one slot.
 */
export function isRuleSatisfied(rule: ApprovalRule, approvers: readonly CountedApprover[]): boolean {
  const slots = rule.approvals.flatMap((r) => Array.from({ length: r.count }, () => r.pool));
  const distinct = [...new Map(approvers.map((a) => [a.keyId, a])).values()];
  if (distinct.length < slots.length) return false;
  const slotOfApprover = new Array<number>(distinct.length).fill(-1);
  const fits = (slot: number, approver: number): boolean => {
    const pool = slots[slot];
    return pool === null || (pool !== undefined && distinct[approver]!.pools.includes(pool));
  };
  const assign = (slot: number, seen: boolean[]): boolean => {
    for (let a = 0; a < distinct.length; a += 1) {
      if (seen[a] === true || !fits(slot, a)) continue;
      seen[a] = true;
      if (slotOfApprover[a] === -1 || assign(slotOfApprover[a]!, seen)) {
        slotOfApprover[a] = slot;
        return true;
      }
    }
    return false;
  };
  return slots.every((_, slot) => assign(slot, []));
}
