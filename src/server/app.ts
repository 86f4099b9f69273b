import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { BulwarkConfig } from '../config/config-schema.js';
import { newId } from '../core/ids.js';
import type { Guard } from '../guard/guard.js';
import type { Store } from '../store/index.js';
import { installErrorHandlers, MAX_PATH_PARAM_CHARS, refuseLongPathSegments, sendFrameworkError } from './http-errors.js';
import { parseJsonBody } from './json-body.js';
import type { Metrics } from './metrics.js';
import { registerAccessRoutes } from './routes/access-routes.js';
import { registerAllowlistRoutes } from './routes/allowlist-routes.js';
import { registerAuditRoutes } from './routes/audit-routes.js';
import { registerGatewayRoutes, type GatewayWiring } from './routes/gateway-routes.js';
import { registerGuardRoutes } from './routes/guard-routes.js';
import type { PolicyOrigin } from './policy-audit.js';
import { registerHealthRoutes } from './routes/health-routes.js';
import { registerVaultRoutes } from './routes/vault-routes.js';
import type { VaultWiring } from './vault-wiring.js';

export interface AppDeps {
  readonly config: BulwarkConfig;
  readonly guard: Guard;
  readonly store: Store;
  readonly metrics: Metrics;
  readonly logger: Logger;
  /** Upstream pools for the model gateway; without them the gateway routes are not mounted. */
  readonly gateway?: GatewayWiring;
  /** Vault, access and audit services; without them the /api/vault, /api/access and /api/audit routes are not mounted. */
  readonly vault?: VaultWiring;
  /** Only for the risky insecure-env-key vault provider. */
  readonly insecureEnvKey?: string | undefined;
  /** Where the policy in force came from (its file, or its store release), for /healthz. */
  readonly policyOrigin?: () => PolicyOrigin;
}

/** Builds the HTTP app without listening, so tests drive it in-process with `app.inject`. */
export function buildApp(deps: AppDeps): FastifyInstance {
  const { config } = deps;
  const app = Fastify({
    // Widened to Fastify's logger type so route modules take a plain FastifyInstance.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    loggerInstance: deps.logger as FastifyBaseLogger,
    bodyLimit: config.server.bodyLimitBytes,
    requestTimeout: config.server.requestTimeoutMs,
    http: { maxHeaderSize: config.server.maxHeaderBytes },
    genReqId: () => newId('req'),
    return503OnClosing: true,
    routerOptions: { maxParamLength: MAX_PATH_PARAM_CHARS },
    frameworkErrors: sendFrameworkError,
  });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body: Buffer, done) => {
    try {
      done(null, parseJsonBody(body, config.server.maxJsonDepth));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  app.addHook('onRequest', refuseLongPathSegments);
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-bulwark-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    deps.metrics.httpRequests.inc({ route, method: request.method, status: String(reply.statusCode) });
  });
  installErrorHandlers(app);
  registerHealthRoutes(app, deps);
  registerGuardRoutes(app, deps);
  registerGatewayRoutes(app, deps);
  registerVaultRoutes(app, deps);
  registerAccessRoutes(app, deps);
  registerAuditRoutes(app, deps);
  registerAllowlistRoutes(app, deps);
  return app;
}
