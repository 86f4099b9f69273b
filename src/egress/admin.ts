import { createServer, type Server } from 'node:http';
import { systemClock, type Clock } from '../core/clock.js';
import { silentLogger, type EgressLogger } from './events.js';
import type { EgressLedger } from './ledger.js';
import type { ScopeStatus } from './status.js';
import type { IdentityTraffic } from './traffic-stats.js';
import { DEFAULT_SELFTEST_RATE, measureEgressSelftest, type SelftestResult } from './selftest.js';

/** The last self-test of a serving proxy, as `GET /status` reports it. */
export interface LastSelftest {
  readonly at: number;
  readonly passed: boolean;
  readonly measuredBytesPerSecond: number;
  readonly capBytesPerSecond: number;
}

/** `GET /status` of `bulwark egress serve` (called by release-posture checks). */
export interface EgressPosture {
  /** The ledger answers and the last self-test passed. */
  readonly healthy: boolean;
  /** The last self-test passed and no ledger failure lets traffic through unmetered (fail open). */
  readonly capsEnforced: boolean;
  readonly lastSelftest: LastSelftest | null;
}

/** Live usage of a serving proxy, as `GET /status` reports it next to the posture. */
export interface EgressUsage {
  /** Per identity, as this process forwarded it: bytes up/down, upload rate over the last second, open tunnels. */
  readonly identities: readonly IdentityTraffic[];
  /** Every budget of the policy from the ledger (shared across replicas with Redis): used, left, alerts passed. */
  readonly budgets: readonly ScopeStatus[];
}

export interface EgressAdminOptions {
  readonly listen: { host: string; port: number };
  /** Probed on every `/status` with a zero-byte take (no bucket, no budget). */
  readonly ledger: Pick<EgressLedger, 'take'>;
  readonly failOpenOnLedgerError: boolean;
  readonly selftestIntervalMs: number;
  /** Defaults to a 1 s loopback self-test at 2 MiB/s. */
  readonly selftest?: () => Promise<SelftestResult>;
  /** Adds `usage` to `/status` (null there when the ledger cannot answer). */
  readonly usage?: () => Promise<EgressUsage>;
  readonly clock?: Clock;
  readonly logger?: EgressLogger;
}

export interface EgressAdmin {
  readonly url: string;
  readonly port: number;
  posture(): Promise<EgressPosture>;
  /** Runs a self-test now (the one at start included) and keeps its result. */
  runSelftest(): Promise<LastSelftest>;
  close(): Promise<void>;
}

const LEDGER_PROBE_TIMEOUT_MS = 2_000;
const SERVE_SELFTEST_SECONDS = 1;

/** Starts the admin listener and the periodic self-test (once at start, then every interval). */
export async function startEgressAdmin(options: EgressAdminOptions): Promise<EgressAdmin> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const selftest = options.selftest ?? (() => measureEgressSelftest(DEFAULT_SELFTEST_RATE, SERVE_SELFTEST_SECONDS));
  let last: LastSelftest | null = null;
  let running: Promise<LastSelftest> | null = null;
  const runSelftest = (): Promise<LastSelftest> =>
    (running ??= (async () => {
      const at = clock.now();
      let result: LastSelftest;
      try {
        const measured = await selftest();
        result = { at, passed: measured.passed, measuredBytesPerSecond: measured.achievedBytesPerSecond, capBytesPerSecond: measured.capBytesPerSecond };
      } catch (error) {
        logger.warn({ err: error }, 'egress self-test could not run');
        result = { at, passed: false, measuredBytesPerSecond: 0, capBytesPerSecond: DEFAULT_SELFTEST_RATE };
      }
      if (!result.passed) logger.warn({ ...result }, 'egress self-test failed: the cap did not bite');
      last = result;
      running = null;
      return result;
    })());
  const posture = async (): Promise<EgressPosture> => {
    const ledgerOk = await probeLedger(options.ledger);
    const passed = last?.passed === true;
    return { healthy: ledgerOk && passed, capsEnforced: passed && (ledgerOk || !options.failOpenOnLedgerError), lastSelftest: last };
  };
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/status') {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"code":"NOT_FOUND","message":"GET /status"}}');
      return;
    }
    void statusDocument(posture, options.usage).then((body) => res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body)));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.listen.port, options.listen.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.listen.port;
  const timer = setInterval(() => void runSelftest(), options.selftestIntervalMs);
  timer.unref();
  void runSelftest();
  const host = options.listen.host.includes(':') ? `[${options.listen.host}]` : options.listen.host;
  return {
    url: `http://${host}:${port}`,
    port,
    posture,
    runSelftest,
    close: async () => {
      clearInterval(timer);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await running?.catch(() => {});
    },
  };
}

async function statusDocument(posture: () => Promise<EgressPosture>, usage: EgressAdminOptions['usage']): Promise<EgressPosture & { usage?: EgressUsage | null }> {
  const body = await posture();
  if (usage === undefined) return body;
  return { ...body, usage: await usage().catch(() => null) };
}

async function probeLedger(ledger: Pick<EgressLedger, 'take'>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), LEDGER_PROBE_TIMEOUT_MS);
    });
    return await Promise.race([ledger.take([], [], 0).then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
