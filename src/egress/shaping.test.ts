import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../core/clock.js';
import type { Store } from '../store/index.js';
import { budgetsFor } from './limits.js';
import { createEgressTokenRepository } from './token-repository.js';
import { basicAuth, connectThrough, startSink, upload, type Sink } from './testing/loopback.js';
import { openMemoryStore, startTestProxy, testConfig } from './testing/proxy-fixture.js';

const MiB = 1024 * 1024;
/** The proxy reads at most one socket chunk ahead of the ledger. */
const MAX_CHUNK = 64 * 1024;

describe('egress shaping: rate caps and byte budgets', () => {
  let sink: Sink;
  let dir: string;

  beforeAll(async () => {
    sink = await startSink();
    dir = mkdtempSync(join(tmpdir(), 'bulwark-egress-'));
  });

  afterAll(async () => {
    await sink.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function tokenFor(store: Store, identity: string): Promise<string> {
    const created = await createEgressTokenRepository(store.db, systemClock).create(identity);
    return basicAuth(identity, created.token);
  }

  it('holds a 2 MiB/s upload cap through a CONNECT tunnel (rate within 10 %, never above cap + burst)', async () => {
    const store = await openMemoryStore();
    const rate = 2 * MiB;
    const burst = 64 * 1024;
    const fixture = await startTestProxy(store, testConfig({ identities: { trainer: { allow: [`127.0.0.1:${sink.port}`], rate, burst } } }));
    try {
      const tunnel = await connectThrough(fixture.proxy.port, `127.0.0.1:${sink.port}`, await tokenFor(store, 'trainer'));
      expect(tunnel.status).toBe(200);
      const total = 6 * MiB;
      const base = sink.received();
      const started = performance.now();
      let worstExcess = -Infinity;
      const sampler = setInterval(() => {
        const elapsed = (performance.now() - started) / 1000;
        worstExcess = Math.max(worstExcess, sink.received() - base - (rate * elapsed + burst));
      }, 50);
      void upload(tunnel.socket, total).catch(() => {});
      await sink.waitFor(base + total, 20_000);
      clearInterval(sampler);
      const seconds = (performance.now() - started) / 1000;
      const achieved = (total - burst) / seconds;
      expect(Math.abs(achieved - rate) / rate).toBeLessThan(0.1);
      expect(worstExcess).toBeLessThanOrEqual(MAX_CHUNK);
      tunnel.socket.destroy();
    } finally {
      await fixture.close();
      await store.close();
    }
  }, 30_000);

  it('stops a transfer at the budget, refuses new connections, alerts, and keeps usage across a restart', async () => {
    const file = join(dir, 'budget.sqlite');
    const budget = 3 * MiB;
    const config = testConfig({ identities: { trainer: { allow: [`127.0.0.1:${sink.port}`], rate: '40MiB/s', budgets: { '24h': budget } } } });
    let store = await openMemoryStore(file);
    let fixture = await startTestProxy(store, config);
    const auth = await tokenFor(store, 'trainer');
    const base = sink.received();
    const tunnel = await connectThrough(fixture.proxy.port, `127.0.0.1:${sink.port}`, auth);
    expect(tunnel.status).toBe(200);
    void upload(tunnel.socket, 5 * MiB).catch(() => {});
    await sink.waitFor(base + budget, 10_000);
    await new Promise((r) => setTimeout(r, 500));
    // Exact: the chunk that crosses the budget is split, and the rest is held back.
    expect(sink.received() - base).toBe(budget);
    const refused = await connectThrough(fixture.proxy.port, `127.0.0.1:${sink.port}`, auth);
    expect(refused.status).toBe(403);
    expect(refused.response).toContain('EGRESS_BUDGET_EXHAUSTED');
    expect(refused.response).toContain('identity:trainer 24h');
    const alerts = fixture.events.filter((e) => e.type === 'egress.alert').map((e) => (e.details as { fraction: number }).fraction);
    expect(alerts).toEqual([0.5, 0.8]);
    expect(fixture.events.some((e) => e.type === 'egress.block' && (e.details as { fraction?: number }).fraction === 1)).toBe(true);
    tunnel.socket.destroy();
    await fixture.close();
    await store.close();

    store = await openMemoryStore(file);
    fixture = await startTestProxy(store, config);
    try {
      const [usage] = await fixture.ledger.usage(budgetsFor(config, 'trainer'));
      expect(usage?.usedBytes).toBe(budget);
      const again = await connectThrough(fixture.proxy.port, `127.0.0.1:${sink.port}`, auth);
      expect(again.status).toBe(403);
    } finally {
      await fixture.close();
      await store.close();
    }
  }, 30_000);
});
