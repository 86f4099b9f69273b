import type { IncomingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { BulwarkConfig } from '../../config/config-schema.js';
import { ERROR_CATALOG } from '../../core/error-codes.js';
import { BulwarkError } from '../../core/errors.js';
import type { Guard } from '../../guard/guard.js';
import type { BatchClassifier } from '../../guard/classifier-pool.js';
import type { VerdictReview } from '../../guard/judge.js';
import { DECISION_HEADER, GatewayProxy, type GatewayReply } from '../../gateway/proxy.js';
import type { RiskTracker } from '../../gateway/risk.js';
import { systemClock } from '../../core/clock.js';
import { storeExemptions, type ExemptionSource } from '../../gateway/exemptions.js';
import { createRiskWiring, gatewaySettings } from '../../gateway/setup.js';
import { forwardModelList, modelListPath, modelListWire } from '../../gateway/model-list.js';
import type { Upstream } from '../../gateway/upstream.js';
import { anthropicWire } from '../../gateway/wire/anthropic.js';
import { openAiWire } from '../../gateway/wire/openai.js';
import { openAiResponsesWire } from '../../gateway/wire/openai-responses.js';
import type { WireFormat } from '../../gateway/wire/wire-format.js';
import type { Store } from '../../store/index.js';
import { authenticateCaller, type Caller } from '../auth.js';
import { toBulwarkError } from '../http-errors.js';
import { parseJsonBody } from '../json-body.js';
import type { Metrics } from '../metrics.js';

/**
 * What the composition root provides for the gateway: upstream pools and, when state is shared
 * between replicas, a risk tracker over Redis. Without one, risk is tracked in this process's memory;
 * exemptions always come from the store.
 */
export interface GatewayWiring {
  readonly upstreams: Readonly<Record<string, Upstream>>;
  readonly risk?: RiskTracker;
  readonly exemptions?: ExemptionSource;
  /** The LLM judge stage, when `guard.judge` is configured. */
  readonly judge?: VerdictReview;
  /** Classifier threads; without them the gateway classifies on the event loop. */
  readonly classifier?: BatchClassifier;
}

export interface GatewayRouteDeps {
  readonly config: BulwarkConfig;
  readonly guard: Guard;
  readonly store: Store;
  readonly metrics: Metrics;
  readonly gateway?: GatewayWiring;
}

export const WIRE_FORMATS: readonly WireFormat[] = [openAiWire, openAiResponsesWire, anthropicWire];

interface GatewayBody {
  readonly raw: Buffer;
  readonly json: unknown;
}

/**
 * `POST /v1/chat/completions`, `POST /v1/responses` and `POST /v1/messages`, and `GET /v1/models`. They live in their own encapsulated scope: the
 * body parser keeps the client's exact bytes for forwarding, and errors are worded in each route's
 * wire format so the official SDKs raise their usual exceptions.
 */
export function registerGatewayRoutes(app: FastifyInstance, deps: GatewayRouteDeps): void {
  const wiring = deps.gateway;
  if (!wiring) return;
  const proxy = new GatewayProxy({
    guard: deps.guard,
    store: deps.store,
    metrics: deps.metrics,
    upstreams: wiring.upstreams,
    settings: gatewaySettings(deps.config, deps.guard),
    risk: wiring.risk ?? createRiskWiring(deps.config.gateway.risk, deps.guard, null).tracker,
    exemptions: wiring.exemptions ?? storeExemptions(deps.store.exemptions, systemClock, deps.config.gateway.exemptions.cacheMs),
    ...(wiring.judge ? { judge: wiring.judge } : {}),
    ...(wiring.classifier ? { classifier: wiring.classifier } : {}),
  });
  const callers = new WeakMap<FastifyRequest, Caller>();
  // A plugin (not fastify-plugin): the body parser and error handler stay inside this scope.
  void app.register((scope, _options, done) => {
    scope.removeAllContentTypeParsers();
    // The body goes upstream as sent, so the guard must read it as any parser would: no duplicate keys.
    const parseBody = (raw: Buffer): GatewayBody => ({ raw, json: parseJsonBody(raw, deps.config.server.maxJsonDepth, { rejectDuplicateKeys: true }) });
    scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, raw: Buffer, done) => {
      try {
        done(null, parseBody(raw));
      } catch (error) {
        done(error as Error, undefined);
      }
    });
    const authenticate = (request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void): void => {
      authenticateCaller(request, deps.store, deps.config.auth.required).then((caller) => {
        callers.set(request, caller);
        done();
      }, done);
    };
    // The model list: no output to guard, but authenticated like the model routes and sent with a path built here.
    scope.get<{ Params: { model?: string }; Querystring: Record<string, unknown> }>('/v1/models/:model?', {
      onRequest: authenticate,
      errorHandler: (error: FastifyError, request, reply) => {
        void sendWireError(modelListWire(flatHeaders(request.headers), openAiWire, anthropicWire), error, request, reply);
      },
      handler: async (request, reply) => {
        const headers = flatHeaders(request.headers);
        const wire = modelListWire(headers, openAiWire, anthropicWire);
        const upstream = wiring.upstreams[wire.upstream];
        if (!upstream) throw new BulwarkError('GATEWAY_UPSTREAM_UNREACHABLE', `no upstream is configured for ${wire.upstream}`);
        const path = modelListPath(request.params.model, request.query);
        const result = await forwardModelList(upstream, wire, path, headers, clientGone(reply));
        return reply.status(result.status).headers(result.headers).header(DECISION_HEADER, 'none').send(result.body);
      },
    });
    for (const wire of WIRE_FORMATS) {
      scope.post(wire.path, {
        // Authenticated before the body is read: an unknown caller does not get to make us parse a megabyte.
        onRequest: authenticate,
        errorHandler: (error: FastifyError, request, reply) => {
          void sendWireError(wire, error, request, reply);
        },
        handler: async (request, reply) => {
          const caller = callers.get(request)!;
          // No body and no Content-Type: fastify runs no parser; answer as the parser does an empty body (400).
          const body = (request.body as GatewayBody | undefined) ?? parseBody(Buffer.alloc(0));
          const reply_ = await proxy.handle({
            wire,
            raw: body.raw,
            body: body.json,
            headers: flatHeaders(request.headers),
            tenant: caller.tenant,
            keyId: caller.keyId,
            signal: clientGone(reply),
            log: request.log,
            onInputDecision: (decision) => void reply.header(DECISION_HEADER, decision),
          });
          return sendGatewayReply(reply, reply_);
        },
      });
    }
    done();
  });
}

