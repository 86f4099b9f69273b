import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_CATALOG, type ErrorCode } from '../core/error-codes.js';
import { BulwarkError } from '../core/errors.js';

/** Fastify's own client-error codes, mapped to ours so every 4xx has one documented shape. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'REQUEST_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'REQUEST_UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'REQUEST_INVALID_BODY',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'REQUEST_INVALID_JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: 'REQUEST_INVALID_JSON',
  FST_ERR_BAD_URL: 'REQUEST_NOT_FOUND',
  FST_ERR_MAX_PARAM_LENGTH: 'REQUEST_URI_TOO_LONG',
};

/**
 * Longest path segment the API accepts: above every name and id it takes (artifact names are at most
 * 128 characters). The router enforces its `maxParamLength` only for regex parameters (find-my-way 9),
 * so `refuseLongPathSegments` checks every request's path before routing.
 */
export const MAX_PATH_PARAM_CHARS = 256;

/** An `onRequest` hook: a path segment longer than MAX_PATH_PARAM_CHARS (decoded) is REQUEST_URI_TOO_LONG. */
export async function refuseLongPathSegments(request: FastifyRequest): Promise<void> {
  const query = request.url.indexOf('?');
  const path = query < 0 ? request.url : request.url.slice(0, query);
  if (path.length <= MAX_PATH_PARAM_CHARS) return;
  for (const segment of path.split('/')) {
    if (segment.length > MAX_PATH_PARAM_CHARS && decodedLength(segment) > MAX_PATH_PARAM_CHARS) {
      throw new BulwarkError('REQUEST_URI_TOO_LONG', ERROR_CATALOG.REQUEST_URI_TOO_LONG.summary);
    }
  }
}

function decodedLength(segment: string): number {
  try {
    return decodeURIComponent(segment).length;
  } catch {
    return segment.length;
  }
}

/** Errors the router raises before any route (bad percent-encoding, an over-long segment), in our shape. */
export function sendFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const known = toBulwarkError(error) ?? new BulwarkError('REQUEST_NOT_FOUND', ERROR_CATALOG.REQUEST_NOT_FOUND.summary);
  void reply.status(known.status).send(known.toJSON());
}

export function toBulwarkError(error: unknown): BulwarkError | null {
  if (error instanceof BulwarkError) return error;
  const fastifyError = error as Partial<FastifyError>;
  const mapped = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined;
  if (mapped) return new BulwarkError(mapped, ERROR_CATALOG[mapped].summary);
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return new BulwarkError('REQUEST_INVALID_BODY', 'the request could not be processed as sent');
  }
  return null;
}

/** Errors become HTTP here and only here (STYLE.md §1). A 5xx body never carries details. */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const known = toBulwarkError(error);
    if (known && known.status < 500) {
      request.log.info({ code: known.code }, 'client error');
      return reply.status(known.status).send(known.toJSON());
    }
    if (known) {
      request.log.warn({ code: known.code, err: error }, 'service unavailable');
      return reply.status(known.status).send({ error: { code: known.code, message: known.message, request_id: request.id } });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'INTERNAL', message: 'internal error', request_id: request.id } });
  });
  app.setNotFoundHandler((request, reply) => {
    const error = new BulwarkError('REQUEST_NOT_FOUND', `no route for ${request.method} ${request.url.split('?')[0]}`);
    return reply.status(404).send(error.toJSON());
  });
}
