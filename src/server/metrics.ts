import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  readonly registry: Registry;
  readonly httpRequests: Counter<'route' | 'method' | 'status'>;
  readonly guardDecisions: Counter<'source' | 'decision'>;
  readonly guardLatency: Histogram<'source'>;
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
    guardDecisions: new Counter({
      name: 'bulwark_guard_decisions_total',
      help: 'Guard decisions by source and enforced decision.',
      labelNames: ['source', 'decision'],
      registers: [registry],
    }),
    guardLatency: new Histogram({
      name: 'bulwark_guard_classify_seconds',
      help: 'Time to normalize, match rules and classify one input.',
      labelNames: ['source'],
      buckets: [0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.05, 0.1],
      registers: [registry],
    }),
  };
}
