import { randomBytes } from 'node:crypto';
import { systemClock } from '../core/clock.js';
import { BulwarkError } from '../core/errors.js';
import { constantTimeEqual } from '../core/hash.js';
import { parseEgressConfig } from './config.js';
import { MemoryLedger } from './memory-ledger.js';
import { startEgressProxy } from './proxy.js';
import { basicAuth, connectThrough, LOOPBACK, startSink, upload } from './testing/loopback.js';

export const DEFAULT_SELFTEST_RATE = 2 * 1024 * 1024;
export const DEFAULT_SELFTEST_SECONDS = 3;
/** Shaping error the self-test accepts (loopback timers are noisy; the cap must still bite). */
export const SELFTEST_TOLERANCE = 0.05;
const SELFTEST_BURST = 64 * 1024;

export interface SelftestResult {
  readonly capBytesPerSecond: number;
  readonly uploadedBytes: number;
  readonly seconds: number;
  readonly achievedBytesPerSecond: number;
  /** (achieved − cap) / cap. */
  readonly error: number;
  readonly passed: boolean;
}

/**
 * The Cilium lesson: a configured cap proves nothing until traffic meets it. Pushes a synthetic
 * upload through a real proxy (loopback only) to a local sink and measures the achieved rate.
 * Throws EGRESS_SELFTEST_FAILED when the upload went faster than the cap allows.
 */
export async function runEgressSelftest(rate = DEFAULT_SELFTEST_RATE, seconds = DEFAULT_SELFTEST_SECONDS): Promise<SelftestResult> {
  const result = await measureEgressSelftest(rate, seconds);
  if (!result.passed) {
    throw new BulwarkError(
      'EGRESS_SELFTEST_FAILED',
      `the upload ran at ${result.achievedBytesPerSecond.toFixed(0)} B/s against a cap of ${rate} B/s (${(result.error * 100).toFixed(1)}% over)`,
    );
  }
  return result;
}

/** The self-test's measurement without the verdict as an error (the serving proxy keeps it for /status). */
export async function measureEgressSelftest(rate = DEFAULT_SELFTEST_RATE, seconds = DEFAULT_SELFTEST_SECONDS): Promise<SelftestResult> {
  const sink = await startSink();
  const token = `bwe_${randomBytes(16).toString('hex')}`;
  const config = parseEgressConfig(
    { identities: { selftest: { allow: [`${LOOPBACK}:${sink.port}`], rate, burst: SELFTEST_BURST } }, enclave: { rate: rate * 4 }, unsafeAllowFastExfiltration: true },
    'selftest',
  );
  const proxy = await startEgressProxy({
    config,
    tokens: { authenticate: async (identity, presented) => identity === 'selftest' && constantTimeEqual(presented, token) },
    ledger: new MemoryLedger(systemClock, config.alertAt),
    listen: { host: LOOPBACK, port: 0 },
  });
  try {
    const tunnel = await connectThrough(proxy.port, `${LOOPBACK}:${sink.port}`, basicAuth('selftest', token));
    if (tunnel.status !== 200) throw new BulwarkError('EGRESS_SELFTEST_FAILED', `the self-test tunnel was refused (${tunnel.status})`);
    const bytes = Math.round(rate * seconds) + SELFTEST_BURST;
    const started = performance.now();
    void upload(tunnel.socket, bytes).catch(() => {});
    await sink.waitFor(bytes, (seconds * 3 + 5) * 1000);
    const elapsed = (performance.now() - started) / 1000;
    tunnel.socket.destroy();
    const achieved = (bytes - SELFTEST_BURST) / elapsed;
    const error = (achieved - rate) / rate;
    return { capBytesPerSecond: rate, uploadedBytes: bytes, seconds: elapsed, achievedBytesPerSecond: achieved, error, passed: error <= SELFTEST_TOLERANCE };
  } finally {
    await proxy.close();
    await sink.close();
  }
}
