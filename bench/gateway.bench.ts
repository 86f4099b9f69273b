// The gateway's cost, as ratios against baselines measured in the same run (STYLE.md §10):
//   direct    client → upstream double
//   proxy     client → minimal pass-through proxy (bench/passthrough-proxy.ts) → upstream: the ceiling
//   gateway   client → Bulwark (auth, input guard, decision log, output guard, default policy) → upstream
// Each runs in its own process. Non-streaming: autocannon, 20 connections. Streaming: 20 concurrent
// streams, time to first token and output characters per second. The stream guard cannot release the
// first character before `holdbackChars + 1` exist; the bench also times when a client of the proxy has
// that many (the "window"), so the gateway's TTFT splits into that structural wait and its own cost.
// Memory: 1,000 concurrent streams, twice, with the gateway's memory read after a forced full GC.
// Prints numbers; asserts nothing.
// Run: npm run bench:gateway   (BENCH_SECONDS=N to change the length of each load phase)
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { Pool } from 'undici';
import { SseParser } from '../src/gateway/sse.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 20;
const PACE_MS = 1;
const CONCURRENT_STREAMS_FOR_MEMORY = 1_000;
const PATH = '/v1/chat/completions';
const children: ChildProcess[] = [];

interface Target {
  readonly name: 'direct' | 'proxy' | 'gateway' | 'gateway-mem';
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly pid?: number;
  readonly child?: ChildProcess;
}

interface ChildInfo {
  url: string;
  key?: string | null;
  pid: number;
  holdbackChars?: number;
}

