import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { GatewayMetrics } from '../gateway/gateway-metrics.js';

export interface Metrics extends GatewayMetrics {
  readonly registry: Registry;
  readonly httpRequests: Counter<'route' | 'method' | 'status'>;
  readonly guardDecisions: Counter<'source' | 'decision' | 'stage'>;
  readonly guardLatency: Histogram<'source'>;
  readonly policyReloads: Counter<'outcome' | 'trigger'>;
}

/** One registry per app, so tests and multiple in-process servers never share counters. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'bulwark_' });
  return {
    registry,
    httpRequests: new Counter({
      name: 'bulwark_http_requests_total',
      help: 'HTTP requests by route, method and status.',
      labelNames: ['route', 'method', 'status'],
      registers: [registry],
    }),
    policyReloads: new Counter({
      name: 'bulwark_policy_reloads_total',
      help: 'Policy reloads by outcome (applied, unchanged, rejected) and trigger (watch, signal, call, push).',
      labelNames: ['outcome', 'trigger'],
      registers: [registry],
    }),
    guardDecisions: new Counter({
      name: 'bulwark_guard_decisions_total',
      help: 'Guard decisions by source, enforced decision and deciding cascade stage (gateway decisions: classifier or judge).',
      labelNames: ['source', 'decision', 'stage'],
      registers: [registry],
    }),
    guardLatency: new Histogram({
      name: 'bulwark_guard_classify_seconds',
      help: 'Time to normalize, match rules and classify one input.',
      labelNames: ['source'],
      buckets: [0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.05, 0.1],
      registers: [registry],
    }),
    ...createGatewayMetrics(registry),
  };
}

function createGatewayMetrics(registry: Registry): Omit<GatewayMetrics, 'guardDecisions' | 'guardLatency'> {
  return {
    gatewayRequests: new Counter({
      name: 'bulwark_gateway_requests_total',
      help: 'Gateway requests by wire format, streaming, and outcome (allowed, blocked_input, blocked_output, upstream_error, client_abort).',
      labelNames: ['wire', 'stream', 'outcome'],
      registers: [registry],
    }),
    gatewayStreamHalts: new Counter({
      name: 'bulwark_gateway_stream_halts_total',
      help: 'Streams that did not end normally, by reason (blocked_output is the output guard halting a stream).',
      labelNames: ['wire', 'reason'],
      registers: [registry],
    }),
    gatewayRiskEscalations: new Counter({
      name: 'bulwark_gateway_risk_escalations_total',
      help: 'Requests whose conversation or account risk reached flag or block, by decision and policy mode.',
      labelNames: ['decision', 'mode'],
      registers: [registry],
    }),
    gatewayUpstreamLatency: new Histogram({
      name: 'bulwark_gateway_upstream_seconds',
      help: 'Time from sending a request upstream to its response headers (time to first byte for streams).',
      labelNames: ['wire', 'status'],
      buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers: [registry],
    }),
    judgeCalls: new Counter({
      name: 'bulwark_guard_judge_calls_total',
      help: 'LLM judge calls by source and outcome (safe, unsafe, timeout, error, invalid).',
      labelNames: ['source', 'outcome'],
      registers: [registry],
    }),
    judgeLatency: new Histogram({
      name: 'bulwark_guard_judge_seconds',
      help: 'Time for one LLM judge call, failed calls included.',
      labelNames: ['source'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10],
      registers: [registry],
    }),
    judgeTokens: new Counter({
      name: 'bulwark_guard_judge_tokens_total',
      help: 'Tokens the LLM judge endpoint reported in usage, by source and kind (prompt, completion).',
      labelNames: ['source', 'kind'],
      registers: [registry],
    }),
  };
}
