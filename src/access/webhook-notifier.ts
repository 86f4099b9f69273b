import type { Dispatcher } from 'undici';
import { parseWebhookUrl, postWebhookJson } from '../core/webhook.js';
import type { AccessNotification, Notifier } from './ports.js';

export { DEFAULT_WEBHOOK_TIMEOUT_MS, parseWebhookUrl, postWebhookJson, type WebhookPostOptions } from '../core/webhook.js';

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

export function createWebhookNotifier(options: WebhookNotifierOptions): Notifier {
  const url = parseWebhookUrl(options.url, 'access.webhook.url');
  return {
    notify: (notification) => postWebhookJson(url, webhookBody(notification), options),
  };
}