function sendGatewayReply(reply: FastifyReply, result: GatewayReply): FastifyReply {
  void reply.status(result.status).headers(result.headers);
  if (typeof result.body === 'string' || Buffer.isBuffer(result.body)) return reply.send(result.body);
  return reply.send(Readable.from(result.body, { objectMode: false }));
}

/** Aborts when the client's connection closes before the response finished: the upstream call is cancelled. */
function clientGone(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  return controller.signal;
}

function flatHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** Errors in the route's wire format; as everywhere, a 5xx says only what kind of failure and the request id. */
function sendWireError(wire: WireFormat, error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const known = toBulwarkError(error);
  const status = known?.status ?? 500;
  const code = known?.code ?? 'INTERNAL';
  let message: string = ERROR_CATALOG[code].summary;
  if (known && status < 500) {
    const problem = known.problems[0];
    message = problem ? `${known.message}: ${problem.path}: ${problem.message}` : known.message;
    request.log.info({ code }, 'client error');
  } else if (known) {
    request.log.warn({ code, err: error }, 'gateway error');
  } else {
    request.log.error({ err: error }, 'unhandled error');
  }
  if (!reply.hasHeader(DECISION_HEADER)) void reply.header(DECISION_HEADER, 'none');
  return reply.status(status).header('content-type', 'application/json').send(wire.errorBody({ status, code, message, requestId: request.id }));
}
