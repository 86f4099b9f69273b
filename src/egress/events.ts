import type { AuditEvent } from '../audit/index.js';
import type { JsonValue } from '../audit/index.js';
import { DEFAULT_WEBHOOK_TIMEOUT_MS, parseWebhookUrl, postWebhookJson } from '../core/webhook.js';
import type { BudgetCrossing } from './ledger.js';

/** The slice of the audit log egress needs; `AuditLog` satisfies it. */
export interface EgressAuditPort {
  append(event: AuditEvent): Promise<unknown>;
}

/** Where budget and anomaly alerts go besides the audit log (a webhook, a pager). */
export interface AlertNotifier {
  notify(alert: EgressAlert): Promise<void>;
}

export interface EgressAlert {
  readonly kind: 'budget' | 'anomaly';
  readonly identity: string | null;
  readonly destination: string | null;
  readonly message: string;
  readonly details: Readonly<Record<string, JsonValue>>;
  readonly time: number;
}

export interface EgressLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export const silentLogger: EgressLogger = { info: () => {}, warn: () => {} };

/** POSTs each alert as JSON; a failing webhook is reported, never retried inline on the data path. */
export function createWebhookNotifier(url: string, timeoutMs = DEFAULT_WEBHOOK_TIMEOUT_MS): AlertNotifier {
  const target = parseWebhookUrl(url, 'egress.webhookUrl');
  return { notify: (alert) => postWebhookJson(target, alert, { timeoutMs }) };
}

export function budgetAlert(crossing: BudgetCrossing, identity: string | null, destination: string | null, time: number): EgressAlert {
  const { budget, fraction, usedBytes } = crossing;
  const percent = Math.round(fraction * 100);
  const exhausted = fraction >= 1;
  return {
    kind: 'budget',
    identity,
    destination,
    time,
    message: exhausted
      ? `egress budget ${budget.scope} ${budget.window} is used up (${usedBytes} of ${budget.limitBytes} bytes); uploads are stopped`
      : `egress budget ${budget.scope} ${budget.window} passed ${percent}% (${usedBytes} of ${budget.limitBytes} bytes)`,
    details: { scope: budget.scope, window: budget.window, fraction, usedBytes, limitBytes: budget.limitBytes },
  };
}

/** An alert as an audit event: `egress.block` when a budget is exhausted, `egress.alert` otherwise. */
export function alertEvent(alert: EgressAlert): AuditEvent {
  const blocked = alert.kind === 'budget' && Number(alert.details.fraction) >= 1;
  return {
    type: blocked ? 'egress.block' : 'egress.alert',
    actor: alert.identity,
    subject: alert.destination,
    time: alert.time,
    details: { kind: alert.kind, message: alert.message, ...alert.details },
  };
}
