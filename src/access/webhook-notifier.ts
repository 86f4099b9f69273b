import { request, type Dispatcher } from 'undici';
import { BulwarkError } from '../core/errors.js';
import type { AccessNotification, Notifier } from './ports.js';

/** A webhook that hangs must not hold up an access request or a break-glass for long. */
export const DEFAULT_WEBHOOK_TIMEOUT_MS = 5_000;

export interface WebhookNotifierOptions {
  /** http(s) URL, e.g. a Slack incoming webhook or any JSON receiver. */
  readonly url: string;
  readonly timeoutMs?: number;
  /** For tests or a proxy; default undici's global dispatcher. */
  readonly dispatcher?: Dispatcher;
}

/**
 * The JSON body: `text` makes it a valid Slack incoming-webhook message, the other fields are for any
 * other receiver. Threat: webhooks end up in chat logs, so nothing here is secret (no key material,
 * no signatures, no grant secrets); ids and the requester's stated reason only.
 */
export function webhookBody(n: AccessNotification): Record<string, string | null> {
  return {
    text: n.text,
    event: n.kind,
    audience: n.audience,
    request_id: n.requestId,
    artifact_id: n.artifactId,
    requester: n.requesterName,
    requester_key_id: n.requesterKeyId.slice(0, 16),
    reason: n.reason.slice(0, 500),
    time: new Date(n.time).toISOString(),
  };
}

/**
 * Parses a configured webhook URL once, at start-up; `configPath` names the setting in the error
 * (e.g. `access.webhook.url`, `allowlist.webhook.url`).
 */
export function parseWebhookUrl(raw: string, configPath: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    url = new URL('invalid:');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new BulwarkError('CONFIG_INVALID', 'The notification webhook URL must be http(s).', {
      problems: [{ path: configPath, message: 'an http:// or https:// URL' }],
    });
  }
  return url;
}

export interface WebhookPostOptions {
  readonly timeoutMs?: number;
  readonly dispatcher?: Dispatcher | undefined;
}

/**
 * POSTs one JSON document; throws unless the receiver answers 2xx within the timeout. Every Bulwark
 * webhook (access requests, break-glass, allowlist monitor reports) goes through here.
 */
export async function postWebhookJson(url: URL, body: unknown, options: WebhookPostOptions = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;
  const response = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    ...(options.dispatcher === undefined ? {} : { dispatcher: options.dispatcher }),
  });
  // Drain so the pooled connection is reused; the receiver's reply carries nothing we need.
  await response.body.dump();
  if (response.statusCode < 200 || response.statusCode >= 300) {
    throw new Error(`webhook answered HTTP ${response.statusCode}`);
  }
}

export function createWebhookNotifier(options: WebhookNotifierOptions): Notifier {
  const url = parseWebhookUrl(options.url, 'access.webhook.url');
  return {
    notify: (notification) => postWebhookJson(url, webhookBody(notification), options),
  };
}
