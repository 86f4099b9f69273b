import { performance } from 'node:perf_hooks';
import type { JudgeConfig } from '../config/judge-schema.js';
import type { Policy } from '../config/policy-schema.js';
import { decide, mostSevere, type Decision } from './decision.js';
import type { JudgeBackend, JudgeUsage } from './chat-judge.js';
import type { GuardVerdict, PolicyInForce } from './guard.js';
import { JudgeReplyError, verdictParser, type VerdictParser } from './judge-verdict.js';

/** How a judge call ended: a verdict, or one of the ways it can fail (each handled by the failure mode). */
export type JudgeOutcome = 'safe' | 'unsafe' | 'timeout' | 'error' | 'invalid';

/** What the judge stage did for one text: recorded with the decision and counted in metrics. */
export interface JudgeRecord {
  readonly outcome: JudgeOutcome;
  /** The backend's name (`model@host`). */
  readonly judge: string;
  /** The judge's own labels (`S9`), as it wrote them. */
  readonly categories: readonly string[];
  /** Policy categories whose score was in the band: what the judge decided. */
  readonly reviewed: readonly string[];
  readonly latencyMs: number;
  /** Null when the endpoint reported no usage, or the call failed before it answered. */
  readonly usage: JudgeUsage | null;
}

export interface JudgeStageSettings {
  readonly band: JudgeConfig['band'];
  readonly timeoutMs: number;
  readonly maxInputChars: number;
  readonly verdict: JudgeConfig['verdict'];
  /** `guard.failOpenOnClassifierError`: the one failure mode for every stage of the cascade. */
  readonly failOpenOnClassifierError: boolean;
}

/** The seam the gateway calls after the built-in guard; without a judge it returns the verdict unchanged. */
export interface VerdictReview {
  review(text: string, verdict: GuardVerdict): Promise<GuardVerdict>;
}

export const noJudge: VerdictReview = { review: async (_text, verdict) => verdict };

/**
 * The cascade's second stage. The built-in classifier is fast and decides the clear cases; only when
 * the highest harmful-category score falls in `[band.min, band.max)` — its uncertain zone — is the text
 * sent to an LLM judge, whose verdict then decides the categories in that band under the policy's own
 * actions. A rule that blocks is final, and a verdict that already failed keeps its failure: neither is
 * sent. A judge error, timeout or unreadable reply is a classifier failure (invariant 1): the request
 * is denied unless `failOpenOnClassifierError` names the risk, and then the built-in verdict stands.
 */
export class JudgeStage implements VerdictReview {
  private readonly parse: VerdictParser;

  constructor(
    private readonly backend: JudgeBackend,
    private readonly inForce: PolicyInForce,
    private readonly settings: JudgeStageSettings,
  ) {
    this.parse = verdictParser(settings.verdict);
  }

  private get policy(): Policy {
    return this.inForce.policy;
  }

  /** Policy categories the judge would decide for this verdict; empty when it is not to be called. */
  reviewable(verdict: GuardVerdict): string[] {
    if (verdict.failure !== null || verdict.matchedRules.some((rule) => rule.action === 'block')) return [];
    const { min, max } = this.settings.band;
    const scores = Object.values(verdict.categoryScores);
    if (scores.length === 0 || Math.max(...scores) >= max) return [];
    return Object.entries(verdict.categoryScores)
      .filter(([, score]) => score >= min)
      .map(([id]) => id);
  }

  async review(text: string, verdict: GuardVerdict): Promise<GuardVerdict> {
    const reviewed = this.reviewable(verdict);
    if (reviewed.length === 0) return verdict;
    const started = performance.now();
    let usage: JudgeUsage | null = null;
    try {
      const completion = await this.backend.complete(text.slice(-this.settings.maxInputChars), AbortSignal.timeout(this.settings.timeoutMs));
      usage = completion.usage;
      const said = this.parse(completion.content);
      const record: JudgeRecord = { outcome: said.unsafe ? 'unsafe' : 'safe', judge: this.backend.name, categories: said.categories, reviewed, latencyMs: elapsed(started), usage };
      return this.decided(verdict, record);
    } catch (error) {
      const record: JudgeRecord = { outcome: failureOutcome(error), judge: this.backend.name, categories: [], reviewed, latencyMs: elapsed(started), usage };
      return this.failed(verdict, record);
    }
  }

  /** The built-in decision for every category outside the band, the judge's for those inside it. */
  private decided(verdict: GuardVerdict, record: JudgeRecord): GuardVerdict {
    const outside = { ...verdict.categoryScores };
    for (const id of record.reviewed) outside[id] = 0;
    const base = decide(this.policy, outside, verdict.matchedRules);
    let policyDecision = base.decision;
    const categories = { ...base.categories };
    const reasons = [...base.reasons];
    const labels = record.categories.length > 0 ? ` (${record.categories.join(',')})` : '';
    for (const id of record.reviewed) {
      const action: Decision = record.outcome === 'unsafe' ? (this.policy.categories.harmful[id]?.action ?? 'block') : 'allow';
      categories[id] = categories[id] === true || action !== 'allow';
      policyDecision = mostSevere(policyDecision, action);
      reasons.push(`judge ${record.judge}: ${record.outcome}${labels} for ${id} score ${(verdict.categoryScores[id] ?? 0).toFixed(3)} → ${action}`);
    }
    return this.withDecision(verdict, { policyDecision, categories, reasons, failure: null, judge: record });
  }

  private failed(verdict: GuardVerdict, record: JudgeRecord): GuardVerdict {
    const failure = record.outcome === 'timeout' ? 'GUARD_CLASSIFIER_TIMEOUT' : 'GUARD_CLASSIFIER_FAILED';
    const failOpen = this.settings.failOpenOnClassifierError;
    const reason = failOpen
      ? `${failure}: judge ${record.outcome}, built-in verdict kept because failOpenOnClassifierError is set`
      : `${failure}: judge ${record.outcome}, denied (fail closed)`;
    return this.withDecision(verdict, {
      policyDecision: failOpen ? verdict.policyDecision : 'block',
      categories: verdict.categories,
      reasons: [...verdict.reasons, reason],
      failure,
      judge: record,
    });
  }

  private withDecision(
    verdict: GuardVerdict,
    change: Pick<GuardVerdict, 'policyDecision' | 'categories' | 'reasons' | 'failure'> & { judge: JudgeRecord },
  ): GuardVerdict {
    return {
      ...verdict,
      ...change,
      decision: this.policy.mode === 'shadow' ? 'allow' : change.policyDecision,
      flagged: change.policyDecision !== 'allow',
    };
  }
}

function failureOutcome(error: unknown): JudgeOutcome {
  if (error instanceof JudgeReplyError) return 'invalid';
  // AbortSignal.timeout aborts with a TimeoutError; undici's own header/body timeouts name themselves so.
  const { name, code } = (error ?? {}) as { name?: unknown; code?: unknown };
  if (name === 'TimeoutError' || (typeof code === 'string' && code.includes('TIMEOUT'))) return 'timeout';
  return 'error';
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 1000) / 1000;
}
