import type { GuardVerdict } from '../guard/guard.js';
import type { JudgeRecord } from '../guard/judge.js';
import type { DecisionDetails } from '../store/index.js';
import type { GatewayMetrics } from './gateway-metrics.js';

type Source = 'gateway.input' | 'gateway.output';

/**
 * What the judge cost for one decision. An input decision calls it at most once; a streamed output is
 * checked many times and may call it at several checks, so the decision records the sum, and the last
 * call's outcome. Every call is also counted in metrics as it happens.
 */
export class JudgeSpend {
  private calls = 0;
  private latencyMs = 0;
  private prompt: number | null = null;
  private completion: number | null = null;
  private total: number | null = null;
  private last: JudgeRecord | null = null;

  constructor(
    private readonly source: Source,
    private readonly metrics: GatewayMetrics,
  ) {}

  /** Counts the verdict's judge call, if it had one, and passes the verdict on. */
  note(verdict: GuardVerdict): GuardVerdict {
    const record = verdict.judge;
    if (record === undefined) return verdict;
    this.calls += 1;
    this.latencyMs += record.latencyMs;
    this.last = record;
    const labels = { source: this.source };
    this.metrics.judgeCalls.inc({ ...labels, outcome: record.outcome });
    this.metrics.judgeLatency.observe(labels, record.latencyMs / 1000);
    if (record.usage !== null) {
      this.prompt = (this.prompt ?? 0) + record.usage.promptTokens;
      this.completion = (this.completion ?? 0) + record.usage.completionTokens;
      this.total = (this.total ?? 0) + record.usage.totalTokens;
      this.metrics.judgeTokens.inc({ ...labels, kind: 'prompt' }, record.usage.promptTokens);
      this.metrics.judgeTokens.inc({ ...labels, kind: 'completion' }, record.usage.completionTokens);
    }
    return verdict;
  }

  /** `stage` of the deciding verdict and, when the judge was called at all, what it cost. */
  details(verdict: GuardVerdict): DecisionDetails {
    const stage = verdict.judge === undefined ? 'classifier' : 'judge';
    if (this.last === null) return { stage };
    const { outcome, judge, categories, reviewed } = this.last;
    return {
      stage,
      judge: {
        outcome,
        judge,
        categories: [...categories],
        reviewed: [...reviewed],
        calls: this.calls,
        latencyMs: Math.round(this.latencyMs * 1000) / 1000,
        promptTokens: this.prompt,
        completionTokens: this.completion,
        totalTokens: this.total,
      },
    };
  }
}
