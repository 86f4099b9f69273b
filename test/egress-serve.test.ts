import { mkdtempSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuth, connectThrough, LOOPBACK, startSink, upload, type Sink } from '../src/egress/testing/loopback.js';
import { CliDeployment } from './kit/cli-deployment.js';

/*
 * Issue 5, Deliver 1: the forward proxy runs inside `bulwark serve` when the merged configuration has
 * `egress.enabled: true`, on its own port, with the admin `/status` and self-test of `egress serve`,
 * the same start-up gate and override, and it closes with the server.
 */
const MiB = 1024 * 1024;

interface StatusDocument {
  healthy: boolean;
  capsEnforced: boolean;
  lastSelftest: { passed: boolean } | null;
  usage: {
    identities: { identity: string; uploadBytes: number; openTunnels: number }[];
    budgets: { scope: string; budgets: { window: string; usedBytes: number; limitBytes: number; leftBytes: number }[] }[];
  } | null;
}

/** The proxy and its admin listener on free ports; `trainer` may reach only the sink. */
function egressBlock(sinkPort: number, trainer: string, ...lines: string[]): string {
  return [
    'egress:',
    '  enabled: true',
    '  listen: "127.0.0.1:0"',
    '  adminListen: "127.0.0.1:0"',
    `  identities: { trainer: { allow: ["127.0.0.1:${sinkPort}"], ${trainer} } }`,
    ...lines,
    '',
  ].join('\n');
}

/** Spawns `bulwark serve` with `args`; resolves with its stdout once the egress line is printed, then stops it. */
function startAndStop(d: CliDeployment, ...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = d.spawnCli(['serve', '--port', '0', ...args]);
    let out = '';
    let err = '';
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (/egress proxy on .*\/status/.test(out)) child.kill('SIGTERM');
    });
    child.once('exit', (code) => (/egress proxy on/.test(out) ? resolve(out) : reject(new Error(`serve exited ${code}: ${err}`))));
  });
}

async function waitForSelftest(statusUrl: string): Promise<StatusDocument> {
  for (let i = 0; i < 100; i += 1) {
    const status = (await (await fetch(statusUrl)).json()) as StatusDocument;
    if (status.lastSelftest !== null) return status;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no self-test result at ${statusUrl}`);
}

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, LOOPBACK);
    socket.once('connect', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(true));
  });
}

describe('bulwark serve with egress.enabled', () => {
  let sink: Sink;
  let config: string;
  let d: CliDeployment;

  beforeAll(async () => {
    sink = await startSink();
    config = path.join(mkdtempSync(path.join(tmpdir(), 'bulwark-egress-serve-config-')), 'bulwark.yaml');
    d = new CliDeployment({ prefix: 'bulwark-egress-serve-', env: { BULWARK_CONFIG: config } });
  });

  afterAll(async () => {
    await d.stop();
    await sink.close();
  });

  it('refuses to start when the plan says the weights could leave too fast, unless started with the named override', async () => {
    // 810 GB at 16x through a 1 GiB/s identity with a 64 GiB day budget: under a day, below the 30-day minimum.
    writeFileSync(config, egressBlock(sink.port, 'rate: "1GiB/s", budgets: { "24h": "64GiB" }', '  artifacts: ["810GB"]'));
    const refusedStart = await d.run('serve', '--port', '0');
    expect(refusedStart.code).not.toBe(0);
    expect(refusedStart.stderr).toContain('EGRESS_EXFIL_TOO_FAST');
    expect(refusedStart.stderr).toContain('unsafeAllowFastExfiltration');
    expect(await startAndStop(d, '--unsafe-allow-fast-exfiltration')).toMatch(/egress proxy on http:\/\/127\.0\.0\.1:\d+/);
  });

  it('runs the proxy on its own port: 407, 403, a CONNECT tunnel, /status with usage; stopping serve closes it', async () => {
    writeFileSync(config, egressBlock(sink.port, 'rate: "50MiB/s", budgets: { "24h": "16MiB" }'));
    const created = await d.run('egress', 'token', 'create', '--identity', 'trainer', '--json');
    expect(created.code, created.stderr).toBe(0);
    const { token } = JSON.parse(created.stdout) as { token: string };
    await d.start();
    const line = /egress proxy on http:\/\/127\.0\.0\.1:(\d+) \(local ledger\), status on (http:\/\/\S+\/status)/.exec(d.serveOutput);
    expect(line, d.serveOutput).not.toBeNull();
    const proxyPort = Number(line![1]);
    const statusUrl = line![2]!;

    expect((await connectThrough(proxyPort, `127.0.0.1:${sink.port}`, basicAuth('trainer', 'bwe_wrong'))).status).toBe(407);
    const offList = await connectThrough(proxyPort, '127.0.0.1:9', basicAuth('trainer', token));
    expect(offList.status).toBe(403);
    expect(offList.response).toContain('EGRESS_DESTINATION_DENIED');

    const tunnel = await connectThrough(proxyPort, `127.0.0.1:${sink.port}`, basicAuth('trainer', token));
    expect(tunnel.status).toBe(200);
    const base = sink.received();
    await upload(tunnel.socket, 4 * MiB);
    await sink.waitFor(base + 4 * MiB);

    const status = await waitForSelftest(statusUrl);
    expect(status).toMatchObject({ healthy: true, capsEnforced: true, lastSelftest: { passed: true } });
    expect(status.usage?.identities).toContainEqual(expect.objectContaining({ identity: 'trainer', uploadBytes: 4 * MiB, openTunnels: 1 }));
    const day = status.usage?.budgets.find((s) => s.scope === 'identity:trainer')?.budgets.find((b) => b.window === '24h');
    expect(day).toEqual({ window: '24h', usedBytes: 4 * MiB, limitBytes: 16 * MiB, leftBytes: 12 * MiB, fraction: 0.25, alerts: [] });
    tunnel.socket.destroy();

    await d.stop();
    expect(await refused(proxyPort)).toBe(true);
    expect(await refused(Number(new URL(statusUrl).port))).toBe(true);
  });
});
