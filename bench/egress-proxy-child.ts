// Child process of bench/egress.bench.ts: one egress proxy (in-memory ledger) on 127.0.0.1, so the
// proxy does not share an event loop with the benchmark's client and sink (it never does in use).
// argv: sinkPort rateBytesPerSecond [redisUrl]. Prints "port N"; answers IPC "memory" with its usage after GC.
import { systemClock } from '../src/core/clock.js';
import { createRedisLedger, MemoryLedger, parseEgressConfig, startEgressProxy, type EgressLedger } from '../src/egress/index.js';
import { openRedis } from '../src/store/index.js';
import { LOOPBACK } from '../src/egress/testing/loopback.js';

const [sinkPort, rate] = process.argv.slice(2, 4).map(Number) as [number, number];
const redisUrl = process.argv[4];
const config = parseEgressConfig(
  { identities: { bench: { allow: [`${LOOPBACK}:${sinkPort}`], rate } }, enclave: { rate: 1024 ** 4 }, unsafeAllowFastExfiltration: true },
  'bench',
);
const redis = redisUrl ? await openRedis(redisUrl, { keyPrefix: `bwk_bench_egress_${process.pid}:` }) : null;
const ledger: EgressLedger = redis ? createRedisLedger(redis.client, { alertFractions: config.alertAt }) : new MemoryLedger(systemClock, config.alertAt);
const proxy = await startEgressProxy({
  config,
  tokens: { authenticate: async (identity, token) => identity === 'bench' && token === 'bwe_bench' },
  ledger,
  listen: { host: LOOPBACK, port: 0 },
});
process.on('message', (message) => {
  if (message !== 'memory') return;
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  const openTunnels = proxy.traffic().reduce((sum, t) => sum + t.openTunnels, 0);
  process.send?.({ rss, heapUsed, openTunnels });
});
process.on('disconnect', () =>
  void (async () => {
    await proxy.close();
    if (redis) {
      // ioredis does not prefix KEYS patterns but does prefix DEL arguments: match and strip it by hand.
      const prefix = `bwk_bench_egress_${process.pid}:`;
      const own = (await redis.client.keys(`${prefix}*`)).map((k) => k.slice(prefix.length));
      if (own.length > 0) await redis.client.del(...own);
      await redis.close();
    }
    process.exit(0);
  })(),
);
process.stdout.write(`port ${proxy.port}\n`);
