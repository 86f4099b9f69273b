// Egress proxy throughput and shaping accuracy, on 127.0.0.1 only.
// Prints: uncapped upload through a CONNECT tunnel vs a direct loopback socket (ratio; target >= 0.7),
// and the shaping error at caps of 1, 10 and 100 MiB/s.
import { connect, type Socket } from 'node:net';
import { systemClock } from '../src/core/clock.js';
import { defaultBurst, MemoryLedger, parseEgressConfig, startEgressProxy } from '../src/egress/index.js';
import { basicAuth, connectThrough, LOOPBACK, startSink, upload, type Sink } from '../src/egress/testing/loopback.js';

const MiB = 1024 * 1024;
const TOKEN = 'bwe_bench';

async function timeUpload(socket: Socket, sink: Sink, bytes: number): Promise<number> {
  const base = sink.received();
  const started = performance.now();
  void upload(socket, bytes).catch(() => {});
  await sink.waitFor(base + bytes, 120_000);
  const seconds = (performance.now() - started) / 1000;
  socket.destroy();
  return seconds;
}

async function proxyFor(sink: Sink, rate: number) {
  const config = parseEgressConfig(
    { identities: { bench: { allow: [`${LOOPBACK}:${sink.port}`], rate } }, enclave: { rate: 1024 * 1024 * MiB }, unsafeAllowFastExfiltration: true },
    'bench',
  );
  return startEgressProxy({
    config,
    tokens: { authenticate: async (identity, token) => identity === 'bench' && token === TOKEN },
    ledger: new MemoryLedger(systemClock, config.alertAt),
    listen: { host: LOOPBACK, port: 0 },
  });
}

async function tunnel(proxyPort: number, sink: Sink): Promise<Socket> {
  const attempt = await connectThrough(proxyPort, `${LOOPBACK}:${sink.port}`, basicAuth('bench', TOKEN));
  if (attempt.status !== 200) throw new Error(`tunnel refused: ${attempt.status}`);
  return attempt.socket;
}

async function throughput(sink: Sink): Promise<void> {
  const bytes = 1024 * MiB;
  const direct = await new Promise<Socket>((resolve) => {
    const s = connect(sink.port, LOOPBACK, () => resolve(s));
  });
  const directSeconds = await timeUpload(direct, sink, bytes);
  const proxy = await proxyFor(sink, 1024 * 1024 * MiB);
  const viaSeconds = await timeUpload(await tunnel(proxy.port, sink), sink, bytes);
  await proxy.close();
  const directRate = bytes / directSeconds / MiB;
  const viaRate = bytes / viaSeconds / MiB;
  console.log(`uncapped upload, 1 GiB: direct ${directRate.toFixed(0)} MiB/s, via proxy ${viaRate.toFixed(0)} MiB/s, ratio ${(viaRate / directRate).toFixed(2)} (target >= 0.70)`);
}

async function shaping(sink: Sink, capMiB: number): Promise<void> {
  const rate = capMiB * MiB;
  const seconds = 3;
  const burst = defaultBurst(rate);
  const bytes = rate * seconds + burst;
  const proxy = await proxyFor(sink, rate);
  const elapsed = await timeUpload(await tunnel(proxy.port, sink), sink, bytes);
  await proxy.close();
  const achieved = (bytes - burst) / elapsed;
  console.log(`cap ${capMiB} MiB/s: achieved ${(achieved / MiB).toFixed(3)} MiB/s over ${elapsed.toFixed(2)} s, error ${(((achieved - rate) / rate) * 100).toFixed(2)}% (target within 5%)`);
}

const sink = await startSink();
try {
  await throughput(sink);
  for (const cap of [1, 10, 100]) await shaping(sink, cap);
} finally {
  await sink.close();
}
