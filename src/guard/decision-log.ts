import { sha256Hex } from '../core/hash.js';
import { newId } from '../core/ids.js';
import type { DecisionDetails, DecisionRecord } from '../store/index.js';
import type { Guard, GuardVerdict } from './guard.js';

export interface DecisionContext {
  readonly source: string;
  readonly tenant: string | null;
  readonly now?: number;
  /** Conversation risk and exemption, for gateway decisions. */
  readonly details?: DecisionDetails;
}

/**
 * The typed record of one decision. The input itself is kept only when the policy says so; the
 * SHA-256 of the input is always kept so a reviewer can correlate without holding the text.
 */
export function toDecisionRecord(guard: Guard, text: string, verdict: GuardVerdict, context: DecisionContext): DecisionRecord {
  const now = context.now ?? Date.now();
  return {
    id: newId('dec', now),
    createdAt: now,
    tenant: context.tenant,
    source: context.source,
    inputHash: sha256Hex(text),
    input: guard.policy.decisionLog.storeInput ? text : null,
    decision: verdict.decision,
    flagged: verdict.flagged,
    categories: Object.entries(verdict.categories)
      .filter(([, hit]) => hit)
      .map(([id]) => id),
    scores: verdict.categoryScores,
    matchedRules: verdict.matchedRules.map((rule) => rule.id),
    modelVersion: guard.modelId,
    policyVersion: guard.policyId,
    mode: guard.policy.mode,
    latencyMs: Math.round(verdict.latencyMs * 1000) / 1000,
    ...(context.details ? { details: context.details } : {}),
  };
}
