// The acceptance criteria of issue 5, as worded there: loopback only, every wait bounded.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../core/clock.js';
import { openRedis } from '../store/index.js';
import { describeWithService, probeService } from '../store/testing/service-gate.js';
import { createEgressTokenRepository } from './token-repository.js';
import { getJson, runCli, spawnServe, startRelay, type ServeProcess } from './testing/cli-process.js';
import { basicAuth, connectThrough, LOOPBACK, rawRequest, startEcho, startSink, upload, type Sink } from './testing/loopback.js';
import { openMemoryStore, startTestProxy, testConfig } from './testing/proxy-fixture.js';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
/** The proxy reads at most one socket chunk ahead of the ledger. */
const CHUNK = 64 * 1024;
const redisUrl = process.env.BULWARK_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

interface ScopeJson {
  scope: string;
  budgets: { window: string; usedBytes: number; leftBytes: number }[];
}

function usedBytes(status: ScopeJson[], scope: string, window: string): number | undefined {
  return status.find((s) => s.scope === scope)?.budgets.find((b) => b.window === window)?.usedBytes;
}

function cliJson<T>(args: string[]): T {
  const res = runCli(args);
  if (res.code !== 0) throw new Error(`bulwark ${args.join(' ')} exited ${res.code}: ${res.stderr}${res.stdout}`);
  return JSON.parse(res.stdout) as T;
}

