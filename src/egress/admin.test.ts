import { afterEach, describe, expect, it } from 'vitest';
import { BulwarkError } from '../core/errors.js';
import { startEgressAdmin, type EgressAdmin } from './admin.js';
import { MemoryLedger } from './memory-ledger.js';
import { systemClock } from '../core/clock.js';
import { LOOPBACK } from './testing/loopback.js';
import type { SelftestResult } from './selftest.js';

const MiB = 1024 * 1024;
const measured = (passed: boolean): SelftestResult => ({
  capBytesPerSecond: 2 * MiB,
  uploadedBytes: 2 * MiB,
  seconds: 1,
  achievedBytesPerSecond: passed ? 1.99 * MiB : 3 * MiB,
  error: passed ? -0.005 : 0.5,
  passed,
});
const failingLedger = { take: () => Promise.reject(new BulwarkError('EGRESS_LEDGER_UNAVAILABLE', 'down')) };

describe('egress admin: GET /status', () => {
  let admin: EgressAdmin | undefined;
  afterEach(async () => {
    await admin?.close();
    admin = undefined;
  });

  async function status(): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`${admin!.url}/status`);
    return { status: res.status, body: await res.json() };
  }

  it('runs the real loopback self-test at start and reports a healthy, enforcing proxy', async () => {
    admin = await startEgressAdmin({ listen: { host: LOOPBACK, port: 0 }, ledger: new MemoryLedger(systemClock, []), failOpenOnLedgerError: false, selftestIntervalMs: 600_000 });
    const first = await admin.runSelftest();
    const { status: code, body } = await status();
    expect(code).toBe(200);
    expect(body).toEqual({ healthy: true, capsEnforced: true, lastSelftest: first });
    expect(first.passed).toBe(true);
    expect(Math.abs(first.measuredBytesPerSecond - first.capBytesPerSecond) / first.capBytesPerSecond).toBeLessThan(0.05);
    expect((await fetch(`${admin.url}/other`)).status).toBe(404);
  }, 20_000);

  it('answers null before the first self-test, then re-runs it on the interval', async () => {
    let calls = 0;
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    admin = await startEgressAdmin({
      listen: { host: LOOPBACK, port: 0 },
      ledger: new MemoryLedger(systemClock, []),
      failOpenOnLedgerError: false,
      selftestIntervalMs: 100,
      selftest: async () => {
        calls += 1;
        if (calls === 1) await gate;
        return measured(true);
      },
    });
    expect((await status()).body).toEqual({ healthy: false, capsEnforced: false, lastSelftest: null });
    release();
    await new Promise((r) => setTimeout(r, 350));
    expect(calls).toBeGreaterThanOrEqual(3);
    expect((await status()).body).toMatchObject({ healthy: true, capsEnforced: true, lastSelftest: { passed: true } });
  });

  it('a failed self-test means caps are not enforced; a self-test that cannot run counts as failed', async () => {
    admin = await startEgressAdmin({ listen: { host: LOOPBACK, port: 0 }, ledger: new MemoryLedger(systemClock, []), failOpenOnLedgerError: false, selftestIntervalMs: 600_000, selftest: async () => measured(false) });
    await admin.runSelftest();
    expect((await status()).body).toMatchObject({ healthy: false, capsEnforced: false, lastSelftest: { passed: false, measuredBytesPerSecond: 3 * MiB, capBytesPerSecond: 2 * MiB } });
    await admin.close();
    admin = await startEgressAdmin({ listen: { host: LOOPBACK, port: 0 }, ledger: new MemoryLedger(systemClock, []), failOpenOnLedgerError: false, selftestIntervalMs: 600_000, selftest: () => Promise.reject(new Error('no sink')) });
    await admin.runSelftest();
    expect((await status()).body).toMatchObject({ healthy: false, capsEnforced: false, lastSelftest: { passed: false, measuredBytesPerSecond: 0 } });
  });

  it('an unreachable ledger is unhealthy; caps stay enforced only when it fails closed', async () => {
    admin = await startEgressAdmin({ listen: { host: LOOPBACK, port: 0 }, ledger: failingLedger, failOpenOnLedgerError: false, selftestIntervalMs: 600_000, selftest: async () => measured(true) });
    await admin.runSelftest();
    expect((await status()).body).toMatchObject({ healthy: false, capsEnforced: true });
    await admin.close();
    admin = await startEgressAdmin({ listen: { host: LOOPBACK, port: 0 }, ledger: failingLedger, failOpenOnLedgerError: true, selftestIntervalMs: 600_000, selftest: async () => measured(true) });
    await admin.runSelftest();
    expect((await status()).body).toMatchObject({ healthy: false, capsEnforced: false });
  });
});
