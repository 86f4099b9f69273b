import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemClock } from '../core/clock.js';
import { openRedis, type RedisHandle, type Store } from '../store/index.js';
import { describeWithService, probeService } from '../store/testing/service-gate.js';
import { createRedisLedger } from './redis-ledger.js';
import { createEgressTokenRepository } from './token-repository.js';
import { basicAuth, connectThrough, startSink, upload, type Sink } from './testing/loopback.js';
import { openMemoryStore, startTestProxy, testConfig, type ProxyFixture } from './testing/proxy-fixture.js';

const url = process.env.BULWARK_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const MiB = 1024 * 1024;

const probe = await probeService(async () => {
  const handle = await openRedis(url, { connectTimeoutMs: 2_000 });
  await handle.close();
});

describeWithService(`egress shared ledger on Redis (${url})`, 'Redis', probe, process.env.CI === 'true', () => {
  const keyPrefix = `bwk_test_egress_${randomBytes(5).toString('hex')}:`;
  const handles: RedisHandle[] = [];
  let store: Store;
  let sink: Sink;
  let auth = '';

  /** One proxy "replica": its own Redis connection, the shared database for tokens. */
  async function replica(config: ReturnType<typeof testConfig>, namespace: string): Promise<ProxyFixture> {
    const handle = await openRedis(url, { keyPrefix });
    handles.push(handle);
    return startTestProxy(store, config, createRedisLedger(handle.client, { alertFractions: config.alertAt, namespace }));
  }

  beforeAll(async () => {
    store = await openMemoryStore();
    sink = await startSink();
    auth = basicAuth('trainer', (await createEgressTokenRepository(store.db, systemClock).create('trainer')).token);
  });

  afterAll(async () => {
    const raw = await openRedis(url);
    const leftovers = await raw.client.keys(`${keyPrefix}*`);
    if (leftovers.length > 0) await raw.client.del(...leftovers);
    await raw.close();
    await Promise.all(handles.map((h) => h.close()));
    await sink.close();
    await store.close();
  });

  it('two replicas share one budget: together they stop exactly at it', async () => {
    const config = testConfig({ identities: { trainer: { allow: [`127.0.0.1:${sink.port}`], rate: '40MiB/s', budgets: { '24h': 2 * MiB } } } });
    const [a, b] = [await replica(config, 'budget'), await replica(config, 'budget')];
    try {
      const base = sink.received();
      const first = await connectThrough(a.proxy.port, `127.0.0.1:${sink.port}`, auth);
      void upload(first.socket, 1.5 * MiB).catch(() => {});
      await sink.waitFor(base + 1.5 * MiB);
      const second = await connectThrough(b.proxy.port, `127.0.0.1:${sink.port}`, auth);
      expect(second.status).toBe(200);
      void upload(second.socket, 1.5 * MiB).catch(() => {});
      await sink.waitFor(base + 2 * MiB);
      await new Promise((r) => setTimeout(r, 400));
      expect(sink.received() - base).toBe(2 * MiB);
      const refused = await connectThrough(a.proxy.port, `127.0.0.1:${sink.port}`, auth);
      expect(refused.status).toBe(403);
      expect(refused.response).toContain('EGRESS_BUDGET_EXHAUSTED');
      first.socket.destroy();
      second.socket.destroy();
    } finally {
      await a.close();
      await b.close();
    }
  }, 20_000);

  it('two replicas share one rate cap: their combined rate tracks it within 10 %', async () => {
    const rate = 2 * MiB;
    const config = testConfig({ identities: { trainer: { allow: [`127.0.0.1:${sink.port}`], rate, burst: 64 * 1024 } } });
    const [a, b] = [await replica(config, 'rate'), await replica(config, 'rate')];
    try {
      const base = sink.received();
      const tunnels = await Promise.all([a, b].map((r) => connectThrough(r.proxy.port, `127.0.0.1:${sink.port}`, auth)));
      const started = performance.now();
      for (const t of tunnels) void upload(t.socket, 3 * MiB).catch(() => {});
      await sink.waitFor(base + 6 * MiB, 20_000);
      const achieved = (6 * MiB - 64 * 1024) / ((performance.now() - started) / 1000);
      expect(Math.abs(achieved - rate) / rate).toBeLessThan(0.1);
      for (const t of tunnels) t.socket.destroy();
    } finally {
      await a.close();
      await b.close();
    }
  }, 30_000);

  it('fails closed when Redis is unreachable: new connections get 503', async () => {
    const config = testConfig({ identities: { trainer: { allow: [`127.0.0.1:${sink.port}`], budgets: { '24h': '1GiB' } } } });
    const handle = await openRedis(url, { keyPrefix });
    const fixture = await startTestProxy(store, config, createRedisLedger(handle.client, { alertFractions: config.alertAt }));
    await handle.close();
    try {
      const refused = await connectThrough(fixture.proxy.port, `127.0.0.1:${sink.port}`, auth);
      expect(refused.status).toBe(503);
      expect(refused.response).toContain('EGRESS_LEDGER_UNAVAILABLE');
    } finally {
      await fixture.close();
    }
  });
});
