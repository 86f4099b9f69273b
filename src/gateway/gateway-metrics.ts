import type { Counter, Histogram } from 'prom-client';

/**
 * The instruments the gateway reports to. The server owns the registry (server/metrics.ts) and
 * passes these in; decisions go to the guard's own counters under sources `gateway.input` and
 * `gateway.output`.
 */
export interface GatewayMetrics {
  readonly guardDecisions: Counter<'source' | 'decision'>;
  readonly guardLatency: Histogram<'source'>;
  readonly gatewayRequests: Counter<'wire' | 'stream' | 'outcome'>;
  readonly gatewayStreamHalts: Counter<'wire' | 'reason'>;
  /** Conversation/account risk crossing its flag or block level (counted whether or not it was enforced). */
  readonly gatewayRiskEscalations: Counter<'decision' | 'mode'>;
  /** Time from sending the request upstream to its response headers. */
  readonly gatewayUpstreamLatency: Histogram<'wire' | 'status'>;
}
