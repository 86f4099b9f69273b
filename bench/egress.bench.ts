// Egress proxy throughput, shaping accuracy and tunnel memory, on 127.0.0.1 only. No assertions.
// The proxy runs in a child process (bench/egress-proxy-child.ts), as it does in use: in one process
// the client, proxy and sink would share one event loop and the ratio would measure that instead.
// Prints: uncapped upload through a CONNECT tunnel vs a direct loopback socket (target >= 0.7), the
// same for a plain pipe relay (the platform ceiling), the shaping error at caps of 1, 10 and 100 MiB/s
// (target within 5 %), and 500 concurrent tunnels with the proxy's memory before, at peak and after.
import { fork, type ChildProcess } from 'node:child_process';
import { connect, createServer, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { defaultBurst } from '../src/egress/index.js';
import { basicAuth, connectThrough, LOOPBACK, startSink, upload, type Sink } from '../src/egress/testing/loopback.js';

const MiB = 1024 * 1024;
const UNCAPPED = 1024 ** 4;
const CHILD = fileURLToPath(new URL('./egress-proxy-child.ts', import.meta.url));

interface Memory {
  rss: number;
  heapUsed: number;
  openTunnels: number;
}

interface ProxyChild {
  port: number;
  memory(): Promise<Memory>;
  close(): Promise<void>;
}

async function startProxyChild(sink: Sink, rate: number, redisUrl?: string): Promise<ProxyChild> {
  const child: ChildProcess = fork(CHILD, [String(sink.port), String(rate), ...(redisUrl ? [redisUrl] : [])], { execArgv: ['--import', 'tsx', '--expose-gc'], stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /port (\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`proxy child exited ${code}`)));
  });
  return {
    port,
    memory: () =>
      new Promise((resolve) => {
        child.once('message', (m) => resolve(m as Memory));
        child.send('memory');
      }),
    close: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.disconnect();
      }),
  };
}

async function timeUpload(socket: Socket, sink: Sink, bytes: number): Promise<number> {
  const base = sink.received();
  const first = sink.waitFor(base + 1, 10_000);
  const last = sink.waitFor(base + bytes, 180_000);
  void upload(socket, bytes).catch(() => {});
  const seconds = ((await last) - (await first)) / 1000;
  socket.destroy();
  return seconds;
}

function direct(port: number): Promise<Socket> {
  return new Promise((resolve) => {
    const s = connect(port, LOOPBACK, () => resolve(s));
  });
}

async function tunnel(proxyPort: number, sink: Sink): Promise<Socket> {
  const attempt = await connectThrough(proxyPort, `${LOOPBACK}:${sink.port}`, basicAuth('bench', 'bwe_bench'));
  if (attempt.status !== 200) throw new Error(`tunnel refused: ${attempt.status}`);
  return attempt.socket;
}

