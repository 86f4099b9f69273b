import type { PolicyAction, PolicyRule, RuleScope } from '../config/policy-schema.js';
import { analyzeRuleRegex } from '../config/regex-safety.js';

export interface RuleMatch {
  readonly id: string;
  readonly category: string;
  readonly action: PolicyAction;
}

/** Which side of an exchange a text is: what was submitted, or model output being checked. */
export type TextDirection = 'input' | 'output';

interface CompiledRule extends RuleMatch {
  readonly appliesTo: RuleScope;
  test(text: string, lowered: string): boolean;
}

/**
 * Policy rules compiled once. Patterns were checked for catastrophic backtracking when the policy
 * loaded (config/regex-safety.ts); here we only run them. Literal rules compare lower-cased text
 * unless marked case-sensitive.
 */
export class RuleSet {
  private readonly rules: readonly CompiledRule[];
  /**
   * The longest text a rule that applies to output can match: sizes the stream hold-back window so no
   * match is split. Input-only rules (long jailbreak phrases) do not count.
   */
  readonly longestOutputMatchChars: number;

  constructor(rules: readonly PolicyRule[]) {
    this.rules = rules.map(compileRule);
    this.longestOutputMatchChars = rules.reduce((max, rule) => {
      if (rule.appliesTo === 'input') return max;
      const length = 'literal' in rule.match ? rule.match.literal.length : analyzeRuleRegex(rule.match.regex).maxMatchChars;
      return Math.max(max, length);
    }, 0);
  }

  get size(): number {
    return this.rules.length;
  }

  /** Every rule for `direction` that matches any of the texts (raw and normalized views of one text). */
  match(texts: readonly string[], direction: TextDirection): RuleMatch[] {
    if (this.rules.length === 0) return [];
    const lowered = texts.map((t) => t.toLowerCase());
    const hits: RuleMatch[] = [];
    for (const rule of this.rules) {
      if (rule.appliesTo !== 'both' && rule.appliesTo !== direction) continue;
      if (texts.some((text, i) => rule.test(text, lowered[i]!))) {
        hits.push({ id: rule.id, category: rule.category, action: rule.action });
      }
    }
    return hits;
  }
}

function compileRule(rule: PolicyRule): CompiledRule {
  const base = { id: rule.id, category: rule.category, action: rule.action, appliesTo: rule.appliesTo };
  const match = rule.match;
  if ('literal' in match) {
    if (match.caseSensitive) {
      const needle = match.literal;
      return { ...base, test: (text) => text.includes(needle) };
    }
    const needle = match.literal.toLowerCase();
    return { ...base, test: (_text, lowered) => lowered.includes(needle) };
  }
  const regex = new RegExp(match.regex, match.flags.replace(/[gy]/g, ''));
  return { ...base, test: (text) => regex.test(text) };
}
