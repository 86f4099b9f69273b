import type { Policy, PolicyAction } from '../config/policy-schema.js';
import type { RuleMatch } from './rules.js';

export type Decision = PolicyAction;

const SEVERITY: Record<Decision, number> = { allow: 0, flag: 1, block: 2 };

export function mostSevere(a: Decision, b: Decision): Decision {
  return SEVERITY[a] >= SEVERITY[b] ? a : b;
}

export interface PolicyDecision {
  readonly decision: Decision;
  /** Category id → whether it triggered (score over its threshold, or a rule in that category matched). */
  readonly categories: Record<string, boolean>;
  readonly reasons: string[];
}

/**
 * Applies the policy to classifier scores and rule hits. A category triggers its action at or
 * above `threshold`, and at least `flag` at or above `flagThreshold`.
 */
export function decide(policy: Policy, scores: Readonly<Record<string, number>>, rules: readonly RuleMatch[]): PolicyDecision {
  let decision: Decision = 'allow';
  const categories: Record<string, boolean> = {};
  const reasons: string[] = [];
  for (const [id, category] of Object.entries(policy.categories.harmful)) {
    const score = scores[id] ?? 0;
    let action: Decision = 'allow';
    let bound = category.threshold;
    if (score >= category.threshold) action = category.action;
    else if (category.flagThreshold !== undefined && score >= category.flagThreshold && category.action !== 'allow') {
      action = 'flag';
      bound = category.flagThreshold;
    }
    categories[id] = action !== 'allow';
    if (action !== 'allow') reasons.push(`${id} score ${score.toFixed(3)} ≥ ${bound} → ${action}`);
    decision = mostSevere(decision, action);
  }
  for (const rule of rules) {
    categories[rule.category] = categories[rule.category] === true || rule.action !== 'allow';
    reasons.push(`rule ${rule.id} (${rule.category}) → ${rule.action}`);
    decision = mostSevere(decision, rule.action);
  }
  return { decision, categories, reasons };
}