/** A plain pipe relay in its own process would be fairer still; in this one it shows the copy cost. */
async function pipeRelay(sink: Sink): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((c) => {
    const u = connect(sink.port, LOOPBACK);
    for (const s of [c, u]) {
      sockets.add(s);
      s.on('error', () => {});
    }
    c.pipe(u);
    u.pipe(c);
  });
  await new Promise<void>((r) => server.listen(0, LOOPBACK, r));
  return {
    port: (server.address() as { port: number }).port,
    close: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

async function throughput(sink: Sink): Promise<void> {
  const bytes = 1024 * MiB;
  // Warm up both paths so neither pays for JIT compilation in the measurement.
  await timeUpload(await direct(sink.port), sink, 64 * MiB);
  const proxy = await startProxyChild(sink, UNCAPPED);
  await timeUpload(await tunnel(proxy.port, sink), sink, 64 * MiB);
  const rates = { direct: [] as number[], proxy: [] as number[] };
  for (let round = 0; round < 3; round += 1) {
    rates.direct.push(bytes / (await timeUpload(await direct(sink.port), sink, bytes)) / MiB);
    rates.proxy.push(bytes / (await timeUpload(await tunnel(proxy.port, sink), sink, bytes)) / MiB);
  }
  await proxy.close();
  const relay = await pipeRelay(sink);
  const relayRate = bytes / (await timeUpload(await direct(relay.port), sink, bytes)) / MiB;
  await relay.close();
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[1]!;
  const [d, p] = [median(rates.direct), median(rates.proxy)];
  console.log(`uncapped upload, 1 GiB x 3 (median): direct ${d.toFixed(0)} MiB/s, via proxy ${p.toFixed(0)} MiB/s, ratio ${(p / d).toFixed(2)} (target >= 0.70)`);
  console.log(`  rounds: direct ${rates.direct.map((r) => r.toFixed(0)).join(', ')}; proxy ${rates.proxy.map((r) => r.toFixed(0)).join(', ')}`);
  console.log(`  reference: plain pipe relay inside the benchmark process ${relayRate.toFixed(0)} MiB/s, ratio ${(relayRate / d).toFixed(2)}`);
}

async function shaping(sink: Sink, capMiB: number): Promise<void> {
  const rate = capMiB * MiB;
  const seconds = 3;
  const burst = defaultBurst(rate);
  const bytes = rate * seconds + burst;
  const proxy = await startProxyChild(sink, rate);
  const elapsed = await timeUpload(await tunnel(proxy.port, sink), sink, bytes);
  await proxy.close();
  // From the first byte: the burst (at most) arrived at once, the rest at the cap.
  const achieved = (bytes - burst) / elapsed;
  console.log(`cap ${capMiB} MiB/s: achieved ${(achieved / MiB).toFixed(3)} MiB/s over ${elapsed.toFixed(2)} s, error ${(((achieved - rate) / rate) * 100).toFixed(2)}% (target within 5%)`);
}

async function settledMemory(proxy: ProxyChild): Promise<Memory> {
  let memory = await proxy.memory();
  for (let i = 0; memory.openTunnels > 0 && i < 100; i += 1) {
    await new Promise((r) => setTimeout(r, 100));
    memory = await proxy.memory();
  }
  await new Promise((r) => setTimeout(r, 500));
  return proxy.memory();
}

/** Rounds of `count` concurrent tunnels; a leak shows as heap growing round after round. */
async function manyTunnels(sink: Sink, count: number, rounds = 3): Promise<void> {
  const proxy = await startProxyChild(sink, UNCAPPED);
  const mb = (n: number): string => (n / MiB).toFixed(1);
  await timeUpload(await tunnel(proxy.port, sink), sink, MiB);
  const before = await settledMemory(proxy);
  const perTunnel = 256 * 1024;
  const afters: Memory[] = [];
  for (let round = 1; round <= rounds; round += 1) {
    const base = sink.received();
    const started = performance.now();
    const sockets = await Promise.all(Array.from({ length: count }, () => tunnel(proxy.port, sink)));
    await Promise.all(sockets.map((s) => upload(s, perTunnel)));
    await sink.waitFor(base + count * perTunnel, 60_000);
    const peak = await proxy.memory();
    const seconds = (performance.now() - started) / 1000;
    for (const s of sockets) s.destroy();
    const after = await settledMemory(proxy);
    afters.push(after);
    console.log(
      `${count} concurrent tunnels x ${perTunnel / 1024} KiB, round ${round}: ${seconds.toFixed(2)} s, ${peak.openTunnels} open at peak, ${after.openTunnels} after; ` +
        `proxy heap ${mb(before.heapUsed)} (before any) -> ${mb(peak.heapUsed)} (peak) -> ${mb(after.heapUsed)} MiB (after), rss ${mb(peak.rss)} -> ${mb(after.rss)} MiB`,
    );
  }
  await proxy.close();
  const first = afters[0]!;
  const last = afters.at(-1)!;
  console.log(
    `  heap after round ${rounds} vs after round 1: ${mb(last.heapUsed)} vs ${mb(first.heapUsed)} MiB (ratio ${(last.heapUsed / first.heapUsed).toFixed(2)}); ` +
      `vs before any tunnel: ratio ${(last.heapUsed / before.heapUsed).toFixed(2)}; rss before any tunnel ${mb(before.rss)} MiB (RSS is not returned to the OS promptly)`,
  );
}

/** The shared ledger costs one EVALSHA round trip per chunk: printed for reference (no target). */
async function redisThroughput(sink: Sink): Promise<void> {
  const url = process.env.BULWARK_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  let proxy: ProxyChild;
  try {
    proxy = await startProxyChild(sink, UNCAPPED, url);
  } catch {
    console.log(`uncapped upload with the Redis ledger: skipped (${url} unreachable)`);
    return;
  }
  const bytes = 256 * MiB;
  const seconds = await timeUpload(await tunnel(proxy.port, sink), sink, bytes);
  await proxy.close();
  console.log(`uncapped upload with the Redis ledger (${url}), 256 MiB: ${(bytes / seconds / MiB).toFixed(0)} MiB/s`);
}

const sink = await startSink();
try {
  await throughput(sink);
  await redisThroughput(sink);
  for (const cap of [1, 10, 100]) await shaping(sink, cap);
  await manyTunnels(sink, 500);
} finally {
  await sink.close();
}
