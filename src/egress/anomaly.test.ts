import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, systemClock } from '../core/clock.js';
import type { AuditEvent } from '../audit/index.js';
import { AnomalyDetector } from './anomaly.js';
import type { EgressAlert } from './events.js';
import { MemoryLedger } from './memory-ledger.js';
import { startEgressProxy } from './proxy.js';
import { basicAuth, connectThrough, LOOPBACK, startSink, upload, type Sink } from './testing/loopback.js';
import { testConfig } from './testing/proxy-fixture.js';

const KiB = 1024;
const MiB = 1024 * KiB;
const HOUR = 3_600_000;

function settings(overrides: Record<string, unknown> = {}) {
  return testConfig({ anomaly: { warmupWindows: 2, minBytes: '100KiB', longLivedTunnel: { after: '1h', bytes: '1MiB' }, ...overrides } }).anomaly;
}

describe('egress anomaly detector', () => {
  it('learns an hourly EWMA baseline and alerts once per window on a large deviation', () => {
    const clock = fixedClock(10 * HOUR);
    const detector = new AnomalyDetector(settings({ longLivedTunnel: { bytes: '1GiB' } }), () => clock.now());
    const t = detector.openTunnel('trainer', 'pypi.internal:443');
    for (let hour = 0; hour < 3; hour += 1) {
      expect(detector.record(t, 200 * KiB)).toEqual([]);
      clock.advance(HOUR);
    }
    expect(detector.baseline('trainer')).toMatchObject({ meanBytes: 200 * KiB, stdDevBytes: 0, windows: 3 });
    expect(detector.record(t, 500 * KiB)).toEqual([]);
    const alerts = detector.record(t, 200 * KiB);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      kind: 'anomaly',
      identity: 'trainer',
      destination: 'pypi.internal:443',
      details: { anomaly: 'volume', bytes: 700 * KiB, window: '1h', windowStart: 13 * HOUR, thresholdBytes: 600 * KiB },
    });
    expect(alerts[0]!.message).toContain('identity "trainer" uploaded 700.00KiB (716800 bytes) in the 1h window from 1970-01-01T13:00:00.000Z (mostly to pypi.internal:443)');
    expect(detector.record(t, 500 * KiB)).toEqual([]);
  });

  it('counts idle windows as zero volume and names the destination that carried most bytes', () => {
    const clock = fixedClock(0);
    const detector = new AnomalyDetector(settings(), () => clock.now());
    const a = detector.openTunnel('eval', 'a.example:443');
    const b = detector.openTunnel('eval', 'b.example:443');
    detector.record(a, 50 * KiB);
    clock.advance(5 * HOUR);
    detector.record(a, 10 * KiB);
    expect(detector.baseline('eval')?.windows).toBe(5);
    const alerts = [...detector.record(a, 40 * KiB), ...detector.record(b, 300 * KiB)];
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ identity: 'eval', destination: 'b.example:443', details: { bytes: 350 * KiB } });
  });

  it('alerts once on a long-lived high-volume tunnel, and not on a short or small one', () => {
    const clock = fixedClock(0);
    const detector = new AnomalyDetector(settings({ warmupWindows: 100 }), () => clock.now());
    const big = detector.openTunnel('trainer', '10.0.0.5:8000');
    const small = detector.openTunnel('trainer', '10.0.0.6:8000');
    expect(detector.record(big, 2 * MiB)).toEqual([]);
    clock.advance(HOUR);
    expect(detector.record(small, 1_000)).toEqual([]);
    const alerts = detector.record(big, 1);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ identity: 'trainer', destination: '10.0.0.5:8000', details: { anomaly: 'long-lived-tunnel', bytes: 2 * MiB + 1, window: '3600s' } });
    expect(detector.record(big, MiB)).toEqual([]);
    detector.closeTunnel(big);
    expect(detector.record(big, MiB)).toEqual([]);
  });

  it('is silent when disabled', () => {
    const detector = new AnomalyDetector(settings({ enabled: false, warmupWindows: 1, minBytes: 1 }), fixedClock(0).now.bind(null));
    expect(detector.record(detector.openTunnel('x', 'y:1'), 10 * MiB)).toEqual([]);
  });
});

describe('egress proxy: anomaly alerts reach the audit log and the notifier', () => {
  let sink: Sink;
  beforeAll(async () => {
    sink = await startSink();
  });
  afterAll(async () => {
    await sink.close();
  });

  it('raises a volume alert and a long-lived-tunnel alert naming identity, destination, bytes and window', async () => {
    const clock = fixedClock(100 * HOUR);
    const config = testConfig({
      identities: { trainer: { allow: [`127.0.0.1:${sink.port}`], rate: '100MiB/s', burst: '1MiB' } },
      anomaly: { warmupWindows: 2, minBytes: '100KiB', longLivedTunnel: { after: '1h', bytes: '1MiB' } },
    });
    const events: AuditEvent[] = [];
    const notified: EgressAlert[] = [];
    const proxy = await startEgressProxy({
      config,
      tokens: { authenticate: async (identity, token) => identity === 'trainer' && token === 'bwe_t' },
      ledger: new MemoryLedger(systemClock, config.alertAt),
      audit: { append: async (event) => void events.push(event) },
      notifier: { notify: async (alert) => void notified.push(alert) },
      clock,
      listen: { host: LOOPBACK, port: 0 },
    });
    try {
      const tunnel = await connectThrough(proxy.port, `127.0.0.1:${sink.port}`, basicAuth('trainer', 'bwe_t'));
      expect(tunnel.status).toBe(200);
      const send = async (bytes: number): Promise<void> => {
        const target = sink.received() + bytes;
        await upload(tunnel.socket, bytes);
        await sink.waitFor(target, 5_000);
      };
      await send(200 * KiB);
      clock.advance(HOUR);
      await send(200 * KiB);
      clock.advance(HOUR);
      expect(events.filter((e) => e.type === 'egress.alert')).toEqual([]);
      await send(MiB);
      const anomalies = events.filter((e) => e.type === 'egress.alert' && (e.details as { kind?: string }).kind === 'anomaly');
      const kinds = anomalies.map((e) => (e.details as { anomaly: string }).anomaly).sort();
      expect(kinds).toEqual(['long-lived-tunnel', 'volume']);
      for (const event of anomalies) {
        expect(event).toMatchObject({ actor: 'trainer', subject: `127.0.0.1:${sink.port}` });
        expect(event.details).toHaveProperty('bytes');
        expect(event.details).toHaveProperty('window');
      }
      expect(anomalies.find((e) => (e.details as { anomaly: string }).anomaly === 'volume')?.details).toMatchObject({ window: '1h', bytes: expect.any(Number) as number });
      expect(notified.map((a) => a.kind)).toEqual(['anomaly', 'anomaly']);
      tunnel.socket.destroy();
    } finally {
      await proxy.close();
    }
  });
});
