import { afterEach, describe, expect, it } from 'vitest';
import { WebhookSink } from '../../test/kit/webhook-sink.js';
import { createMonitorWebhookNotifier, monitorReportDetailsSchema, type MonitorReport } from './monitor-webhook.js';

const report: MonitorReport = {
  type: 'allowlist.process_killed',
  exe: '/tmp/mystery',
  details: {
    pid: 4242,
    ppid: 4000,
    uid: 47_001,
    sha256: 'ef'.repeat(32),
    mode: 'lockdown',
    action: 'killed',
    cmdline: ['/tmp/mystery', '--token', 'hunter2'],
    reason: null,
    missing: [{ role: 'executable', path: '/tmp/mystery', requestedAs: '/tmp/mystery', sha256: 'ef'.repeat(32) }],
  },
  reporterKeyId: 'ab'.repeat(32),
  time: Date.UTC(2025, 0, 1),
};

const sink = new WebhookSink();
afterEach(() => sink.stop());

describe('monitor webhook', () => {
  it('posts the process identity and mode through the shared webhook mechanism, without the command line', async () => {
    await createMonitorWebhookNotifier({ url: await sink.start() }).notify(report);
    expect(sink.received).toHaveLength(1);
    const { headers, body } = sink.received[0]!;
    expect(headers['content-type']).toBe('application/json');
    expect(body).toMatchObject({
      event: 'allowlist.process_killed',
      mode: 'lockdown',
      action: 'killed',
      pid: 4242,
      uid: 47_001,
      exe: '/tmp/mystery',
      sha256: 'ef'.repeat(32),
      reporter_key_id: 'ab'.repeat(8),
    });
    expect(body.text).toContain('/tmp/mystery (pid 4242, uid 47001) was stopped');
    // Webhooks land in chat logs; arguments may hold secrets.
    expect(JSON.stringify(body)).not.toContain('hunter2');
  });

  it('a receiver answering non-2xx is a failed delivery; a non-http URL is a config error', async () => {
    sink.status = 503;
    await expect(createMonitorWebhookNotifier({ url: await sink.start() }).notify(report)).rejects.toThrow(/HTTP 503/);
    expect(() => createMonitorWebhookNotifier({ url: 'file:///etc/passwd' })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });

  it('the report details a client sends are strict: unknown fields and bad hashes are refused', () => {
    expect(monitorReportDetailsSchema.safeParse(report.details).success).toBe(true);
    expect(monitorReportDetailsSchema.safeParse({ ...report.details, extra: 1 }).success).toBe(false);
    expect(monitorReportDetailsSchema.safeParse({ ...report.details, sha256: 'nope' }).success).toBe(false);
  });
});
