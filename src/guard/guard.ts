import { performance } from 'node:perf_hooks';
import type { BulwarkConfig } from '../config/config-schema.js';
import type { Policy } from '../config/policy-schema.js';
import { BulwarkError } from '../core/errors.js';
import { decide, type Decision } from './decision.js';
import type { JudgeRecord } from './judge.js';
import { normalizeText, type NormalizedText } from './normalize.js';
import { RuleSet, type RuleMatch, type TextDirection } from './rules.js';
import { WindowScoreCache } from './window-cache.js';

/** The port the built-in classifier implements (the LLM judge is a separate, async stage: judge.ts). */
export interface TextClassifier {
  readonly name: string;
  readonly version: string;
  readonly categories: readonly string[];
  score(input: NormalizedText): Record<string, number>;
}

/** Whatever holds the policy in force (the Guard): read at each use, so a policy reload reaches every stage. */
export interface PolicyInForce {
  readonly policy: Policy;
}

export type GuardSettings = Pick<BulwarkConfig['guard'], 'windowChars' | 'windowOverlapChars' | 'failOpenOnClassifierError' | 'windowCacheEntries'>;

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
export class Guard implements PolicyInForce {
  private inForce: { readonly policy: Policy; readonly rules: RuleSet };
  private readonly policyListeners = new Set<(policy: Policy) => void>();
  private readonly windowCache: WindowScoreCache;

  constructor(
    policy: Policy,
    readonly classifier: TextClassifier,
    readonly settings: GuardSettings,
  ) {
    this.inForce = { policy, rules: new RuleSet(policy.rules) };
    this.windowCache = new WindowScoreCache(settings.windowCacheEntries);
  }

  /** The policy in force; read it per use rather than keeping it, since `replacePolicy` may change it. */
  get policy(): Policy {
    return this.inForce.policy;
  }

  get rules(): RuleSet {
    return this.inForce.rules;
  }

  /**
   * Puts a validated policy in force for every evaluation that starts from now on (policy reload,
   * docs/policy.md, "Reload"); one already running finishes under the policy it started with.
   */
  replacePolicy(policy: Policy): void {
    this.inForce = { policy, rules: new RuleSet(policy.rules) };
    for (const listener of this.policyListeners) listener(policy);
  }

  /** Tells `listener` of every later `replacePolicy` (classifier threads hold their own copy); returns the unsubscribe. */
  onPolicyChange(listener: (policy: Policy) => void): () => void {
    this.policyListeners.add(listener);
    return () => this.policyListeners.delete(listener);
  }

  get modelId(): string {
    return `${this.classifier.name}@${this.classifier.version}`;
  }

  get policyId(): string {
    return `${this.policy.name}@${this.policy.version}`;
  }

  /**
   * `direction` picks the policy rules that apply (`appliesTo`); the classifier reads both alike. Texts
   * evaluated with one `reuseScope` (the gateway: a tenant's conversation) share the scores of identical
   * windows of long texts (window-cache.ts); the verdict is the same with or without it.
   */
  evaluate(text: string, direction: TextDirection = 'input', reuseScope?: string): GuardVerdict {
    const started = performance.now();
    const whole = normalizeText(text);
    let scores: Readonly<Record<string, number>>;
    let failure: GuardVerdict['failure'] = null;
    try {
      scores = this.scoreWindows(text, whole, reuseScope);
    } catch {
      failure = 'GUARD_CLASSIFIER_FAILED';
      scores = {};
    }
    return this.verdict(text, direction, whole, scores, failure, started);
  }

  /**
   * The verdict for a text the classifier could not score (a classifier thread failed or ran out of
   * time): the rules still run, and the failure denies unless `failOpenOnClassifierError` is set.
   */
  failedVerdict(text: string, failure: ClassifierFailure, direction: TextDirection = 'input', started = performance.now()): GuardVerdict {
    return this.verdict(text, direction, normalizeText(text), {}, failure, started);
  }

  private verdict(
    text: string,
    direction: TextDirection,
    whole: NormalizedText,
    scores: Readonly<Record<string, number>>,
    failure: GuardVerdict['failure'],
    started: number,
  ): GuardVerdict {
    const { policy, rules } = this.inForce;
    const ruleHits = rules.match(whole.normalized === text ? [text] : [text, whole.normalized], direction);
    const decided = decide(policy, scores, ruleHits);
    let policyDecision = decided.decision;
    const reasons = [...decided.reasons];
    if (failure && !this.settings.failOpenOnClassifierError) {
      policyDecision = 'block';
      reasons.push(`${failure}: classifier error, denied (fail closed)`);
    } else if (failure) {
      reasons.push(`${failure}: classifier error, allowed because failOpenOnClassifierError is set`);
    }
    const decision = policy.mode === 'shadow' ? 'allow' : policyDecision;
    return {
      decision,
      policyDecision,
      flagged: policyDecision !== 'allow',
      categories: decided.categories,
      categoryScores: roundScores(scores, policy),
      matchedRules: ruleHits,
      reasons,
      failure,
      normalization: whole.steps,
      latencyMs: performance.now() - started,
    };
  }

  /**
   * Long inputs are scored in overlapping windows; a category's score is its maximum over windows.
   * Windows start at fixed offsets from the text's start, so a text that only grew at its end has the
   * same earlier windows, whose scores `reuseScope` lets the cache return.
   */
  private scoreWindows(text: string, whole: NormalizedText, reuseScope: string | undefined): Readonly<Record<string, number>> {
    const { windowChars, windowOverlapChars } = this.settings;
    if (text.length <= windowChars) return this.checkedScore(whole);
    const step = Math.max(1, windowChars - Math.min(windowOverlapChars, windowChars - 1));
    const out: Record<string, number> = {};
    for (let start = 0; start < text.length; start += step) {
      const window = text.slice(start, start + windowChars);
      const fresh = () => this.checkedScore(normalizeText(window));
      const scores = reuseScope === undefined ? fresh() : this.windowCache.scores(reuseScope, window, fresh);
      for (const [category, score] of Object.entries(scores)) {
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
