import type { FastifyInstance } from 'fastify';
import type { Policy } from '../../config/policy-schema.js';
import type { Guard } from '../../guard/guard.js';
import type { Store } from '../../store/index.js';
import type { Metrics } from '../metrics.js';
import { policyFingerprint, type PolicyOrigin } from '../policy-audit.js';

export function registerHealthRoutes(app: FastifyInstance, deps: { guard: Guard; store: Store; metrics: Metrics; policyOrigin?: () => PolicyOrigin }): void {
  // The fingerprint is the same for as long as one policy object is in force.
  let fingerprinted: { policy: Policy; sha256: string } | null = null;
  const policySha256 = (policy: Policy): string => {
    if (fingerprinted?.policy !== policy) fingerprinted = { policy, sha256: policyFingerprint(policy).sha256 };
    return fingerprinted.sha256;
  };
  app.get('/healthz', async (_request, reply) => {
    try {
      await deps.store.ping();
    } catch {
      return reply.status(503).send({ status: 'unavailable', checks: { store: 'down' } });
    }
    const { policy } = deps.guard;
    const origin = deps.policyOrigin?.();
    // Which release (and signer) is in force is what a fleet operator compares across replicas. A
    // file's path is not shown: the route answers without a key.
    const source = origin !== undefined && 'release' in origin ? { policyRelease: origin.release, policySigner: origin.signer } : {};
    return { status: 'ok', model: deps.guard.modelId, policy: deps.guard.policyId, policySha256: policySha256(policy), ...source, mode: policy.mode };
  });

  app.get('/metrics', async (_request, reply) => {
    const body = await deps.metrics.registry.metrics();
    return reply.header('content-type', deps.metrics.registry.contentType).send(body);
  });
}