describe('issue 5 acceptance: one proxy on loopback', () => {
  let sink: Sink;
  let dir: string;

  beforeAll(async () => {
    sink = await startSink();
    dir = mkdtempSync(join(tmpdir(), 'bulwark-egress-acc-'));
  });

  afterAll(async () => {
    await sink.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('with a 2 MiB/s cap, a 10 MiB upload through a CONNECT tunnel takes 5 s ± 5 % (from the first byte)', async () => {
    const store = await openMemoryStore();
    const fixture = await startTestProxy(store, testConfig({ identities: { trainer: { allow: [`127.0.0.1:${sink.port}`], rate: '2MiB/s', burst: '16KiB' } } }));
    try {
      const auth = basicAuth('trainer', (await createEgressTokenRepository(store.db, systemClock).create('trainer')).token);
      const tunnel = await connectThrough(fixture.proxy.port, `127.0.0.1:${sink.port}`, auth);
      expect(tunnel.status).toBe(200);
      const base = sink.received();
      const first = sink.waitFor(base + 1, 5_000);
      const last = sink.waitFor(base + 10 * MiB, 20_000);
      void upload(tunnel.socket, 10 * MiB).catch(() => {});
      const seconds = ((await last) - (await first)) / 1000;
      process.stdout.write(`acceptance: 10 MiB at a 2 MiB/s cap took ${seconds.toFixed(3)} s from the first byte (target 5 s ± 5 %)\n`);
      expect(seconds).toBeGreaterThan(4.75);
      expect(seconds).toBeLessThan(5.25);
      tunnel.socket.destroy();
    } finally {
      await fixture.close();
      await store.close();
    }
  }, 30_000);

  it('with a 6 MiB daily budget: stops at 6 MiB, refuses a new connection, status shows it, and a restart keeps it', async () => {
    const home = join(dir, 'budget-home');
    const policy = join(dir, 'budget.yaml');
    writeFileSync(policy, `egress:\n  unsafeAllowFastExfiltration: true\n  identities:\n    trainer: { allow: ["127.0.0.1:${sink.port}"], rate: "40MiB/s", budgets: { "24h": "6MiB" } }\n`);
    const common = ['--home', home, '--egress-config', policy];
    const { token } = cliJson<{ identity: string; token: string }>(['egress', 'token', 'create', '--identity', 'trainer', '--json', ...common]);
    const auth = basicAuth('trainer', token);
    let serve: ServeProcess = await spawnServe(common);
    try {
      const base = sink.received();
      const tunnel = await connectThrough(serve.proxyPort, `127.0.0.1:${sink.port}`, auth);
      expect(tunnel.status).toBe(200);
      void upload(tunnel.socket, 10 * MiB).catch(() => {});
      await sink.waitFor(base + 6 * MiB - CHUNK, 15_000);
      await new Promise((r) => setTimeout(r, 1_000));
      const sent = sink.received() - base;
      process.stdout.write(`acceptance: budget 6 MiB, transfer stopped at ${sent} bytes (${sent - 6 * MiB} from the budget)\n`);
      expect(Math.abs(sent - 6 * MiB)).toBeLessThanOrEqual(CHUNK);
      const refused = await connectThrough(serve.proxyPort, `127.0.0.1:${sink.port}`, auth);
      expect(refused.status).toBe(403);
      expect(refused.response).toContain('EGRESS_BUDGET_EXHAUSTED');
      expect(refused.response).toContain('egress budget identity:trainer 24h');
      const status = cliJson<ScopeJson[]>(['egress', 'status', '--json', ...common]);
      expect(usedBytes(status, 'identity:trainer', '24h')).toBe(sent);
      tunnel.socket.destroy();
      await serve.stop();

      serve = await spawnServe(common);
      const again = await connectThrough(serve.proxyPort, `127.0.0.1:${sink.port}`, auth);
      expect(again.status).toBe(403);
      expect(again.response).toContain('EGRESS_BUDGET_EXHAUSTED');
      expect(usedBytes(cliJson<ScopeJson[]>(['egress', 'status', '--json', ...common]), 'identity:trainer', '24h')).toBe(sent);
    } finally {
      await serve.stop();
    }
  }, 90_000);

  it('403 off the allowlist, 407 for bad credentials, 4xx for malformed requests, and keeps serving', async () => {
    const store = await openMemoryStore();
    const echo = await startEcho();
    const fixture = await startTestProxy(store, testConfig({ identities: { trainer: { allow: [`127.0.0.1:${echo.port}`], rate: '10MiB/s' } } }));
    try {
      const auth = basicAuth('trainer', (await createEgressTokenRepository(store.db, systemClock).create('trainer')).token);
      const serving = async (): Promise<void> => {
        const ok = await connectThrough(fixture.proxy.port, `127.0.0.1:${echo.port}`, auth);
        expect(ok.status).toBe(200);
        ok.socket.destroy();
      };
      const attempts: [string, Promise<{ status: number; socket: { destroy(): void } }>, number][] = [
        ['not allowlisted', connectThrough(fixture.proxy.port, '127.0.0.1:9', auth), 403],
        ['bad credentials', connectThrough(fixture.proxy.port, `127.0.0.1:${echo.port}`, basicAuth('trainer', 'bwe_wrong')), 407],
        ['no credentials', connectThrough(fixture.proxy.port, `127.0.0.1:${echo.port}`), 407],
        ['garbage request line', rawRequest(fixture.proxy.port, '\x16\x03\x01 garbage\r\n\r\n'), 400],
        ['huge headers', rawRequest(fixture.proxy.port, `CONNECT 127.0.0.1:${echo.port} HTTP/1.1\r\nX-Big: ${'a'.repeat(256 * 1024)}\r\n\r\n`), 431],
        ['CONNECT to a bad port', rawRequest(fixture.proxy.port, `CONNECT 127.0.0.1:99999 HTTP/1.1\r\nProxy-Authorization: ${auth}\r\n\r\n`), 400],
      ];
      for (const [name, attempt, status] of attempts) {
        const result = await attempt;
        expect({ name, status: result.status }).toEqual({ name, status });
        result.socket.destroy();
        await serving();
      }
    } finally {
      await fixture.close();
      await echo.close();
      await store.close();
    }
  });

  it('`bulwark egress plan --json` for an 810 GB artifact equals a hand calculation', () => {
    const policy = join(dir, 'plan.yaml');
    writeFileSync(
      policy,
      [
        'egress:',
        '  unsafeAllowFastExfiltration: true',
        '  enclave: { rate: "100MiB/s", budgets: { "24h": "50GiB" } }',
        '  identities:',
        '    trainer: { allow: ["127.0.0.1:*"], rate: "2MiB/s", budgets: { "1h": "1GiB", "24h": "6GiB" } }',
        '    eval: { allow: ["127.0.0.1:*"], rate: "2MiB/s", budgets: { "1h": "1GiB", "24h": "6GiB" } }',
        '',
      ].join('\n'),
    );
    const plan = cliJson<{ artifactBytes: number; compressions: number[]; rows: { path: string; compression: number; bytes: number; seconds: number; limitedBy: string }[] }>([
      'egress', 'plan', '--json', '--artifact-bytes', '810GB', '--compression', '16', '--home', join(dir, 'plan-home'), '--egress-config', policy,
    ]);
    expect(plan.artifactBytes).toBe(810e9);
    expect(plan.compressions).toEqual([1, 16, 100]);
    const row = (path: string, c: number) => plan.rows.find((r) => r.path === path && r.compression === c)!;
    // By hand, 16x: 810e9 / 16 = 50 625 000 000 bytes.
    // One identity (2 MiB/s, 6 GiB per 24 h): ceil(50.625e9 / 6 GiB) = 8 windows, 7 full ones at the
    // start of days 0..6, the remaining 50.625e9 - 7 x 6 GiB = 5 527 843 392 bytes at 2 MiB/s.
    expect(row('identity trainer', 16).bytes).toBe(50_625_000_000);
    expect(row('identity trainer', 16).seconds).toBeCloseTo(7 * 86_400 + 5_527_843_392 / (2 * MiB), 6);
    expect(row('identity trainer', 16).limitedBy).toBe('budget 24h');
    // Both colluding (4 MiB/s, 12 GiB per 24 h): 4 windows, 3 full, 50.625e9 - 3 x 12 GiB = 11 970 294 336 at 4 MiB/s.
    expect(row('2 colluding', 16).seconds).toBeCloseTo(3 * 86_400 + 11_970_294_336 / (4 * MiB), 6);
    // 1x, one identity: 126 windows, 125 full, 810e9 - 125 x 6 GiB = 4 693 632 000 bytes at 2 MiB/s.
    expect(row('identity trainer', 1).seconds).toBeCloseTo(125 * 86_400 + 4_693_632_000 / (2 * MiB), 6);
    // 100x, colluding: 8.1e9 bytes < 12 GiB, so the rate decides: 8.1e9 / 4 MiB/s (the 1 h budgets: 2 GiB
    // per hour, ceil(8.1e9 / 2 GiB) = 4 windows, 3 full: 3 h + (8.1e9 - 6 GiB) / 4 MiB/s).
    expect(row('2 colluding', 100).seconds).toBeCloseTo(Math.max(8.1e9 / (4 * MiB), 3 * 3_600 + (8.1e9 - 3 * 2 * GiB) / (4 * MiB)), 6);
  }, 60_000);
});

const probe = await probeService(async () => {
  const handle = await openRedis(redisUrl, { connectTimeoutMs: 2_000 });
  await handle.close();
});

describeWithService(`issue 5 acceptance: two proxy processes on one Redis (${redisUrl})`, 'Redis', probe, process.env.CI === 'true', () => {
  const keyPrefix = `bwk_test_egress_acc_${randomBytes(5).toString('hex')}:`;
  let sink: Sink;
  let dir: string;
  let relay: Awaited<ReturnType<typeof startRelay>>;
  let serves: ServeProcess[] = [];
  let common: string[] = [];
  const auth: Record<string, string> = {};

  beforeAll(async () => {
    sink = await startSink();
    dir = mkdtempSync(join(tmpdir(), 'bulwark-egress-acc-redis-'));
    relay = await startRelay(Number(new URL(redisUrl).port || 6379));
    const policy = join(dir, 'egress.yaml');
    writeFileSync(
      policy,
      [
        'egress:',
        '  unsafeAllowFastExfiltration: true',
        '  enclave: { rate: "1GiB/s" }',
        '  identities:',
        `    capped: { allow: ["127.0.0.1:${sink.port}"], rate: "2MiB/s", burst: "16KiB" }`,
        `    budgeted: { allow: ["127.0.0.1:${sink.port}"], rate: "40MiB/s", budgets: { "24h": "6MiB" } }`,
        '',
      ].join('\n'),
    );
    common = ['--home', join(dir, 'home'), '--egress-config', policy];
    for (const identity of ['capped', 'budgeted']) {
      auth[identity] = basicAuth(identity, cliJson<{ token: string }>(['egress', 'token', 'create', '--identity', identity, '--json', ...common]).token);
    }
    const relayed = `redis://${LOOPBACK}:${relay.port}${new URL(redisUrl).pathname}`;
    serves = await Promise.all([0, 1].map(() => spawnServe([...common, '--redis-url', relayed, '--redis-key-prefix', keyPrefix])));
  }, 90_000);

  afterAll(async () => {
    await Promise.all(serves.map((s) => s.stop()));
    await relay?.close();
    const raw = await openRedis(redisUrl);
    const leftovers = await raw.client.keys(`${keyPrefix}*`);
    if (leftovers.length > 0) await raw.client.del(...leftovers);
    await raw.close();
    await sink?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('enforce one shared cap: 2 x 5 MiB at a 2 MiB/s cap take 5 s ± 5 % together', async () => {
    const tunnels = await Promise.all(serves.map((s) => connectThrough(s.proxyPort, `127.0.0.1:${sink.port}`, auth.capped)));
    expect(tunnels.map((t) => t.status)).toEqual([200, 200]);
    const base = sink.received();
    const first = sink.waitFor(base + 1, 5_000);
    const last = sink.waitFor(base + 10 * MiB, 20_000);
    for (const t of tunnels) void upload(t.socket, 5 * MiB).catch(() => {});
    const seconds = ((await last) - (await first)) / 1000;
    const rate = 10 * MiB / seconds;
    process.stdout.write(`acceptance: two processes, combined ${(rate / MiB).toFixed(3)} MiB/s against a 2 MiB/s cap (${(((rate - 2 * MiB) / (2 * MiB)) * 100).toFixed(2)} %)\n`);
    expect(Math.abs(rate - 2 * MiB) / (2 * MiB)).toBeLessThan(0.05);
    for (const t of tunnels) t.socket.destroy();
  }, 30_000);

  it('enforce one budget: together they stop at 6 MiB, both refuse, and status shows it', async () => {
    const base = sink.received();
    const a = await connectThrough(serves[0]!.proxyPort, `127.0.0.1:${sink.port}`, auth.budgeted);
    expect(a.status).toBe(200);
    void upload(a.socket, 4 * MiB).catch(() => {});
    await sink.waitFor(base + 4 * MiB, 10_000);
    const b = await connectThrough(serves[1]!.proxyPort, `127.0.0.1:${sink.port}`, auth.budgeted);
    expect(b.status).toBe(200);
    void upload(b.socket, 4 * MiB).catch(() => {});
    await sink.waitFor(base + 6 * MiB - CHUNK, 10_000);
    await new Promise((r) => setTimeout(r, 1_000));
    const sent = sink.received() - base;
    process.stdout.write(`acceptance: two processes, 6 MiB shared budget, stopped at ${sent} bytes (${sent - 6 * MiB} from the budget)\n`);
    expect(Math.abs(sent - 6 * MiB)).toBeLessThanOrEqual(CHUNK);
    for (const s of serves) {
      const refused = await connectThrough(s.proxyPort, `127.0.0.1:${sink.port}`, auth.budgeted);
      expect(refused.status).toBe(403);
      expect(refused.response).toContain('EGRESS_BUDGET_EXHAUSTED');
    }
    const status = cliJson<ScopeJson[]>(['egress', 'status', '--json', ...common, '--redis-url', redisUrl, '--redis-key-prefix', keyPrefix]);
    expect(usedBytes(status, 'identity:budgeted', '24h')).toBe(sent);
    a.socket.destroy();
    b.socket.destroy();
  }, 40_000);

  it('report their posture on GET /status, and refuse (503) once Redis is gone', async () => {
    for (const s of serves) {
      let posture = (await getJson(s.adminPort, '/status')) as { healthy: boolean; capsEnforced: boolean; lastSelftest: { passed: boolean } | null };
      for (let i = 0; posture.lastSelftest === null && i < 50; i += 1) {
        await new Promise((r) => setTimeout(r, 200));
        posture = (await getJson(s.adminPort, '/status')) as typeof posture;
      }
      expect(posture).toMatchObject({ healthy: true, capsEnforced: true, lastSelftest: { passed: true } });
    }
    await relay.cut();
    for (const s of serves) {
      const refused = await connectThrough(s.proxyPort, `127.0.0.1:${sink.port}`, auth.capped);
      expect(refused.status).toBe(503);
      expect(refused.response).toContain('EGRESS_LEDGER_UNAVAILABLE');
      expect(await getJson(s.adminPort, '/status')).toMatchObject({ healthy: false, capsEnforced: true });
    }
  }, 30_000);
});
