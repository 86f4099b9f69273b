import type { Dispatcher } from 'undici';
import { z } from 'zod';
import { parseWebhookUrl, postWebhookJson } from '../core/webhook.js';
import { MONITOR_ACTIONS, MONITOR_MODES } from './monitor.js';

export const MONITOR_REPORT_TYPES = ['allowlist.unknown_process', 'allowlist.process_killed'] as const;
export type MonitorReportType = (typeof MONITOR_REPORT_TYPES)[number];

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const pid = z.number().int().min(0).max(2 ** 32);
const path = z.string().max(4096);

/**
 * The details a monitor sends with each report (startProcessMonitor's audit event). Client input:
 * parsed strictly so the audit log and the webhook only ever carry these fields.
 */
export const monitorReportDetailsSchema = z.strictObject({
  pid,
  ppid: pid,
  uid: pid.nullable(),
  sha256: hex64,
  mode: z.enum(MONITOR_MODES),
  action: z.enum(MONITOR_ACTIONS),
  cmdline: z.array(z.string().max(4096)).max(256),
  reason: z.string().max(1000).nullable(),
  missing: z.array(z.strictObject({ role: z.enum(['executable', 'interpreter', 'script']), path, requestedAs: path, sha256: z.string().max(64) })).max(16),
});
export type MonitorReportDetails = z.infer<typeof monitorReportDetailsSchema>;

/** One unknown (or stopped) process as the server received it from a monitor. */
export interface MonitorReport {
  readonly type: MonitorReportType;
  /** The executable's path. */
  readonly exe: string;
  readonly details: MonitorReportDetails;
  /** Key id of the monitor that signed the report. */
  readonly reporterKeyId: string;
  readonly time: number;
}

export interface MonitorReportNotifier {
  /** Throws when the report was not delivered. */
  notify(report: MonitorReport): Promise<void>;
}

/**
 * The JSON body: Slack-compatible `text` plus the process identity. Threat: webhooks end up in chat
 * logs, so the command line (which may hold tokens passed as arguments) stays in the audit log only.
 */
export function monitorWebhookBody(report: MonitorReport): Record<string, unknown> {
  const { details: d } = report;
  const fate = d.action === 'killed' ? 'was stopped' : d.action === 'kill-failed' ? 'could not be stopped' : 'is running';
  return {
    text: `Bulwark allowlist monitor (${d.mode}): program not allowlisted ${report.exe} (pid ${d.pid}, uid ${d.uid ?? 'unknown'}) ${fate}`,
    event: report.type,
    mode: d.mode,
    action: d.action,
    pid: d.pid,
    ppid: d.ppid,
    uid: d.uid,
    exe: report.exe,
    sha256: d.sha256,
    missing: d.missing.map((m) => ({ role: m.role, path: m.path, sha256: m.sha256 })),
    reason: d.reason,
    reporter_key_id: report.reporterKeyId.slice(0, 16),
    time: new Date(report.time).toISOString(),
  };
}

export interface MonitorWebhookOptions {
  /** http(s) URL (config `allowlist.webhook.url`), e.g. a Slack incoming webhook or any JSON receiver. */
  readonly url: string;
  readonly timeoutMs?: number | undefined;
  readonly dispatcher?: Dispatcher;
}

/** Monitor reports through the same webhook mechanism as access notifications. */
export function createMonitorWebhookNotifier(options: MonitorWebhookOptions): MonitorReportNotifier {
  const url = parseWebhookUrl(options.url, 'allowlist.webhook.url');
  return {
    notify: (report) => postWebhookJson(url, monitorWebhookBody(report), options),
  };
}
