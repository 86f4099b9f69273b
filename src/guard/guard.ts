import { performance } from 'node:perf_hooks';
import type { BulwarkConfig } from '../config/config-schema.js';
import type { Policy } from '../config/policy-schema.js';
import { BulwarkError } from '../core/errors.js';
import { decide, type Decision } from './decision.js';
import type { JudgeRecord } from './judge.js';
import { normalizeText, type NormalizedText } from './normalize.js';
import { RuleSet, type RuleMatch } from './rules.js';

/** The port the built-in classifier implements (the LLM judge is a separate, async stage: judge.ts). */
export interface TextClassifier {
  readonly name: string;
  readonly version: string;
  readonly categories: readonly string[];
  score(input: NormalizedText): Record<string, number>;
}

export type GuardSettings = Pick<BulwarkConfig['guard'], 'windowChars' | 'windowOverlapChars' | 'failOpenOnClassifierError'>;

/** Why a text has no classifier scores: the classifier threw, or its thread failed or ran out of time. */
export type ClassifierFailure = 'GUARD_CLASSIFIER_FAILED' | 'GUARD_CLASSIFIER_TIMEOUT';

export interface GuardVerdict {
  /** What is enforced: the policy decision, or `allow` in shadow mode. */
  readonly decision: Decision;
  /** What the policy says, whatever the mode. */
  readonly policyDecision: Decision;
  readonly flagged: boolean;
  readonly categories: Record<string, boolean>;
  readonly categoryScores: Record<string, number>;
  readonly matchedRules: readonly RuleMatch[];
  readonly reasons: readonly string[];
  /** Set when a check failed and the verdict came from the fail-closed (or fail-open) path. */
  readonly failure: ClassifierFailure | null;
  readonly normalization: readonly string[];
  /** The built-in stage's time; a judge's is in `judge.latencyMs`. */
  readonly latencyMs: number;
  /** Present when the LLM judge stage was called for this text (guard/judge.ts). */
  readonly judge?: JudgeRecord;
}

/**
 * The cascade for one text: normalize, run the policy's explicit rules, score with the classifier
 * over bounded windows, then apply the policy. Any classifier error denies (invariant 1) unless
 * the config names the risk with `failOpenOnClassifierError`.
 */
export class Guard {
  readonly rules: RuleSet;

  constructor(
    readonly policy: Policy,
    readonly classifier: TextClassifier,
    readonly settings: GuardSettings,
  ) {
    this.rules = new RuleSet(policy.rules);
  }

  get modelId(): string {
    return `${this.classifier.name}@${this.classifier.version}`;
  }

  get policyId(): string {
    return `${this.policy.name}@${this.policy.version}`;
  }

  evaluate(text: string): GuardVerdict {
    const started = performance.now();
    const whole = normalizeText(text);
    let scores: Record<string, number>;
    let failure: GuardVerdict['failure'] = null;
    try {
      scores = this.scoreWindows(text, whole);
    } catch {
      failure = 'GUARD_CLASSIFIER_FAILED';
      scores = {};
    }
    return this.verdict(text, whole, scores, failure, started);
  }

  /**
   * The verdict for a text the classifier could not score (a classifier thread failed or ran out of
   * time): the rules still run, and the failure denies unless `failOpenOnClassifierError` is set.
   */
  failedVerdict(text: string, failure: ClassifierFailure, started = performance.now()): GuardVerdict {
    return this.verdict(text, normalizeText(text), {}, failure, started);
  }

  private verdict(text: string, whole: NormalizedText, scores: Record<string, number>, failure: GuardVerdict['failure'], started: number): GuardVerdict {
    const ruleHits = this.rules.match(whole.normalized === text ? [text] : [text, whole.normalized]);
    const decided = decide(this.policy, scores, ruleHits);
    let policyDecision = decided.decision;
    const reasons = [...decided.reasons];
    if (failure && !this.settings.failOpenOnClassifierError) {
      policyDecision = 'block';
      reasons.push(`${failure}: classifier error, denied (fail closed)`);
    } else if (failure) {
      reasons.push(`${failure}: classifier error, allowed because failOpenOnClassifierError is set`);
    }
    const decision = this.policy.mode === 'shadow' ? 'allow' : policyDecision;
    return {
      decision,
      policyDecision,
      flagged: policyDecision !== 'allow',
      categories: decided.categories,
      categoryScores: roundScores(scores, this.policy),
      matchedRules: ruleHits,
      reasons,
      failure,
      normalization: whole.steps,
      latencyMs: performance.now() - started,
    };
  }

  /** Long inputs are scored in overlapping windows; a category's score is its maximum over windows. */
  private scoreWindows(text: string, whole: NormalizedText): Record<string, number> {
    const { windowChars, windowOverlapChars } = this.settings;
    if (text.length <= windowChars) return this.checkedScore(whole);
    const step = Math.max(1, windowChars - Math.min(windowOverlapChars, windowChars - 1));
    const out: Record<string, number> = {};
    for (let start = 0; start < text.length; start += step) {
      const window = normalizeText(text.slice(start, start + windowChars));
      for (const [category, score] of Object.entries(this.checkedScore(window))) {
        out[category] = Math.max(out[category] ?? 0, score);
      }
      if (start + windowChars >= text.length) break;
    }
    return out;
  }

  private checkedScore(input: NormalizedText): Record<string, number> {
    const scores = this.classifier.score(input);
    for (const [category, score] of Object.entries(scores)) {
      if (!Number.isFinite(score) || score < 0 || score > 1) {
        throw new BulwarkError('GUARD_CLASSIFIER_FAILED', `classifier returned an invalid score for ${category}`);
      }
    }
    return scores;
  }
}

function roundScores(scores: Record<string, number>, policy: Policy): Record<string, number> {
  const out: Record<string, number> = {};
  for (const id of Object.keys(policy.categories.harmful)) out[id] = Math.round((scores[id] ?? 0) * 1e6) / 1e6;
  return out;
}
