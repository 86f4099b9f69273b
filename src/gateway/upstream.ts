import type { Dispatcher } from 'undici';
import { BulwarkError } from '../core/errors.js';
import type { WireFormat } from './wire/wire-format.js';

/** One provider API the gateway forwards to: a keep-alive pool and the credential it injects. */
export interface Upstream {
  readonly dispatcher: Dispatcher;
  /** Path prefix of the configured base URL ("" for a bare origin), prepended to the wire format's path. */
  readonly pathPrefix: string;
  /** The gateway's own credential for this upstream; never logged, never sent to clients. */
  readonly apiKey: string | null;
}

/** A non-streaming upstream body larger than this is treated as garbage rather than buffered. */
export const MAX_UPSTREAM_BODY_BYTES = 64 * 1024 * 1024;

// RFC 9110 §7.6.1 hop-by-hop fields, plus fields the gateway owns in each direction.
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade'];
/** Never forwarded upstream: the client's credentials for the gateway, and what undici sets itself. */
const DROP_REQUEST = new Set([
  ...HOP_BY_HOP,
  'host',
  'content-length',
  'expect',
  'authorization',
  'x-api-key',
  'proxy-authorization',
  'cookie',
  'accept-encoding',
  // Which upstream organization and project are billed is the operator's choice, not the client's.
  'openai-organization',
  'openai-project',
]);
/** Never returned to the client: framing the server redoes, and the upstream account's identity. */
const DROP_RESPONSE = new Set([
  ...HOP_BY_HOP,
  'content-length',
  'content-encoding',
  'content-type',
  'date',
  'set-cookie',
  'www-authenticate',
  'proxy-authenticate',
  'openai-organization',
  'openai-project',
  'anthropic-organization-id',
]);

/** Client headers to send upstream, minus anything that authenticates or frames the client's own hop. */
export function upstreamRequestHeaders(client: Readonly<Record<string, string>>, wire: WireFormat, apiKey: string | null): Record<string, string> {
  const named = connectionTokens(client.connection);
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(client)) {
    if (!DROP_REQUEST.has(name) && !named.has(name) && !name.startsWith('x-bulwark-')) out[name] = value;
  }
  out['content-type'] = 'application/json';
  // undici does not decompress; asking for identity keeps the body readable by the guard.
  out['accept-encoding'] = 'identity';
  return { ...out, ...wire.upstreamHeaders(apiKey, client) };
}

/** Upstream headers the client may see (request ids, rate limits, processing time). */
export function clientResponseHeaders(upstream: Dispatcher.ResponseData['headers']): Record<string, string> {
  const connection = upstream.connection;
  const named = connectionTokens(Array.isArray(connection) ? connection.join(',') : connection);
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(upstream)) {
    if (value === undefined || DROP_RESPONSE.has(name) || named.has(name) || name.startsWith('x-bulwark-')) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function connectionTokens(value: string | undefined): Set<string> {
  if (!value) return new Set();
  return new Set(value.split(',').map((token) => token.trim().toLowerCase()).filter((token) => token.length > 0));
}

/** Sends the client's exact bytes upstream. Transport failures become typed gateway errors. */
export async function sendUpstream(
  upstream: Upstream,
  wire: WireFormat,
  body: Buffer,
  clientHeaders: Readonly<Record<string, string>>,
  signal: AbortSignal,
): Promise<Dispatcher.ResponseData> {
  try {
    return await upstream.dispatcher.request({
      method: 'POST',
      path: upstream.pathPrefix + wire.path,
      headers: upstreamRequestHeaders(clientHeaders, wire, upstream.apiKey),
      body,
      signal,
    });
  } catch (error) {
    throw toUpstreamError(error);
  }
}

/** Maps undici and socket errors; an abort (the client left) passes through unchanged. */
export function toUpstreamError(error: unknown): unknown {
  if (error instanceof BulwarkError || signalAborted(error)) return error;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && /TIMEOUT/.test(code)) {
    return new BulwarkError('GATEWAY_UPSTREAM_TIMEOUT', 'the upstream model API did not answer in time', { cause: error });
  }
  return new BulwarkError('GATEWAY_UPSTREAM_UNREACHABLE', 'the upstream model API could not be reached', { cause: error });
}

export function signalAborted(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'AbortError' || (error as { code?: unknown } | null)?.code === 'UND_ERR_ABORTED';
}

/** Drops an upstream body the client will not get; undici reports the abort as an error event, expected here. */
export function discardUpstreamBody(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => undefined);
  body.destroy();
}

/** Reads a whole upstream body within the size bound. */
export async function readUpstreamBody(body: Dispatcher.ResponseData['body']): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_UPSTREAM_BODY_BYTES) throw new BulwarkError('GATEWAY_UPSTREAM_INVALID', 'the upstream response is larger than the gateway accepts');
      chunks.push(chunk);
    }
  } catch (error) {
    body.destroy();
    throw toUpstreamError(error);
  }
  return Buffer.concat(chunks);
}
