import type { FastifyInstance } from 'fastify';
import type { Guard } from '../../guard/guard.js';
import type { Store } from '../../store/index.js';
import type { Metrics } from '../metrics.js';

export function registerHealthRoutes(app: FastifyInstance, deps: { guard: Guard; store: Store; metrics: Metrics }): void {
  app.get('/healthz', async (_request, reply) => {
    try {
      await deps.store.ping();
    } catch {
      return reply.status(503).send({ status: 'unavailable', checks: { store: 'down' } });
    }
    return { status: 'ok', model: deps.guard.modelId, policy: deps.guard.policyId, mode: deps.guard.policy.mode };
  });

  app.get('/metrics', async (_request, reply) => {
    const body = await deps.metrics.registry.metrics();
    return reply.header('content-type', deps.metrics.registry.contentType).send(body);
  });
}