async function startChild(args: string[], env: Record<string, string> = {}): Promise<{ info: ChildInfo; pid: number; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/gateway-bench-servers.ts', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  children.push(child);
  const [line] = await new Promise<string[]>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${args[0]} exited with ${code}`)));
    createInterface({ input: child.stdout! }).once('line', (l) => resolve([l]));
  });
  const info = JSON.parse(line!) as ChildInfo;
  // The server's own pid (tsx may run it in a process of its own under the spawned one).
  return { info: { ...info, pid: info.pid ?? child.pid! }, pid: info.pid ?? child.pid!, child };
}

const body = (stream: boolean) =>
  JSON.stringify({ model: 'bench', stream, messages: [{ role: 'system', content: 'You are a gardener.' }, { role: 'user', content: 'How do I grow tomatoes on a balcony?' }] });

/** CPU seconds (user + system, all threads) the process has used so far. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function throughput(target: Target): Promise<{ rps: number; p50: number; p99: number; errors: number; cpuMs: number }> {
  const cpuBefore = cpuSeconds(target.pid!);
  const result = await autocannon({
    url: target.url + PATH,
    method: 'POST',
    connections: CONNECTIONS,
    duration: SECONDS,
    body: body(false),
    headers: { 'content-type': 'application/json', ...target.headers },
  });
  // CPU per request is the figure a busy shared machine disturbs least: it does not depend on how much
  // of the CPU the process was given, only on what each request cost it.
  const cpuMs = ((cpuSeconds(target.pid!) - cpuBefore) * 1000) / Math.max(1, result.requests.total);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx, cpuMs };
}

/** One connection, one request at a time: latency without queueing, at sub-millisecond resolution. */
async function unloadedLatency(target: Target, count = 2_000): Promise<number> {
  const pool = new Pool(target.url, { connections: 1 });
  const times: number[] = [];
  for (let i = 0; i < count + 200; i += 1) {
    const start = performance.now();
    const res = await pool.request({ method: 'POST', path: PATH, headers: { 'content-type': 'application/json', ...target.headers }, body: body(false) });
    await res.body.arrayBuffer();
    if (i >= 200) times.push(performance.now() - start);
  }
  await pool.close();
  return percentile(times, 0.5);
}

/** `window`: when the client had more than `windowChars` characters (the first release a hold-back of that size allows). */
async function oneStream(pool: Pool, target: Target, paceMs: number, windowChars = Infinity): Promise<{ ttft: number; window: number; chars: number }> {
  const start = performance.now();
  const headers = { 'content-type': 'application/json', 'x-bench-pace-ms': String(paceMs), ...target.headers };
  const res = await pool.request({ method: 'POST', path: PATH, headers, body: body(true) });
  const parser = new SseParser();
  let ttft = -1;
  let window = -1;
  let chars = 0;
  for await (const chunk of res.body as AsyncIterable<Buffer>) {
    for (const event of parser.push(chunk)) {
      if (event.data === '' || event.data === '[DONE]') continue;
      const content = (JSON.parse(event.data) as { choices?: { delta?: { content?: string } }[] }).choices?.[0]?.delta?.content ?? '';
      if (content.length > 0 && ttft < 0) ttft = performance.now() - start;
      chars += content.length;
      if (chars > windowChars && window < 0) window = performance.now() - start;
    }
  }
  return { ttft, window, chars };
}

async function streaming(target: Target, paceMs: number, windowChars = Infinity, concurrency = CONNECTIONS, seconds = SECONDS): Promise<{ ttftP50: number; windowP50: number; charsPerSecond: number }> {
  const pool = new Pool(target.url, { connections: concurrency });
  const ttfts: number[] = [];
  const windows: number[] = [];
  let chars = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const result = await oneStream(pool, target, paceMs, windowChars);
        ttfts.push(result.ttft);
        windows.push(result.window);
        chars += result.chars;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  await pool.close();
  return { ttftP50: percentile(ttfts, 0.5), windowP50: percentile(windows, 0.5), charsPerSecond: chars / elapsed };
}

const MB = 1024 * 1024;

function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
}

/** The child's RSS and JS heap in MB right after a full GC it runs on request. */
async function memoryAfterGc(child: ChildProcess): Promise<{ rss: number; heap: number }> {
  const reply = new Promise<{ rss: number; heapUsed: number }>((resolve) => child.once('message', (m) => resolve(m as { rss: number; heapUsed: number })));
  child.send('gc');
  const { rss, heapUsed } = await reply;
  return { rss: rss / MB, heap: heapUsed / MB };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface MemoryRound {
  readonly peakRss: number;
  readonly after2s: { rss: number; heap: number };
  readonly after30s: { rss: number; heap: number };
}

/**
 * Gateway memory (after a full GC) before, and at the peak of and 2 s and 30 s after each round of many
 * concurrent streams. V8 and malloc hand freed pages back over tens of seconds, so RSS 2 s after still
 * counts memory that is already free; the JS heap after a GC is the figure that shows retained state.
 */
async function streamMemory(target: Target, rounds = 2): Promise<{ before: { rss: number; heap: number }; rounds: MemoryRound[] }> {
  const pid = target.pid!;
  const child = target.child!;
  const before = await memoryAfterGc(child);
  const results: MemoryRound[] = [];
  for (let round = 0; round < rounds; round += 1) {
    let peakRss = rssMb(pid);
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMb(pid))), 50);
    const pool = new Pool(target.url, { connections: CONCURRENT_STREAMS_FOR_MEMORY });
    await Promise.all(Array.from({ length: CONCURRENT_STREAMS_FOR_MEMORY }, () => oneStream(pool, target, PACE_MS)));
    await pool.close();
    clearInterval(sampler);
    await sleep(2_000);
    const after2s = await memoryAfterGc(child);
    await sleep(28_000);
    results.push({ peakRss, after2s, after30s: await memoryAfterGc(child) });
  }
  return { before, rounds: results };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}

const f = (n: number, digits = 2) => n.toFixed(digits);

async function main(): Promise<void> {
  const upstream = await startChild(['upstream']);
  const proxy = await startChild(['proxy', upstream.info.url]);
  const gateway = await startChild(['gateway', upstream.info.url], { OPENAI_API_KEY: 'sk-bench-upstream' });
  const gatewayMem = await startChild(['gateway-memory', upstream.info.url], { OPENAI_API_KEY: 'sk-bench-upstream' });
  const holdback = gateway.info.holdbackChars!;
  const targets: Target[] = [
    { name: 'direct', url: upstream.info.url, headers: {}, pid: upstream.pid },
    { name: 'proxy', url: proxy.info.url, headers: {}, pid: proxy.pid },
    { name: 'gateway', url: gateway.info.url, headers: { authorization: `Bearer ${gateway.info.key!}` }, pid: gateway.pid, child: gateway.child },
    { name: 'gateway-mem', url: gatewayMem.info.url, headers: {}, pid: gatewayMem.pid },
  ];
  console.log(`gateway bench: ${CONNECTIONS} connections, ${SECONDS}s per phase, 800-character answers in 200 tokens, hold-back ${holdback} characters`);

  const rows: Record<string, { rps: number; p50: number; p99: number; errors: number; cpuMs: number; unloaded: number; ttft: number; window: number; cps: number }> = {};
  for (const target of targets) {
    const t = await throughput(target);
    const unloaded = await unloadedLatency(target);
    const paced = await streaming(target, PACE_MS, holdback);
    const unpaced = await streaming(target, 0);
    rows[target.name] = { ...t, unloaded, ttft: paced.ttftP50, window: paced.windowP50, cps: unpaced.charsPerSecond };
    console.log(
      `${target.name.padEnd(11)} ${f(t.rps, 0)} req/s  p50 ${t.p50} ms  p99 ${t.p99} ms  errors ${t.errors}  CPU ${f(t.cpuMs, 3)} ms/req  unloaded p50 ${f(unloaded, 3)} ms  ` +
        `stream TTFT p50 ${f(paced.ttftP50, 1)} ms, ${holdback + 1} chars at ${f(paced.windowP50, 1)} ms (upstream ${PACE_MS} ms/token)  ${f(unpaced.charsPerSecond / 1000, 1)}k output chars/s`,
    );
  }
  const { direct, proxy: minimal } = rows as Record<Target['name'], (typeof rows)[string]>;
  console.log(`\nproxy vs direct: throughput ${f(minimal.rps / direct.rps)}x`);
  for (const name of ['gateway', 'gateway-mem'] as const) {
    const guarded = rows[name]!;
    console.log(`\nratios, ${name} vs minimal proxy${name === 'gateway-mem' ? ' (decision log in memory: no fsync per decision)' : ''}`);
    console.log(`  non-streaming throughput        ${f(guarded.rps / minimal.rps)}x   (CPU per request ${f(guarded.cpuMs / minimal.cpuMs, 1)}x the proxy's)`);
    console.log(`  added p50 latency, 20 conns     ${f(guarded.p50 - minimal.p50, 0)} ms (autocannon, 1 ms resolution); mean by Little's law ${f((CONNECTIONS / guarded.rps - CONNECTIONS / minimal.rps) * 1000, 3)} ms`);
    console.log(`  added p50 latency, unloaded     ${f(guarded.unloaded - minimal.unloaded, 3)} ms`);
    console.log(
      `  streaming TTFT                  ${f(guarded.ttft / minimal.ttft)}x   (+${f(guarded.ttft - minimal.ttft, 1)} ms; of that, ${f(minimal.window - minimal.ttft, 1)} ms is the upstream ` +
        `writing the hold-back window, ${f(guarded.ttft - minimal.window, 1)} ms the gateway's own)`,
    );
    console.log(`  streaming output chars/s        ${f(guarded.cps / minimal.cps)}x`);
  }
  const memory = await streamMemory(targets[2]!);
  const mem = (m: { rss: number; heap: number }) => `RSS ${f(m.rss, 0)} MB / heap ${f(m.heap, 0)} MB`;
  console.log(`\n${CONCURRENT_STREAMS_FOR_MEMORY} concurrent streams, twice; gateway memory after a full GC: before ${mem(memory.before)}`);
  memory.rounds.forEach((round, i) => {
    console.log(`  round ${i + 1}: peak RSS ${f(round.peakRss, 0)} MB; 2 s after ${mem(round.after2s)}; 30 s after ${mem(round.after30s)}`);
  });
}

try {
  await main();
} finally {
  for (const child of children) child.kill();
}
