import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { LOOPBACK } from './loopback.js';

/** The CLI from source (`node --import tsx src/cli/main.ts`), so tests never run a stale dist/. */
const MAIN = fileURLToPath(new URL('../../cli/main.ts', import.meta.url));
const START_TIMEOUT_MS = 30_000;

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runCli(args: readonly string[]): CliResult {
  const res = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

export interface ServeProcess {
  readonly child: ChildProcess;
  readonly proxyPort: number;
  readonly adminPort: number;
  output(): string;
  /** SIGTERM and wait for exit (the proxy flushes its ledger on the way out). */
  stop(): Promise<void>;
}

/** Spawns `bulwark egress serve` on ephemeral ports and waits for its "listening" line. */
export function spawnServe(args: readonly string[]): Promise<ServeProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'egress', 'serve', '--listen', `${LOOPBACK}:0`, '--admin-listen', `${LOOPBACK}:0`, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => void stop().then(() => reject(new Error(`egress serve did not start: ${out}`))), START_TIMEOUT_MS);
    const onData = (chunk: Buffer): void => {
      out += chunk.toString();
      const match = /listening on http:\/\/127\.0\.0\.1:(\d+) .*status on http:\/\/127\.0\.0\.1:(\d+)\/status/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, proxyPort: Number(match[1]), adminPort: Number(match[2]), output: () => out, stop });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`egress serve exited with ${code}: ${out}`));
    });
  });
}

/** A TCP relay to a service, to take the service away from a running process (`cut()`). */
export async function startRelay(targetPort: number): Promise<{ port: number; cut(): Promise<void>; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((inbound) => {
    const outbound = connect(targetPort, LOOPBACK);
    for (const s of [inbound, outbound]) {
      sockets.add(s);
      s.on('error', () => {});
      s.once('close', () => sockets.delete(s));
    }
    inbound.pipe(outbound).pipe(inbound);
    inbound.once('close', () => outbound.destroy());
    outbound.once('close', () => inbound.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
  const port = (server.address() as { port: number }).port;
  const cut = async (): Promise<void> => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const s of sockets) s.destroy();
    await closed;
  };
  return { port, cut, close: () => (server.listening ? cut() : Promise.resolve()) };
}

export async function getJson(port: number, path: string): Promise<unknown> {
  const res = await fetch(`http://${LOOPBACK}:${port}${path}`);
  return res.json();
}
