// Child-process entry points for bench/gateway.bench.ts, so the load generator, the upstream double and
// the system under test do not share one event loop. Each prints one JSON line with its URL.
//   tsx bench/gateway-bench-servers.ts upstream
//   tsx bench/gateway-bench-servers.ts proxy   UPSTREAM_URL
//   tsx bench/gateway-bench-servers.ts gateway UPSTREAM_URL   (BENCH_CLASSIFIER_THREADS=N: gateway.classifier.threads)
// Started with an IPC channel and --expose-gc, a server answers the message 'gc' with its memory after
// a full collection, so "memory after" is measured without garbage that is merely not yet collected.
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gatewaySettings } from '../src/gateway/setup.js';
import { createLogger } from '../src/server/logger.js';
import { openStoreFor, startServer } from '../src/server/start.js';
import { openAiCompletion, openAiStream, tokenize } from '../test/kit/upstream-openai.js';
import { startPassthroughProxy } from './passthrough-proxy.js';

/** The answer every request gets: benign text, 800 characters in 200 four-character tokens. */
export const BENCH_ANSWER = 'Tomatoes like full sun, deep watering and a stake. '.repeat(16).slice(0, 800);

async function startUpstream(): Promise<string> {
  const completion = JSON.stringify(openAiCompletion({ model: 'bench' }, BENCH_ANSWER));
  const events = openAiStream({ model: 'bench' }, tokenize(BENCH_ANSWER))
    .split(/(?<=\n\n)/)
    .filter((e) => e.length > 0);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      if (!body.includes('"stream":true')) {
        res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'req_bench' });
        res.end(completion);
        return;
      }
      const paceMs = Number(req.headers['x-bench-pace-ms'] ?? 0);
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      void (async () => {
        for (const event of events) {
          if (res.destroyed) return;
          res.write(event);
          if (paceMs > 0) await new Promise((resolve) => setTimeout(resolve, paceMs));
        }
        res.end();
      })();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/**
 * The gateway as `npm start` runs it. `inMemory` swaps the SQLite file for `:memory:` to show what the
 * gateway costs apart from the decision log's per-commit fsync (synchronous=FULL).
 */
async function startGateway(upstreamUrl: string, inMemory: boolean): Promise<{ url: string; key: string | null; holdbackChars: number }> {
  const home = mkdtempSync(path.join(tmpdir(), 'bulwark-bench-'));
  const overrides = {
    server: { port: 0 },
    log: { level: 'silent' as const },
    gateway: { upstreams: { openai: { baseUrl: upstreamUrl } }, ...classifierThreads() },
    ...(inMemory ? { storage: { driver: 'sqlite' as const, sqlite: { path: ':memory:' } } } : {}),
  };
  const server = await startServer({ cwd: home, home, overrides }, createLogger('silent'));
  // The server's own guard: loading the model again here would put a second copy in the measured process.
  const { holdbackChars } = gatewaySettings(server.loaded.config, server.guard);
  // An in-memory database is private to the server process, so that variant runs anonymously
  // (allowed on loopback); the authentication lookup it skips costs ~0.04 ms.
  if (inMemory) return { url: server.url, key: null, holdbackChars };
  const { store } = await openStoreFor({ cwd: home, home, overrides });
  const { key } = await store.apiKeys.create({ tenant: 'bench' });
  await store.close();
  return { url: server.url, key, holdbackChars };
}

/** `BENCH_CLASSIFIER_THREADS=N` overrides `gateway.classifier.threads` (unset: the default), to compare. */
function classifierThreads(): { classifier?: { threads: number } } {
  const threads = process.env.BENCH_CLASSIFIER_THREADS;
  return threads === undefined || threads === '' ? {} : { classifier: { threads: Number(threads) } };
}

/** Memory after a full GC, for the bench's before/after figures (needs --expose-gc and an IPC channel). */
function answerMemoryRequests(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!process.send || !collect) return;
  process.on('message', (message) => {
    if (message !== 'gc') return;
    collect();
    const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
    process.send!({ rss, heapUsed, external, arrayBuffers });
  });
  // The channel must not keep the process alive once the bench lets it go.
  process.channel?.unref();
}

const [mode, upstreamUrl] = process.argv.slice(2);
const pid = process.pid;
answerMemoryRequests();
if (mode === 'upstream') console.log(JSON.stringify({ url: await startUpstream(), pid }));
else if (mode === 'proxy') console.log(JSON.stringify({ url: (await startPassthroughProxy(upstreamUrl!)).url, pid }));
else if (mode === 'gateway' || mode === 'gateway-memory') console.log(JSON.stringify({ ...(await startGateway(upstreamUrl!, mode === 'gateway-memory')), pid }));
else throw new Error(`unknown mode ${mode}`);
