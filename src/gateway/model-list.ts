import { BulwarkError } from '../core/errors.js';
import { clientResponseHeaders, readUpstreamBody, toUpstreamError, upstreamRequestHeaders, type Upstream } from './upstream.js';
import type { WireFormat } from './wire/wire-format.js';

/**
 * `GET /v1/models` and `GET /v1/models/{id}`: no model output, so nothing to guard, but SDK apps often
 * list models at start-up and would break on a 404. Both providers use the same path; the client's SDK
 * says which it speaks (Anthropic's always sends `anthropic-version`, OpenAI's never does).
 *
 * The path sent upstream is built here, never copied from the client: the gateway's credential must not
 * reach any other provider endpoint (`/v1/models/../files`), so an id is one segment of a plain charset
 * and only the pagination parameters pass.
 */
const MODEL_ID = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,255}$/;
const LIMIT = /^[0-9]{1,4}$/;
const PAGE_PARAMS = ['before_id', 'after_id'] as const;

export function modelListWire(headers: Readonly<Record<string, string>>, openai: WireFormat, anthropic: WireFormat): WireFormat {
  return headers['anthropic-version'] !== undefined ? anthropic : openai;
}

/** The upstream path for a model list (`id` undefined) or one model; REQUEST_INVALID_BODY for anything else. */
export function modelListPath(id: string | undefined, query: Readonly<Record<string, unknown>>): string {
  if (id !== undefined && (!MODEL_ID.test(id) || id.includes('..'))) {
    throw new BulwarkError('REQUEST_INVALID_BODY', 'a model id is letters, digits and . _ : @ - (at most 256)');
  }
  const params = new URLSearchParams();
  if (query.limit !== undefined) {
    if (typeof query.limit !== 'string' || !LIMIT.test(query.limit)) throw new BulwarkError('REQUEST_INVALID_BODY', 'limit must be a number');
    params.set('limit', query.limit);
  }
  for (const name of PAGE_PARAMS) {
    const value = query[name];
    if (value === undefined) continue;
    if (typeof value !== 'string' || !MODEL_ID.test(value)) throw new BulwarkError('REQUEST_INVALID_BODY', `${name} must be a model id`);
    params.set(name, value);
  }
  const search = params.size === 0 ? '' : `?${params.toString()}`;
  return id === undefined ? `/v1/models${search}` : `/v1/models/${id}${search}`;
}

export interface ModelListReply {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

/** Forwards the GET with the gateway's credential. Upstream 401/403 and 5xx are the gateway's 502, as on the model routes. */
export async function forwardModelList(upstream: Upstream, wire: WireFormat, path: string, clientHeaders: Readonly<Record<string, string>>, signal: AbortSignal): Promise<ModelListReply> {
  // A GET has no body: the JSON content type the model routes send does not apply.
  const headers = upstreamRequestHeaders(clientHeaders, wire, upstream.apiKey);
  delete headers['content-type'];
  delete headers['content-length'];
  let response;
  try {
    response = await upstream.dispatcher.request({ method: 'GET', path: upstream.pathPrefix + path, headers, signal });
  } catch (error) {
    throw toUpstreamError(error);
  }
  const body = await readUpstreamBody(response.body);
  const status = response.statusCode;
  if (status === 401 || status === 403 || status === 407) throw new BulwarkError('GATEWAY_UPSTREAM_AUTH', "the upstream model API refused the gateway's credential");
  if (status >= 500) throw new BulwarkError('GATEWAY_UPSTREAM_ERROR', `the upstream model API answered HTTP ${status}`);
  const type = response.headers['content-type'];
  return { status, headers: { ...clientResponseHeaders(response.headers), 'content-type': typeof type === 'string' ? type : 'application/json' }, body };
}
