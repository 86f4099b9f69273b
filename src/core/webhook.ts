import { request, type Dispatcher } from 'undici';
import { BulwarkError } from './errors.js';

/**
 * Every Bulwark webhook (access requests, break-glass, allowlist monitor reports, egress alerts) is one
 * JSON POST through here. A receiver that hangs must not hold anything up for long.
 */
export const DEFAULT_WEBHOOK_TIMEOUT_MS = 5_000;

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
 * POSTs one JSON document; throws unless the receiver answers 2xx within the timeout.
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
