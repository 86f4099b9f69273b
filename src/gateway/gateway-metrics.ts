import type { Counter, Histogram } from 'prom-client';

/**
 * The instruments the gateway reports to. The server owns the registry (server/metrics.ts) and
 * passes these in; decisions go to the guard's own counters under sources `gateway.input` and
 * `gateway.output`.
 */
export interface GatewayMetrics {
  /** `stage`: the cascade stage that decided (`classifier`, `judge`); gateway decisions set it. */
  readonly guardDecisions: Counter<'source' | 'decision' | 'stage'>;
  readonly guardLatency: Histogram<'source'>;
  readonly gatewayRequests: Counter<'wire' | 'stream' | 'outcome'>;
  readonly gatewayStreamHalts: Counter<'wire' | 'reason'>;
  /** Conversation/account risk crossing its flag or block level (counted whether or not it was enforced). */
  readonly gatewayRiskEscalations: Counter<'decision' | 'mode'>;
  /** Time from sending the request upstream to its response headers. */
  readonly gatewayUpstreamLatency: Histogram<'wire' | 'status'>;
  /** LLM judge calls by outcome (safe, unsafe, timeout, error, invalid). */
  readonly judgeCalls: Counter<'source' | 'outcome'>;
  readonly judgeLatency: Histogram<'source'>;
  /** Tokens the judge endpoint reported, by kind (prompt, completion): its cost. */
  readonly judgeTokens: Counter<'source' | 'kind'>;
}
